import type { Stores } from '../core/ports.js';
import { createAnswersStore } from './answers.store.js';
import { createChannelsStore } from './channels.store.js';
import { createClaimsStore } from './claims.store.js';
import type { Database } from './client.js';
import { createDeliveriesStore } from './deliveries.store.js';
import { createItemAnswersStore } from './item-answers.store.js';
import { createMembersStore } from './members.store.js';
import { createMemoryStore } from './memory.store.js';
import { createPostsStore } from './posts.store.js';
import { createPracticeStore } from './practice.store.js';
import { createReadinessStore } from './readiness.store.js';
import { createRecapStore } from './recap.store.js';
import { createReportsStore } from './reports.store.js';
import { createQuestionVersionsStore, createRescoreStore } from './rescore.store.js';
import { createSchedulesStore } from './schedules.store.js';
import { createScoresStore } from './scores.store.js';

/** Every port of the core over one database (postgres.js or PGlite), one store per concern. */
export function createStores({ database }: { database: Database }): Stores {
  return {
    members: createMembersStore(database),
    channels: createChannelsStore(database.db),
    posts: createPostsStore(database),
    claims: createClaimsStore(database),
    answers: createAnswersStore(database),
    scores: createScoresStore(database),
    schedules: createSchedulesStore(database.db),
    practice: createPracticeStore(database),
    memory: createMemoryStore(database),
    readiness: createReadinessStore(database),
    recaps: createRecapStore(database),
    reports: createReportsStore(database),
    itemAnswers: createItemAnswersStore(database),
    questionVersions: createQuestionVersionsStore(database),
    rescore: createRescoreStore(database),
    deliveries: createDeliveriesStore(database),
  };
}
