import type { ReadinessService } from '../readiness/readiness.service.js';
import { type AnswerDeps, createAnswerService } from './answer.service.js';
import { createPostingService, type PostingDeps } from './posting.service.js';
import { createRevealService, type RevealDeps } from './reveal.service.js';

export type { PublishOutcome } from './posting.service.js';
export { CLAIM_LEASE_MS } from './reveal.service.js';

/**
 * The daily question as one service: posting (the same path for /studybot post and the scheduler), answers,
 * closing and reveals. Each part takes only the ports it uses.
 */
export function createQuizService(
  deps: PostingDeps & RevealDeps & AnswerDeps,
  readiness: Pick<ReadinessService, 'teamRecallMap'>,
) {
  const reveals = createRevealService(deps);
  return { ...reveals, ...createPostingService(deps, reveals, readiness), answer: createAnswerService(deps) };
}

export type QuizService = ReturnType<typeof createQuizService>;
