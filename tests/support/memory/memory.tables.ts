/**
 * The rows behind the in-memory ports: plain arrays and maps, shared by every port of one store set, as
 * tables are shared by the stores of one database. For fast rule tests; the real-database tests prove the SQL.
 */
import type { PracticePromptRow, ReviewRow } from '../../../src/core/practice/practice.port.js';
import type { PostRow } from '../../../src/core/quiz/posts.port.js';
import type { ObjectiveQuestion } from '../../../src/core/readiness/memory.port.js';
import type { ReportRow } from '../../../src/core/reports/reports.port.js';
import type { ScheduleRow } from '../../../src/core/schedule/schedules.port.js';
import type { StreakRow } from '../../../src/core/scores/scores.port.js';
import type { ChannelRow } from '../../../src/core/workspace/channels.port.js';
import type { MemberRow, WorkspaceRow } from '../../../src/core/workspace/members.port.js';

export interface MemoryPost extends PostRow {
  leaseUntil: Date | null;
  revealLeaseUntil: Date | null;
}

export interface MemoryAnswer {
  postId: number;
  memberId: number;
  workspaceId: number;
  channelId: number;
  topic: string;
  choice: string;
  correct: boolean;
  points: number;
  at: Date;
}

export interface MemoryScore {
  workspaceId: number;
  board: string;
  memberId: number;
  points: number;
  correct: number;
  answered: number;
  reachedAt: Date;
  hidden: boolean;
}

export interface MemoryReview {
  id: number;
  memberId: number;
  workspaceId: number;
  channelId: number | null;
  deckId: string;
  questionId: string;
  source: 'daily' | 'practice';
  sourceId: number;
  choice: string;
  correct: boolean;
  rating: number;
  guessed: boolean;
  reviewedAt: Date;
  cardBefore: unknown;
  applied: boolean;
}

export interface MemoryTables {
  workspaces: (WorkspaceRow & { name: string | null })[];
  members: MemberRow[];
  channels: ChannelRow[];
  posts: MemoryPost[];
  answers: MemoryAnswer[];
  streaks: (StreakRow & { memberId: number })[];
  scores: MemoryScore[];
  schedules: (ScheduleRow & { updatedAt: Date })[];
  reviews: (ReviewRow & { memberId: number; stability: number; lastReview: Date })[];
  reviewLog: MemoryReview[];
  snapshots: Map<string, { computedAt: Date; data: unknown }>;
  examDates: Map<number, string>;
  /** Question weights by structure key (readiness_questions). */
  readinessQuestions: Map<string, Omit<ObjectiveQuestion, 'prior'>[]>;
  prompts: (PracticePromptRow & { correct: boolean | null })[];
  reports: ReportRow[];
  /** The next id of each table, as a sequence would hand them out. */
  nextId(table: string): number;
}

export function createMemoryTables(): MemoryTables {
  const sequences = new Map<string, number>();
  return {
    workspaces: [],
    members: [],
    channels: [],
    posts: [],
    answers: [],
    streaks: [],
    scores: [],
    schedules: [],
    reviews: [],
    reviewLog: [],
    snapshots: new Map(),
    examDates: new Map(),
    readinessQuestions: new Map(),
    prompts: [],
    reports: [],
    nextId(table) {
      const id = (sequences.get(table) ?? 0) + 1;
      sequences.set(table, id);
      return id;
    },
  };
}

/** A copy, so a caller can never change a stored row by changing what it was given. */
export const copy = <T extends object>(row: T): T => ({ ...row });

/** Appends an answer to the review log, not yet folded into a card (as the stores write it). */
export function logReview(
  t: MemoryTables,
  row: Omit<MemoryReview, 'id' | 'guessed' | 'cardBefore' | 'applied'>,
): void {
  t.reviewLog.push({ ...row, id: t.nextId('review_log'), guessed: false, cardBefore: null, applied: false });
}
