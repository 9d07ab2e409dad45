/**
 * The storage ports of the core, one per concern, each defined next to the code that uses it. `Stores` is
 * the bundle the app builds once (src/db/stores.ts) and hands to the core; each use case takes only the
 * ports it names.
 */
import type { DeliveriesPort } from './inbound/deliveries.port.js';
import type { PracticePort } from './practice/practice.port.js';
import type { AnswersPort } from './quiz/answers.port.js';
import type { ClaimsPort } from './quiz/claims.port.js';
import type { PostsPort } from './quiz/posts.port.js';
import type { MemoryPort } from './readiness/memory.port.js';
import type { ReadinessPort } from './readiness/readiness.port.js';
import type { RecapPort } from './recap/recap.port.js';
import type { ItemAnswersPort } from './reports/item-answers.port.js';
import type { ReportsPort } from './reports/reports.port.js';
import type { QuestionVersionsPort, RescorePort } from './reports/rescore.port.js';
import type { SchedulesPort } from './schedule/schedules.port.js';
import type { ScoresPort } from './scores/scores.port.js';
import type { ChannelsPort } from './workspace/channels.port.js';
import type { MembersPort } from './workspace/members.port.js';

export interface Stores {
  members: MembersPort;
  channels: ChannelsPort;
  posts: PostsPort;
  claims: ClaimsPort;
  answers: AnswersPort;
  scores: ScoresPort;
  schedules: SchedulesPort;
  practice: PracticePort;
  memory: MemoryPort;
  readiness: ReadinessPort;
  recaps: RecapPort;
  reports: ReportsPort;
  itemAnswers: ItemAnswersPort;
  /** Written at start-up (every loaded question's version), read by content:rescore. */
  questionVersions: QuestionVersionsPort;
  /** Used by content:rescore (not the core): re-grading answers after a key was fixed. */
  rescore: RescorePort;
  /** Used by the inbound pipeline (not the core) to act on each delivery once. */
  deliveries: DeliveriesPort;
}
