import type { CommandHandler } from '../commands/command.types.js';
import type { QuizService } from '../quiz/quiz.service.js';
import { refusal } from '../refusals.js';
import { privateReply } from '../replies.js';

/** `/studybot post`: the next question in this channel now; a refused post is answered by the caller's edge. */
export const postHandler =
  ({ quiz }: { quiz: Pick<QuizService, 'postNow'> }): CommandHandler =>
  async ({ actor }) => {
    const outcome = await quiz.postNow(actor);
    return [
      outcome.kind === 'posted'
        ? privateReply('info', ['Posted the next question in this channel.'])
        : refusal('POST_FAILED'),
    ];
  };

/** `/studybot close`: closes the open question and reveals its answer, saying when the reveal must wait. */
export const closeHandler =
  ({ quiz }: { quiz: Pick<QuizService, 'closeChannel'> }): CommandHandler =>
  async ({ actor }) => {
    const { closed, revealed, failedReason } = await quiz.closeChannel(actor);
    const message =
      closed === 0
        ? 'There is no open question in this channel.'
        : revealed === closed
          ? 'Closed the question and revealed its answer.'
          : failedReason !== undefined
            ? `Closed the question, but its answer cannot be shown in this channel (${failedReason}). I will not retry, and the daily question here is paused: once the bot can post here again, /studybot resume restarts it.`
            : 'Closed the question. Its answer could not be posted in the channel just now; I will retry for up to a day.';
    return [privateReply('info', [message])];
  };
