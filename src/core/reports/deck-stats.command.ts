import type { CommandHandler } from '../commands/command.types.js';
import type { CoreDeps } from '../core.deps.js';
import { privateReply } from '../replies.js';
import { analyseDeck, itemLine, MIN_TRIES_FOR_FLAGS, TARGET } from './item-analysis.js';
import { groupReports } from './report-groups.js';

type DeckStatsDeps = Pick<
  CoreDeps,
  'catalog' | 'members' | 'channels' | 'reports' | 'itemAnswers' | 'settings'
>;

const MAX_LINES = 12;

/** Open reports per question id of one deck. */
export function reportCounts(groups: ReturnType<typeof groupReports>, deckId: string): Map<string, number> {
  return new Map(groups.filter((g) => g.deckId === deckId).map((g) => [g.questionId, g.count]));
}

/** `/studybot deck-stats`: item analysis of this channel's deck from this team's first tries; flagged items first. */
export const deckStatsHandler =
  (deps: DeckStatsDeps): CommandHandler =>
  async ({ actor }) => {
    const { workspace } = await deps.members.ensureMember(actor, deps.settings.defaultTimezone);
    const channel = await deps.channels.findChannel(workspace.id, actor.channelId);
    const deck = deps.catalog.deckFor(channel?.deckId);
    const groups = groupReports(deps.catalog, await deps.reports.listReports(workspace.id));
    const stats = analyseDeck(
      deck,
      await deps.itemAnswers.firstTries(workspace.id),
      reportCounts(groups, deck.meta.id),
    );
    const answered = stats.filter((s) => s.tries > 0);
    const tries = answered.reduce((n, s) => n + s.tries, 0);
    const right = answered.reduce((n, s) => n + (s.difficulty ?? 0) * s.tries, 0);
    const flagged = answered.filter((s) => s.flags.length > 0 || s.reports > 0);
    const head = [
      `${deck.meta.title}: ${answered.length} of ${stats.length} questions answered, ${tries} first tries, ${tries ? Math.round((100 * right) / tries) : 0}% right overall (aim: about ${Math.round(100 * TARGET.AIM)}% per question).`,
      `Flags (from ${MIN_TRIES_FOR_FLAGS} first tries): under ${Math.round(100 * TARGET.HARD)}% or over ${Math.round(100 * TARGET.EASY)}% right, negative discrimination (r < 0), a wrong choice nobody picks. * marks the key.`,
    ];
    const body =
      flagged.length === 0
        ? ['No question is flagged or reported.']
        : [
            `${flagged.length} question${flagged.length === 1 ? '' : 's'} to look at:`,
            ...flagged.slice(0, MAX_LINES).map(itemLine),
            ...(flagged.length > MAX_LINES ? [`…and ${flagged.length - MAX_LINES} more.`] : []),
          ];
    return [
      privateReply(
        'reports',
        [
          ...head,
          ...body,
          'Deck authors: npm run content:stats prints every question with its file and line.',
        ],
        {
          title: 'Deck statistics',
        },
      ),
    ];
  };
