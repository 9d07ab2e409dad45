/**
 * A chat platform as a test user sees it, for the contract scenarios: send a command, press a button, read
 * what the bot posted in a channel. Each driver runs the real adapter (Bolt over signed HTTP, discord.js over
 * the loopback gateway, the console's line handler) on a real database; only the platform's servers are fakes.
 */
import type { Visibility } from '../../src/core/replies.js';

export interface SeenButton {
  label: string;
  /** What the driver needs to press it (a Slack value and message ts, a Discord custom_id and message id). */
  actionId?: string;
  messageRef?: string;
  /** 1-based position among the message's buttons (the console presses numbered buttons by it). */
  index: number;
}

export interface SeenReply {
  visibility: Visibility;
  /** Title, body, fields and footer as one plain text, as the user reads it. */
  text: string;
  buttons: SeenButton[];
}

/** What one command or press produced: the replies the user saw and the refusal codes the pipeline reported. */
export interface Seen {
  replies: SeenReply[];
  codes: string[];
}

export interface ChannelView {
  /** Questions posted in the channel, oldest first, as they read now (a closed question shows its answer). */
  questions: SeenReply[];
  /** Reveals posted in the channel (under the question, or after it where a platform cannot edit). */
  reveals: SeenReply[];
  /** Weekly recaps posted in the channel. */
  recaps: SeenReply[];
  /** Pictures posted in the channel (Slack files, Discord attachments, console PNG files): their alt texts. */
  pictures: string[];
}

export interface PlatformDriver<U = unknown> {
  platform: 'slack' | 'discord' | 'console';
  /** False where everyone is an admin (the console): scenarios about members' limits are skipped. */
  hasMembers: boolean;
  user(name: string, options?: { admin?: boolean }): U;
  command(user: U, name: string, text: string, channel: string): Promise<Seen>;
  press(user: U, button: SeenButton, channel: string): Promise<Seen>;
  /**
   * "Explain terms in this message" on a message with `text` in `channel` (Slack: the message shortcut;
   * Discord: the message context menu; console: `/explain-text`).
   */
  explainText(user: U, text: string, channel: string): Promise<Seen>;
  /**
   * Presses a button that opens a form (Report) and fills it in as the platform lets a user: a Slack modal,
   * a Discord modal, the console's next typed line. `opened` is what the press showed (the form's fields by
   * name, where the platform has a modal); `submitted` what the submission answered.
   */
  fillForm(
    user: U,
    button: SeenButton,
    channel: string,
    values: { reason: string; text: string },
  ): Promise<{ opened: string[]; submitted: Seen }>;
  channel(channel: string): Promise<ChannelView>;
  close(): Promise<void>;
}
