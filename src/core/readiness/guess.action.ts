import type { Actor } from '../actor.js';
import type { CoreDeps } from '../core.deps.js';
import { refusal } from '../refusals.js';
import { privateReply, type Reply } from '../replies.js';
import { RATING } from './memory.model.js';
import { foldReviews } from './readiness.service.js';

/**
 * "I guessed" under a verdict: a right answer is re-rated Hard instead of Good (its card is rebuilt), a
 * wrong one is left out of the team's misconceptions. Once per answer; only the member's own.
 */
export async function markGuess(
  deps: Pick<CoreDeps, 'members' | 'memory' | 'log' | 'settings'>,
  actor: Actor,
  source: 'daily' | 'practice',
  id: number,
): Promise<Reply> {
  const { member } = await deps.members.ensureMember(actor, deps.settings.defaultTimezone);
  const result = await deps.memory.markGuess(source, id, member.id, RATING.hard);
  if (result.kind === 'missing') return refusal('GUESS_NOT_FOUND');
  if (result.kind === 'already') return refusal('GUESS_ALREADY');
  if (result.correct) await foldReviews(deps, member.id);
  return privateReply(
    'info',
    [
      result.correct
        ? 'Noted: a right guess counts as a hard recall, so this question comes back sooner. Your points stay as they are.'
        : 'Noted: this wrong answer is a guess, so it does not count as a misconception in /readiness team.',
    ],
    { title: 'Marked as a guess' },
  );
}
