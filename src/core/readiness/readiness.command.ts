import type { CommandHandler } from '../commands/command.types.js';
import type { CoreDeps } from '../core.deps.js';
import { refusal } from '../refusals.js';
import { formatLocal } from '../time.js';
import { noHistoryReply, personalReply, teamReply } from './readiness.replies.js';
import { daysUntil, type ReadinessService, type TeamSnapshot } from './readiness.service.js';

export type ReadinessCommandDeps = Pick<
  CoreDeps,
  'catalog' | 'members' | 'channels' | 'readiness' | 'clock' | 'settings'
> & {
  readinessService: ReadinessService;
};

/** A channel nobody has answered in: the team view's empty state. */
const EMPTY_TEAM: TeamSnapshot = {
  members: 0,
  atTarget: 0,
  total: 0,
  objectives: [],
  recall: {},
  week: { members: 0, answers: 0 },
  misconceptions: [],
};

/** `/readiness [me|team]`: the member's readiness per exam objective, or the channel's team's. */
export const readinessHandler =
  (deps: ReadinessCommandDeps): CommandHandler =>
  async ({ actor, text, usage }) => {
    const scope = text.trim().toLowerCase() || 'me';
    if (scope !== 'me' && scope !== 'team') return [refusal('ARGUMENT_INVALID', { usage })];
    const { workspace, member } = await deps.members.ensureMember(actor, deps.settings.defaultTimezone);
    const channel = await deps.channels.findChannel(workspace.id, actor.channelId);
    const deck = deps.catalog.deckFor(channel?.deckId);
    const now = deps.clock.now();
    if (scope === 'team') {
      if (!channel) return [teamReply({ deck, snapshot: EMPTY_TEAM, computedAt: '' })];
      const scopeRow = { channelId: channel.id, workspaceId: workspace.id, deckId: deck.meta.id };
      const { snapshot, computedAt } = await deps.readinessService.team(scopeRow, deck);
      return [teamReply({ deck, snapshot, computedAt: formatLocal(computedAt, workspace.timezone) })];
    }
    const view = await deps.readinessService.personal(member.id, workspace, deck);
    if (view.cards === 0) return [noHistoryReply(deck)];
    const daysToExam = view.exam ? daysUntil(view.exam.date, workspace.timezone, now) : undefined;
    return [personalReply({ ...view, deck, daysToExam })];
  };
