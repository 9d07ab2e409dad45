import type { CommandHandler } from '../commands/command.types.js';
import type { PracticeService } from './practice.service.js';

/** `/quiz`: the member's next practice question (a due review first, then a new question). */
export const quizHandler =
  ({ practiceService }: { practiceService: Pick<PracticeService, 'quiz'> }): CommandHandler =>
  async ({ actor }) => [await practiceService.quiz(actor)];
