/**
 * The console as a contract driver: the real console adapter (its line handler, the same one `npm start`
 * reads stdin with) on the real core and a test database; what it prints is parsed back into replies.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createConsoleAdapter } from '../../src/adapters/console/console.adapter.js';
import { createRecapCharts } from '../../src/charts/readiness.chart.js';
import { createBot } from '../../src/core/bot.js';
import { systemClock } from '../../src/core/clock.js';
import { loadCatalog } from '../../src/core/content/catalog.js';
import { createPublisherRegistry } from '../../src/core/publishing/publisher.registry.js';
import { createStores } from '../../src/db/stores.js';
import { silentLog } from '../support/harness.js';
import { suiteLogger } from '../support/log-sink.js';
import { fixtureContent } from '../support/paths.js';
import { createRecordingObserver } from '../support/recording-observer.js';
import { createTestDatabase } from '../support/test-db.js';
import type { PlatformDriver, SeenReply } from './platform.driver.js';

/** Splits printed output into replies: each starts with `[only you]` or `[#channel]` and ends at a blank line. */
export function parseConsoleOutput(output: string): SeenReply[] {
  return output
    .split(/\n\n+/)
    .filter((block) => /^\[(only you|#channel)\]/.test(block))
    .map((block) => {
      const letters = /Answer by typing a letter: ([A-E ]+)$/m.exec(block)?.[1]?.trim().split(' ') ?? [];
      const numbered = [...block.matchAll(/\[(\d+)\] (.+?)(?=\s{2}\[\d+\]|\s\(type the number\)$)/gm)].map(
        (m) => m[2] ?? '',
      );
      const labels = letters.length > 0 ? letters : numbered;
      return {
        visibility: block.startsWith('[#channel]') ? 'channel' : 'only-user',
        text: block,
        buttons: labels.map((label, i) => ({ label, index: i + 1 })),
      };
    });
}

export async function openConsoleDriver(): Promise<PlatformDriver<string>> {
  const database = await createTestDatabase();
  const publishers = createPublisherRegistry();
  const bot = createBot({
    ...createStores({ database }),
    charts: createRecapCharts(),
    catalog: await loadCatalog(fixtureContent),
    publishers,
    clock: systemClock,
    settings: { postWindowHours: 24, defaultTimezone: 'UTC' },
    log: silentLog,
  });
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => {
    printed += chunk.toString('utf8');
  });
  const observer = createRecordingObserver();
  const adapter = createConsoleAdapter({
    bot,
    logger: suiteLogger(),
    input: new PassThrough(),
    output,
    interactive: false,
    banner: [],
    observer,
    imageDir: path.join(tmpdir(), `studybot-contract-${process.pid}-${Date.now()}`),
  });
  publishers.register('console', adapter.publisher);
  let current = '';
  /** Everything one typed line printed, as replies; every channel post printed so far, kept by channel. */
  const posted = new Map<string, SeenReply[]>();
  async function type(user: string, line: string, channel: string) {
    if (user !== current) {
      await adapter.handleLine(`/as ${user}`);
      current = user;
    }
    printed = '';
    const seen = observer.events.length;
    await adapter.handleLine(line);
    await new Promise((resolve) => setImmediate(resolve));
    const replies = parseConsoleOutput(printed);
    const channelPosts = replies.filter((r) => r.visibility === 'channel');
    posted.set(channel, [...(posted.get(channel) ?? []), ...channelPosts]);
    return {
      replies: replies.filter((r) => r.visibility === 'only-user'),
      codes: observer.events.slice(seen).flatMap((e) => e.codes),
    };
  }
  return {
    platform: 'console',
    hasMembers: false,
    user: (name) => name.toLowerCase(),
    command: (user, name, text, channel) => type(user, `/${name} ${text}`.trim(), channel),
    explainText: (user, text, channel) => type(user, `/explain-text ${text}`, channel),
    // A terminal has no buttons: the user types a letter (answers) or a button's number.
    press: (user, button, channel) =>
      type(user, /^[A-E]$/.test(button.label) ? button.label : String(button.index), channel),
    // The console's form: the press prints the reasons, the next typed line is "<reason> <text>".
    async fillForm(user, button, channel, values) {
      const opened = await type(user, String(button.index), channel);
      const form = opened.replies[0]?.text ?? '';
      const fields = [
        /Why\? 1 wrong-key/.test(form) ? 'reason' : '',
        /what is wrong/.test(form) ? 'text' : '',
      ];
      const submitted = await type(user, `${values.reason} ${values.text}`.trim(), channel);
      return { opened: fields.filter((f) => f !== ''), submitted };
    },
    async channel(channel) {
      const posts = posted.get(channel) ?? [];
      return {
        questions: posts.filter((p) => p.text.startsWith('[#channel] Question of the day')),
        reveals: posts.filter((p) => p.text.startsWith('[#channel] The answer:')),
        recaps: posts.filter((p) => p.text.startsWith('[#channel] Weekly recap')),
        // The console writes a picture to a file and names it, with its alt text, under the recap.
        pictures: posts.flatMap(
          (p) => /^Chart \(\d+×\d+ PNG\): \S+\.png\. (.+)$/m.exec(p.text)?.slice(1) ?? [],
        ),
      };
    },
    close: () => database.close(),
  };
}
