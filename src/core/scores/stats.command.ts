import type { CommandHandler } from '../commands/command.types.js';
import type { CoreDeps } from '../core.deps.js';
import { refusal } from '../refusals.js';
import { privateReply } from '../replies.js';
import { showDisplayName } from '../user-text.js';
import type { StreakRow, TopicStat } from './scores.port.js';

const pct = (part: number, whole: number) => (whole === 0 ? '–' : `${Math.round((100 * part) / whole)}%`);

/**
 * A streak is current while it can still grow: its last answer was to the channel's latest post, or to
 * the one before while the latest is still open.
 */
export function currentStreak(s: StreakRow, latest: { seq: number; open: boolean } | undefined): number {
  if (!latest || s.lastSeq >= latest.seq) return s.current;
  return s.lastSeq === latest.seq - 1 && latest.open ? s.current : 0;
}

/** `Practice (/quiz, not scored): 4 answered, 3 right; 2 reviews due.` */
function practiceLine(p: { answered: number; correct: number; due: number }): string {
  if (p.answered === 0) return 'Practice (/quiz, not scored): none yet.';
  const due = p.due === 0 ? 'no review due' : `${p.due} review${p.due === 1 ? '' : 's'} due now`;
  return `Practice (/quiz, not scored): ${p.answered} answered, ${p.correct} right; ${due}.`;
}

/** The weakest topic: lowest accuracy, then most answered, among topics answered at least once. */
function weakest(topics: TopicStat[]): TopicStat | undefined {
  return [...topics]
    .filter((t) => t.correct < t.answered)
    .sort((a, b) => a.correct / a.answered - b.correct / b.answered || b.answered - a.answered)[0];
}

/** `/stats [optout|optin]`: points, accuracy, streaks, accuracy per topic, and what to study next. */
export const statsHandler =
  (
    deps: Pick<CoreDeps, 'catalog' | 'members' | 'channels' | 'scores' | 'practice' | 'clock' | 'settings'>,
  ): CommandHandler =>
  async ({ actor, text, usage }) => {
    const { members, channels, scores, catalog } = deps;
    const arg = text.trim().toLowerCase();
    const { workspace, member } = await members.ensureMember(actor, deps.settings.defaultTimezone);
    if (arg === 'optout' || arg === 'optin') {
      await members.setOptOut(member.id, arg === 'optout');
      return [
        privateReply('info', [
          arg === 'optout'
            ? 'Done: you are hidden from every leaderboard. Your points still count; /stats optin shows you again.'
            : 'Done: you appear on the leaderboards again.',
        ]),
      ];
    }
    if (arg !== '') return [refusal('ARGUMENT_INVALID', { usage })];

    const totals = await scores.memberTotals(workspace.id, member.id);
    const practice = practiceLine(await deps.practice.practiceSummary(member.id, deps.clock.now()));
    if (totals.answered === 0) {
      return [
        privateReply(
          'stats',
          [
            'You have not answered a question of the day yet. When one is posted, press a button to answer.',
            practice,
          ],
          {
            title: `Stats for ${showDisplayName(member.displayName)}`,
            footer: 'Practise any time with /quiz (it does not change the leaderboard).',
          },
        ),
      ];
    }
    const streaks = await scores.streaks(member.id);
    const seqs = await scores.channelSeqs(streaks.map((s) => s.channelId));
    const here = await channels.findChannel(workspace.id, actor.channelId);
    const currentOf = (s: StreakRow) => currentStreak(s, seqs.get(s.channelId));
    const hereStreak = here ? streaks.find((s) => s.channelId === here.id) : undefined;
    const current = hereStreak ? currentOf(hereStreak) : Math.max(0, ...streaks.map(currentOf));
    const best = Math.max(0, ...streaks.map((s) => s.best));

    const topics = await scores.topicStats(member.id);
    const deck = catalog.deckFor(here?.deckId);
    const title = (topic: string) =>
      (catalog.decks.find((d) => d.meta.topics.some((t) => t.id === topic)) ?? deck).topicTitle(topic);
    // Points and accuracy are fields; the lines say what they are made of, without repeating them.
    const lines = [
      `Questions of the day: ${totals.answered} answered, ${totals.correct} right.`,
      ...topics.map((t) => `${title(t.topic)}: ${t.correct}/${t.answered} (${pct(t.correct, t.answered)})`),
    ];
    const weak = weakest(topics);
    if (weak) {
      const wrong = await scores.wrongQuestionIds(member.id, weak.topic);
      const termId =
        wrong.map((w) => catalog.question(w.deckId, w.questionId)?.terms[0]).find((id) => id !== undefined) ??
        catalog.decks.flatMap((d) => d.terms).find((t) => t.topic === weak.topic)?.id;
      lines.push(`Weakest topic: ${title(weak.topic)}.${termId ? ` Try /explain ${termId}.` : ''}`);
    } else {
      lines.push('No weak topic: every answer so far was right.');
    }
    lines.push(practice);
    return [
      privateReply('stats', lines, {
        title: `Stats for ${showDisplayName(member.displayName)}`,
        fields: [
          { label: 'Points', value: String(totals.points), short: true },
          { label: 'Accuracy', value: pct(totals.correct, totals.answered), short: true },
          // A streak counts questions answered in a row, right or wrong (docs/scoring.md).
          { label: 'Answer streak', value: `${current} in a row`, short: true },
          { label: 'Best answer streak', value: `${best} in a row`, short: true },
        ],
        footer: member.leaderboardOptOut
          ? 'You are hidden from leaderboards (/stats optin to show).'
          : 'Hide from leaderboards with /stats optout.',
      }),
    ];
  };
