import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { latestAction } from '../../core/actions.js';
import type { Actor } from '../../core/actor.js';
import type { Bot } from '../../core/bot.js';
import { type ChannelPublisher, ImageRefusedError } from '../../core/publishing/publisher.port.js';
import { refusal } from '../../core/refusals.js';
import {
  privateReply,
  type Reply,
  type ReplyButton,
  type ReplyForm,
  type ReplyImage,
} from '../../core/replies.js';
import type { Logger } from '../../logger.js';
import {
  createInboundPipeline,
  type InboundObserver,
  type InboundRequest,
  type InboundSettings,
} from '../inbound.pipeline.js';
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
  /** Who is typing at first (default `console`); `/as` changes it. */
  initialUser?: string;
  /** Told about every handled event (tests read refusal codes here). */
  observer?: InboundObserver;
  /** Redelivery memory and the bound of work in flight, for the inbound pipeline. */
  inbound?: InboundSettings;
  /** Where a post's picture (the recap chart) is written as a PNG file; unset, pictures are refused (text). */
  imageDir?: string;
}

export interface ConsoleAdapter {
  /** Resolves when input ends or the user types /quit. */
  run(): Promise<void>;
  /** One typed line, handled and answered (what `run` does for each line of input); `quit` for /quit. */
  handleLine(line: string): Promise<'quit' | undefined>;
  /** Prints a reply that did not come from this user's own command (a channel post, a reveal). */
  show(reply: Reply): void;
  /** Posts to the console's one channel: the same port Slack and Discord implement. */
  publisher: ChannelPublisher;
}

const AS_USAGE = '/as <name> (up to 40 characters), e.g. /as alice';

/** What the console adds to /help: its own commands and shortcuts. */
const CONSOLE_HELP = [
  '/as <name>: chat as somebody else, to try the bot as a team',
  '/explain-text <text>: explain the study-note terms a message names (Slack: the message shortcut; Discord: the message menu)',
  'A, B, C…: answer your own practice question (/quiz), else the open question here; 1, 2…: press a numbered button',
  '/quit: leave (or Ctrl-D)',
];

/** Resolves when `output` drains, closes or fails: a reader that went away must not stop the chat with an error. */
function drained(output: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const events = ['drain', 'close', 'error'] as const;
    const done = () => {
      for (const e of events) output.off(e, done);
      resolve();
    };
    for (const e of events) output.on(e, done);
  });
}

const FORM_HINT =
  '(type the number or the word, then what is wrong if you like, e.g. "2 choice C is also right"; a command cancels)';

/**
 * A typed line as a form's values: its first word picks the form's choice (by number or by value), the rest
 * is its text. Whatever it says, the core checks it.
 */
export function formValues(form: ReplyForm, line: string): Record<string, string> {
  const [first = '', ...rest] = line.trim().split(/\s+/);
  const values: Record<string, string> = {};
  const choice = form.fields.find((f) => f.kind === 'choice');
  const text = form.fields.find((f) => f.kind === 'text');
  if (choice?.kind === 'choice') {
    const picked = /^[1-9]$/.test(first) ? choice.options[Number(first) - 1]?.value : undefined;
    values[choice.name] = picked ?? first.toLowerCase();
  }
  if (text) values[text.name] = rest.join(' ');
  return values;
}

