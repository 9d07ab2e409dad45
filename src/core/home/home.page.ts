/**
 * The member's own page (Slack's App Home): streak, points this week, readiness, practice due now with a
 * button to start it, the exam date, whether they show on leaderboards (a button to change it) and, for
 * admins, every channel's schedule and how it stands. Neutral sections (replies) that an adapter renders
 * into its platform's page; rebuilt on every visit and after every press of one of its buttons.
 */
import { homeAction } from '../actions.js';
import type { Actor } from '../actor.js';
import { scheduleLines } from '../admin/status.command.js';
import type { UseCaseDeps } from '../commands/commands.js';
import { DEFAULT_TARGET } from '../readiness/readiness.model.js';
import { examName, examScope } from '../readiness/readiness.replies.js';
import { daysUntil, inDays } from '../readiness/readiness.service.js';
import type { Reply } from '../replies.js';
import { boardFor, periodLabel } from '../scores/periods.js';
import { currentStreak } from '../scores/stats.command.js';
import { showDisplayName } from '../user-text.js';

export type HomeDeps = Pick<
  UseCaseDeps,
  | 'catalog'
  | 'members'
  | 'channels'
  | 'scores'
  | 'schedules'
  | 'practice'
  | 'readiness'
  | 'readinessService'
  | 'clock'
  | 'settings'
>;

const pct = (share: number) => `${Math.round(100 * share)}%`;
const section = (title: string, lines: string[], extra: Partial<Reply> = {}): Reply => ({
  kind: 'home',
  visibility: 'only-user',
  title,
  lines,
  ...extra,
});

/** The home page of `actor`, as sections in order; the admin section only for admins. */
export async function homePage(deps: HomeDeps, actor: Actor): Promise<Reply[]> {
  const { workspace, member } = await deps.members.ensureMember(actor, deps.settings.defaultTimezone);
  const now = deps.clock.now();
  const zone = workspace.timezone;
  const deck = deps.catalog.deckFor(undefined);
  const [week, all, streaks, practice, view, examDate] = await Promise.all([
    deps.scores.memberTotals(workspace.id, member.id, boardFor('week', now, zone)),
    deps.scores.memberTotals(workspace.id, member.id),
    deps.scores.streaks(member.id),
    deps.practice.practiceSummary(member.id, now),
    deps.readinessService.personal(member.id, workspace, deck),
    deps.readiness.examDate(member.id),
  ]);
  const seqs = await deps.scores.channelSeqs(streaks.map((s) => s.channelId));
  const streak = Math.max(0, ...streaks.map((s) => currentStreak(s, seqs.get(s.channelId))));

  const sections: Reply[] = [
    section(
      `studybot · ${showDisplayName(member.displayName)}`,
      [`Points ${periodLabel('week', now, zone)}, and your answer streak (questions of the day in a row).`],
      {
        fields: [
          { label: 'Points this week', value: String(week.points), short: true },
          { label: 'Answer streak', value: `${streak} in a row`, short: true },
          { label: 'Points in all', value: String(all.points), short: true },
          { label: 'Answered', value: `${all.answered} (${all.correct} right)`, short: true },
        ],
      },
    ),
    section(`Readiness · ${examName(deck)}`, [
      view.cards === 0
        ? 'No readiness yet: answer a question of the day or practise with /quiz, and it shows here.'
        : `Expected share of ${examScope(deck).questions} you would get right today: ${pct(view.today.total)} (target ${pct(DEFAULT_TARGET)}). /readiness shows each objective.`,
      examDate
        ? `Exam: ${examDate} (${zone}), ${inDays(Math.max(0, daysUntil(examDate, zone, now)))}${view.exam ? `; predicted on the day: ${pct(view.exam.total)}` : ''}.`
        : 'No exam date set: /exam YYYY-MM-DD aims /quiz and readiness at that day.',
    ]),
    section(
      'Practice',
      [
        practice.due === 0
          ? 'Nothing due for review now: practice brings a new question.'
          : `${practice.due} review${practice.due === 1 ? '' : 's'} due now.`,
        'Practice never changes scores; the question comes to you in a direct message.',
      ],
      { buttons: [{ actionId: homeAction('quiz'), label: 'Start practice (/quiz)' }] },
    ),
    section(
      'Leaderboards',
      [
        member.leaderboardOptOut
          ? 'You are hidden from every leaderboard. Your points still count.'
          : 'You are shown on the leaderboards.',
      ],
      {
        buttons: [
          member.leaderboardOptOut
            ? { actionId: homeAction('optin'), label: 'Show me on leaderboards' }
            : { actionId: homeAction('optout'), label: 'Hide me from leaderboards' },
        ],
      },
    ),
  ];
  if (actor.isAdmin) sections.push(await adminSection(deps, workspace.id, now));
  return sections;
}

/** Every channel's schedule in the workspace, and how it stands (paused and why, or the next post). */
async function adminSection(deps: HomeDeps, workspaceId: number, now: Date): Promise<Reply> {
  const listed = await deps.schedules.workspaceSchedules(workspaceId);
  const lines =
    listed.length === 0
      ? ['No channel has a daily question yet. In a channel, /studybot setup opens the set-up.']
      : listed.flatMap(({ schedule, channel }) => [
          `Channel ${channel.externalId} · deck ${deps.catalog.deckFor(channel.deckId).meta.id}: ${scheduleLines(schedule, channel.adaptive, now).join(' ')}`,
        ]);
  return section('Daily questions (admins)', lines, {
    footer: 'In a channel: /studybot status for details, /studybot setup to change it.',
  });
}
