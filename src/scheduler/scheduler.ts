import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger.js';
import type { DailyPostJob, TickReport } from './daily-post.job.js';

/**
 * The clock of every replica: node-cron runs the daily-post job at the start of every minute, plus once
 * at start-up (the catch-up for slots missed while the bot was down). Ticks never overlap in a process;
 * across processes the job's claims keep every post exactly-once.
 */
export function createScheduler(options: { job: DailyPostJob; logger: Logger }) {
  const log = options.logger.child({ module: 'scheduler' });
  let task: ScheduledTask | undefined;
  let running: Promise<TickReport | undefined> | undefined;

  function run(reason: string): Promise<TickReport | undefined> {
    if (running) return running;
    running = options.job
      .tick()
      .then((report) => {
        const busy = report.posted + report.failed + report.skipped + report.closed > 0;
        log[busy ? 'info' : 'debug']({ reason, ...report }, 'scheduler tick');
        return report;
      })
      .catch((err: unknown) => {
        // A tick that fails (the database is down, say) is logged and tried again next minute.
        log.error({ err, reason }, 'scheduler tick failed');
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  return {
    /** Starts the minute clock and runs the start-up catch-up in the background. */
    start(): void {
      task = cron.schedule('* * * * *', () => run('minute'), {
        name: 'studybot-daily-posts',
        noOverlap: true,
      });
      void run('start-up');
    },
    /** Runs one tick now (tests, and `/studybot` admins who want the catch-up at once). */
    runNow: () => run('manual'),
    /** Stops taking work, lets deliveries in flight finish, and returns when the last tick has settled. */
    async stop(): Promise<void> {
      await task?.stop();
      await task?.destroy();
      options.job.stop();
      await running;
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
