/**
 * Loaded with `--import` into a server process the benchmark drives (the bot, the reference server): answers
 * the benchmark's IPC message `cpu` with this process's own `process.cpuUsage()` (µs) and its resident set,
 * so CPU per click is the server's alone. Does nothing when the process has no IPC channel.
 */
if (process.send) {
  process.on('message', (message) => {
    if (message === 'cpu') process.send?.({ cpu: process.cpuUsage(), rss: process.memoryUsage().rss });
  });
  // The channel must not keep a stopping server alive.
  process.channel?.unref();
}
