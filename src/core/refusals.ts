/**
 * Every refusal and error the bot answers with: a stable code (logs, metrics and tests key on it) and the
 * wording users read, in this one table. A refusal always says whether anything was changed.
 */
import type { Reply } from './replies.js';

export const REFUSALS = {
  /** Anything unexpected: the cause is logged, the user hears that nothing changed. */
  INTERNAL: () =>
    'Sorry, something went wrong on my side and nothing was changed. Please try again in a moment.',
  COMMAND_UNKNOWN: (p: { command: string; commands: string }) =>
    `I do not know the command ${p.command}. My commands are ${p.commands}; /help says what each does.`,
  SUBCOMMAND_UNKNOWN: (p: { command: string; subcommands: string }) =>
    `There is no ${p.command}. Its sub-commands are ${p.subcommands}:`,
  /** Arguments the command does not take; `usage` is the command's usage sentence from the registry. */
  ARGUMENT_INVALID: (p: { usage: string }) => `Usage: ${p.usage}`,
  ARGUMENT_TOO_LONG: (p: { length: number; max: number; what: string; usage: string }) =>
    `That is ${p.length} characters; ${p.what} is at most ${p.max}. Usage: ${p.usage}`,
  NOT_ADMIN: (p: { command: string }) =>
    `Sorry, ${p.command} is for workspace admins. Ask one of them to set up or change the daily question.`,
  ROLE_UNAVAILABLE: (p: { platform: string }) =>
    `I could not check your ${p.platform} role just now, so nothing was changed. Please try again in a moment.`,
  /** An event that names no channel (Slack sends some from places studybot cannot answer in). */
  NO_CHANNEL: () => 'I can only answer in a channel or a direct message. Nothing was changed.',
  /** Discord: a command used in a direct message; a workspace is a server there. */
  SERVER_ONLY: () =>
    'studybot works in servers: use its commands in a channel of a server it has joined, not in direct messages.',
  ACTION_INVALID: () => 'That button is not valid. Nothing was changed.',
  POST_NOT_FOUND: () => 'That question does not exist here. Nothing was recorded.',
  POST_NOT_LIVE: () =>
    'This question is still being posted. Press the button again in a moment; nothing was recorded.',
  POST_CLOSED: () =>
    'This question is closed: its answer has been revealed in the channel. Nothing was recorded.',
  /** Closed, and its reveal is waiting for a retry (the platform failed for a moment). */
  POST_CLOSED_REVEAL_PENDING: () =>
    'This question is closed; its answer will be shown in the channel shortly. Nothing was recorded.',
  /** Closed, and its reveal was given up for good (the channel is gone, the bot was removed). */
  POST_CLOSED_REVEAL_FAILED: (p: { reason: string }) =>
    `This question is closed, and its answer could not be shown in the channel (${p.reason}). Nothing was recorded.`,
  QUESTION_GONE: () => 'That question is no longer in the deck. Nothing was recorded.',
  /** `letters` is the range the question has, e.g. `A–D`. */
  CHOICE_INVALID: (p: { letters: string }) => `This question has choices ${p.letters}. Nothing was recorded.`,
  ALREADY_ANSWERED: (p: { choice: string }) =>
    `You already answered ${p.choice}. Only your first answer counts, so nothing changed.`,
  NOT_RECORDED: () =>
    'Your answer was not recorded because of a problem on my side. Please press the button again in a moment.',
  PRACTICE_NOT_YOURS: () => 'That practice question is not yours. Type /quiz for one of your own.',
  PRACTICE_ALREADY_ANSWERED: (p: { choice: string }) =>
    `You already answered this practice question (${p.choice}). Type /quiz for the next one.`,
  PRACTICE_QUESTION_GONE: () => 'That question is no longer in the deck. Type /quiz for another.',
  TERM_UNKNOWN: (p: { query: string; example: string }) =>
    `I don't know "${p.query}", nor anything close. Try an abbreviation such as /explain ${p.example}, or /explain list.`,
  TERM_DID_YOU_MEAN: (p: { query: string; suggestions: string }) =>
    `I don't know "${p.query}". Did you mean: ${p.suggestions}?`,
  SETUP_TIME_INVALID: () =>
    'Give the time as HH:MM in 24-hour form, e.g. /studybot setup 09:00 Europe/Berlin weekdays.',
  SETUP_WORD_INVALID: (p: { word: string }) =>
    `"${p.word}" is neither a time zone of the IANA database (like Europe/Berlin, America/New_York or UTC; offsets such as UTC+2 are not zones) nor days (daily, weekdays, weekends, or days like mon,wed,fri). Nothing was changed.`,
  FOCUS_UNKNOWN: (p: { word: string; decks: string }) =>
    `"${p.word}" is neither a deck nor a topic. Decks: ${p.decks}; /explain list shows their topics. Nothing was changed.`,
  DECK_UNKNOWN: (p: { deck: string; decks: string }) =>
    `There is no deck "${p.deck}". The decks are: ${p.decks}. Nothing was changed.`,
  NO_SCHEDULE: () => 'This channel has no daily question yet. Start one with /studybot setup 09:00.',
  /** Posting was refused for a reason recorded on the post (the scheduler's lasting failures). */
  POST_FAILED: () => 'That question could not be posted; see the logs.',
  PUBLISHER_MISSING: (p: { platform: string }) =>
    `Posting to ${p.platform} is not configured in this process. Nothing was posted.`,
  /** The platform refused a post for good; `reason` is the adapter's advice ("invite the bot …"). */
  PUBLISH_UNREACHABLE: (p: { reason: string }) =>
    `I could not post in this channel, so nothing was posted. ${p.reason}.`,
  PUBLISH_RATE_LIMITED: (p: { platform: string; seconds: number }) =>
    `${p.platform} is limiting how fast I can post here, so nothing was posted. Please try again in ${p.seconds} s.`,
  PUBLISH_FAILED: (p: { platform: string }) =>
    `${p.platform} did not take the post just now, so nothing was posted. Please try again in a moment.`,
  /** Too much work in flight in this process: the event was refused before anything ran. */
  BUSY: () =>
    'I am busy right now and did not act on that, so nothing was recorded. Please press again in a moment.',
  /**
   * A redelivery of a click already accepted (the same delivery id): nothing was done again. Adapters never
   * send it; the inbound pipeline reports the event as `redelivered`.
   */
  REDELIVERED: () => 'That press was already received, so nothing was done again.',
  /** The console's letter and number shortcuts, when there is nothing to press. */
  NO_BUTTON: (p: { button: string }) =>
    `There is no button ${p.button} to press right now: a number presses a button of the latest reply that has numbered buttons.`,
  EXAM_DATE_INVALID: (p: { date: string }) =>
    `"${p.date}" is not a date I can read. Use YYYY-MM-DD, e.g. /exam 2027-02-15, or /exam clear. Nothing was changed.`,
  EXAM_DATE_PAST: (p: { date: string }) =>
    `${p.date} has already passed in your team's time zone. Give a future date, or /exam clear. Nothing was changed.`,
  EXAM_DATE_TOO_FAR: (p: { date: string; latest: string }) =>
    `${p.date} is more than two years ahead (the latest is ${p.latest}). Nothing was changed.`,
  GUESS_ALREADY: () => 'That answer is already marked as a guess. Nothing was changed.',
  GUESS_NOT_FOUND: () => 'I have no answer of yours to mark as a guess there. Nothing was changed.',
  /** The console's letter shortcut with no practice question of the member's and no open question here. */
  NOTHING_TO_ANSWER: () =>
    'There is no question to answer right now. Post one with /studybot post, or type /quiz for a practice question.',
  /** "Explain terms in this message" on a message that names no glossary term. */
  TEXT_NO_TERMS: (p: { example: string }) =>
    `I found no term from the study notes in that message. Try it on a message that names one (such as ${p.example}), or look a term up with /explain.`,
  /**
   * Discord: studybot used where only lookups work (installed to the user, in a DM or a server it has not
   * joined): nothing is stored there.
   */
  LOOKUP_ONLY: () =>
    'Here I can only look terms up (/explain and "Explain terms in this message"). Use the other commands in a server studybot has joined.',
  /** A submitted form with fields to fix (each field's own error is shown next to it). */
  FORM_INVALID: () => 'Some fields need fixing; nothing was changed:',
  /** A report form sent back without one of the offered reasons. */
  REPORT_REASON_INVALID: (p: { reasons: string }) =>
    `Pick one of the reasons (${p.reasons}) to report a question. Nothing was recorded.`,
  /** A report of a question this member cannot see (another team's post, someone else's practice). */
  REPORT_NOT_FOUND: () => 'I cannot find that question for you, so nothing was reported.',
  NOT_A_COMMAND: () => 'Commands start with a slash, such as /help. Type /help for the list.',
} as const;

export type RefusalCode = keyof typeof REFUSALS;
export type RefusalParams<C extends RefusalCode> = Parameters<(typeof REFUSALS)[C]>;

/** The user-facing wording of a refusal. */
export function refusalMessage<C extends RefusalCode>(code: C, ...params: RefusalParams<C>): string {
  const wording = REFUSALS[code] as (...args: RefusalParams<C>) => string;
  return wording(...params);
}

/** A private error reply carrying its code: what every refusal looks like before an adapter renders it. */
export function refusal<C extends RefusalCode>(code: C, ...params: RefusalParams<C>): Reply {
  return { kind: 'error', visibility: 'only-user', code, lines: [refusalMessage(code, ...params)] };
}
