import type { Actor } from '../actor.js';
import type { CoreDeps } from '../core.deps.js';
import type { PracticeService } from '../practice/practice.service.js';
import { refusal } from '../refusals.js';
import type { Reply } from '../replies.js';
import type { QuizService } from './quiz.service.js';

export type LatestAnswerDeps = Pick<CoreDeps, 'members' | 'channels' | 'posts' | 'practice' | 'settings'> & {
  quiz: Pick<QuizService, 'answer'>;
  practiceService: Pick<PracticeService, 'answer'>;
};

/**
 * A bare letter, as the console takes it: it answers the member's own pending practice question if there is
 * one, else the channel's open question (the newest), from the database, so it works after a restart and
 * never lands on another member's practice question. With no open question the channel's latest one answers
 * (POST_CLOSED says it is over); NOTHING_TO_ANSWER when nothing was ever posted.
 */
export function createLatestAnswer(deps: LatestAnswerDeps) {
  const { members, channels, posts, practice, settings, quiz, practiceService } = deps;
  return async function answerLatest(actor: Actor, choice: string): Promise<Reply> {
    const { workspace, member } = await members.ensureMember(actor, settings.defaultTimezone);
    const pending = await practice.pendingPrompt(member.id);
    if (pending) return practiceService.answer(actor, pending.id, choice);
    const channel = await channels.findChannel(workspace.id, actor.channelId);
    if (!channel) return refusal('NOTHING_TO_ANSWER');
    // The newest open question; with none open, the latest one, so a late answer hears POST_CLOSED.
    const target = (await posts.openPosts(channel.id)).at(-1) ?? (await posts.latestPost(channel.id));
    if (target?.postedAt) return quiz.answer(actor, target.id, choice);
    return refusal('NOTHING_TO_ANSWER');
  };
}