/** A typed line as the transcript shows it: no control characters, at most 80 characters. */
function echoed(line: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
  const text = line.trim().replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** A readline chat on the same core path as Slack and Discord, as a local admin user. */
export function createConsoleAdapter(options: ConsoleAdapterOptions): ConsoleAdapter {
  const { bot, output, interactive } = options;
  const pipeline = createInboundPipeline({
    bot,
    logger: options.logger,
    ...(options.observer ? { observer: options.observer } : {}),
    ...options.inbound,
  });
  let userName = options.initialUser ?? 'console';
  let lastButtons: ReplyButton[] = [];
  /** A form the core opened (Report): the next typed line that is not a command fills it in. */
  let pendingForm: ReplyForm | undefined;

  const actor = (): Actor => ({
    platform: 'console',
    workspaceId: CONSOLE_WORKSPACE,
    workspaceName: 'console',
    channelId: CONSOLE_CHANNEL,
    userId: `user:${userName.toLowerCase()}`,
    userName,
    isAdmin: true,
  });
  // Once the reader is gone (EPIPE), nothing more is written and the chat ends: the process owner decides
  // what else happens (main.ts stops the app quietly).
  const gone = () => (output as NodeJS.WritableStream & { destroyed?: boolean }).destroyed === true;
  const write = (text: string) => {
    if (!gone()) output.write(`${text}\n`);
  };
  const render = (reply: Reply) => renderConsoleReply(reply, { color: interactive });
  const show = (reply: Reply) => {
    if (reply.buttons && reply.buttons.length > 0) lastButtons = reply.buttons;
    write(render(reply));
    if (reply.form) {
      pendingForm = reply.form;
      write(FORM_HINT);
    }
    write('');
  };

  let lines = 0;
  // Line numbers restart with the process: the run id keeps them apart in the redelivery memory.
  const run = `line:${randomUUID()}`;
  /** A request for the core, through the same pipeline as Slack and Discord. */
  const ask = (request: InboundRequest) =>
    pipeline.handle({
      platform: 'console',
      deliveryId: `${run}:${++lines}`,
      request,
      about: { user: userName },
      actor: async () => actor(),
      render,
      async send(replies) {
        for (const { reply } of replies) show(reply);
      },
    });

  /** One typed line: a command, a letter or number pressing a button, or a console-only command. */
  async function handle(line: string): Promise<'quit' | undefined> {
    const text = line.trim();
    if (text === '') return undefined;
    if (/^\/(quit|exit)$/i.test(text)) return 'quit';
    const form = pendingForm;
    pendingForm = undefined;
    if (form && !text.startsWith('/')) {
      await ask({ kind: 'submit', formId: form.id, values: formValues(form, text) });
      return undefined;
    }
    // A letter answers this member's pending practice question, else the channel's open question: the core
    // looks both up, so it never lands on someone else's question and still works after a restart.
    if (/^[A-Ea-e]$/.test(text)) {
      await ask({ kind: 'action', actionId: latestAction(text.toUpperCase()) });
      return undefined;
    }
    if (/^[1-9]$/.test(text)) {
      const button = lastButtons[Number(text) - 1];
      if (!button) show(refusal('NO_BUTTON', { button: text }));
      else await ask({ kind: 'action', actionId: button.actionId });
      return undefined;
    }
    if (!text.startsWith('/')) {
      show(refusal('NOT_A_COMMAND'));
      return undefined;
    }
    const [rawName = ''] = text.slice(1).split(/\s+/);
    const name = rawName.toLowerCase();
    const args = text.slice(1 + rawName.length).trim();
    if (name === 'as') {
      if (args === '' || args.length > 40) show(refusal('ARGUMENT_INVALID', { usage: AS_USAGE }));
      else {
        userName = args;
        show(privateReply('info', [`You are now ${userName}.`]));
      }
      return undefined;
    }
    // What Slack's message shortcut and Discord's message menu do with a message, for typed text.
    if (name === 'explain-text') {
      await ask({ kind: 'explain-text', text: args });
      return undefined;
    }
    await ask({ kind: 'command', name, text: args });
    // The console's own shortcuts follow the list of commands (not one command's help).
    if (name === 'help' && args === '') show(privateReply('info', CONSOLE_HELP));
    return undefined;
  }

  let messages = 0;
  /** Writes a post's picture to `imageDir` (a terminal shows no pictures) and returns the path it names. */
  async function saveImage(image: ReplyImage): Promise<string> {
    const dir = options.imageDir;
    if (!dir) throw new ImageRefusedError('the console has no folder for pictures');
    try {
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, path.basename(image.filename));
      await writeFile(file, image.png);
      return file;
    } catch (error) {
      throw new ImageRefusedError(`the picture could not be written to ${dir}`, { cause: error });
    }
  }

  const publisher: ChannelPublisher = {
    async post(_channel, reply) {
      if (reply.image) {
        const file = await saveImage(reply.image);
        const { image, ...text } = reply;
        show({ ...text, footer: `Chart (${image.width}×${image.height} PNG): ${file}. ${image.altText}` });
        messages += 1;
        return `console-${messages}`;
      }
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
    handleLine: handle,
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
          // A piped script reads as a conversation: each line after the name of who typed it.
          if (!interactive && line.trim() !== '') write(`${userName}> ${echoed(line)}`);
          if ((await handle(line)) === 'quit') break;
          // A long piped script must not outrun a slow reader: wait for the output to drain (or to fail).
          if ((output as NodeJS.WritableStream & { writableNeedDrain?: boolean }).writableNeedDrain) {
            await drained(output);
          }
          if (gone()) break;
          prompt();
        }
      } finally {
        rl.close();
      }
    },
  };
}
