import type { QuizStore } from '../core/ports.js';
import { createAnswersStore } from './answers.store.js';
import type { Database } from './client.js';
import { createMembersStore } from './members.store.js';
import { createPostsStore } from './posts.store.js';
import { createPracticeStore } from './practice.store.js';
import { createSchedulesStore } from './schedules.store.js';
import { createScoresStore } from './scores.store.js';

/** The core's QuizStore over one database (postgres.js or PGlite), assembled from one file per concern. */
export function createQuizStore({ database }: { database: Database }): QuizStore {
  return {
    ...createMembersStore(database),
    ...createPostsStore(database),
    ...createAnswersStore(database),
    ...createScoresStore(database),
    ...createSchedulesStore(database.db),
    ...createPracticeStore(database),
  };
}
