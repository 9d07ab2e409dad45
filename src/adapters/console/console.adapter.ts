import { once } from 'node:events';
import readline from 'node:readline';
import { type Bot, replyForError } from '../../core/bot.js';
import { type Actor, isCommandName } from '../../core/events.js';
import type { ChannelPublisher } from '../../core/ports.js';
import type { Reply, ReplyButton } from '../../core/replies.js';
import type { Logger } from '../../logger.js';
import { renderConsoleReply } from './console.render.js';

export const CONSOLE_WORKSPACE = 'local';
export const CONSOLE_CHANNEL = 'console';

export interface ConsoleAdapterOptions {
  bot: Bot;
  logger: Logger;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Interactive terminal: prompt and colours. Piped input is read line by line and ends at EOF. */
  interactive: boolean;
  /** Printed once at start: what is running and how to connect a platform. */
  banner: string[];
  initialUser?: string;
}

export interface ConsoleAdapter {
  /** Resolves when input ends or the user types /quit. */
  run(): Promise<void>;
  /** Prints a reply that did not come from this user's own command (a channel post, a reveal). */
  show(reply: Reply): void;
  /** Posts to the console's one channel: the same port Slack and Discord implement. */
  publisher: ChannelPublisher;
}

const CONSOLE_HELP = [
  '/as <name>: chat as somebody else, to try the bot as a team',
  'A, B, C…: answer the latest question; 1, 2…: press a numbered button',
  '/quit: leave (or Ctrl-D)',
];

/** A readline chat on the same core path as Slack and Discord, as a local admin user. */
export function createConsoleAdapter(options: ConsoleAdapterOptions): ConsoleAdapter {
  const { bot, output, interactive } = options;
  const log = options.logger.child({ module: 'console' });
  let userName = options.initialUser ?? 'you';
  let lastButtons: ReplyButton[] = [];

  const actor = (): Actor => ({
    platform: 'console',
    workspaceId: CONSOLE_WORKSPACE,
    workspaceName: 'console',
    channelId: CONSOLE_CHANNEL,
    userId: `user:${userName.toLowerCase()}`,
    userName,
    isAdmin: true,
  });
  const write = (text: string) => output.write(`${text}\n`);
  const show = (reply: Reply) => {
    if (reply.buttons && reply.buttons.length > 0) lastButtons = reply.buttons;
    write(renderConsoleReply(reply, { color: interactive }));
    write('');
  };

  async function handle(line: string): Promise<'quit' | undefined> {
    const text = line.trim();
    if (text === '') return undefined;
    if (/^\/(quit|exit)$/i.test(text)) return 'quit';
    let replies: Reply[];
    try {
      replies = await dispatch(text);
    } catch (error) {
      log.error({ err: error }, 'console command failed');
      replies = [replyForError(error)];
    }
    for (const r of replies) show(r);
    return undefined;
  }

  async function dispatch(text: string): Promise<Reply[]> {
    const letter = /^[A-Ea-e]$/.test(text) ? text.toUpperCase() : undefined;
    const number = /^[1-9]$/.test(text) ? Number(text) : undefined;
    if (letter !== undefined || number !== undefined) {
      const button =
        letter !== undefined ? lastButtons.find((b) => b.label === letter) : lastButtons[(number ?? 0) - 1];
      if (!button)
        return [
          info(
            `There is no button ${text} to press right now. Post a question with /studybot post or try /quiz.`,
          ),
        ];
      return bot.action(actor(), button.actionId);
    }
    if (!text.startsWith('/')) {
      return [info('Commands start with a slash, such as /explain scp. Type /help for the list.')];
    }
    const [rawName = '', ...rest] = text.slice(1).split(/\s+/);
    const name = rawName.toLowerCase();
    const args = text.slice(1 + rawName.length).trim();
    if (name === 'as') {
      const next = rest.join(' ').trim();
      if (next === '' || next.length > 40)
        return [info('Usage: /as <name> (up to 40 characters), e.g. /as alice')];
      userName = next;
      return [info(`You are now ${userName}.`)];
    }
    if (name === 'help') {
      const replies = await bot.command(actor(), 'help', '');
      return [...replies, info(...CONSOLE_HELP)];
    }
    if (!isCommandName(name))
      return [info(`Unknown command /${name.slice(0, 40)}. Type /help for the list.`)];
    return bot.command(actor(), name, args);
  }

  let messages = 0;
  const publisher: ChannelPublisher = {
    async post(_channel, reply) {
      show(reply);
      messages += 1;
      return `console-${messages}`;
    },
    async reveal(_channel, _messageRef, _updated, reveal) {
      // A terminal cannot edit what it printed; the reveal says everything the edit would. The old
      // buttons stay pressable so a late answer gets the core's "closed" reply, as on the platforms.
      show(reveal);
    },
  };

  return {
    show,
    publisher,
    async run() {
      for (const line of options.banner) write(line);
      write('');
      const rl = readline.createInterface({
        input: options.input,
        output: interactive ? output : undefined,
        terminal: interactive,
      });
      const prompt = () => {
        if (interactive) {
          rl.setPrompt(`${userName}> `);
          rl.prompt();
        }
      };
      prompt();
      try {
        for await (const line of rl) {
          if ((await handle(line)) === 'quit') break;
          // A long piped script must not outrun a slow reader: wait for the output to drain.
          if ((output as NodeJS.WritableStream & { writableNeedDrain?: boolean }).writableNeedDrain) {
            await once(output as NodeJS.EventEmitter, 'drain');
          }
          prompt();
        }
      } finally {
        rl.close();
      }
    },
  };
}

function info(...lines: string[]): Reply {
  return { kind: 'info', visibility: 'only-user', lines };
}
