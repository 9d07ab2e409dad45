import type { Stores } from '../../../src/core/ports.js';
import { createMemoryAnswers } from './answers.memory.js';
import { createMemoryChannels } from './channels.memory.js';
import { createMemoryClaims } from './claims.memory.js';
import { createMemoryDeliveries } from './deliveries.memory.js';
import { createMemoryMembers } from './members.memory.js';
import { createMemoryMemory } from './memory.memory.js';
import { createMemoryTables, type MemoryTables } from './memory.tables.js';
import { createMemoryPosts } from './posts.memory.js';
import { createMemoryPractice } from './practice.memory.js';
import { createMemoryReadiness } from './readiness.memory.js';
import { createMemoryRecaps } from './recaps.memory.js';
import {
  createMemoryItemAnswers,
  createMemoryQuestionVersions,
  createMemoryReports,
} from './reports.memory.js';
import { createMemoryRescore } from './rescore.memory.js';
import { createMemorySchedules } from './schedules.memory.js';
import { createMemoryScores } from './scores.memory.js';

/** Every port of the core in memory, over one set of tables: for fast rule tests beside the real-database ones. */
export function createMemoryStores(now: () => Date = () => new Date()): Stores & { tables: MemoryTables } {
  const tables = createMemoryTables();
  const deliveries = createMemoryDeliveries();
  return {
    tables,
    members: createMemoryMembers(tables),
    channels: createMemoryChannels(tables),
    posts: createMemoryPosts(tables),
    claims: createMemoryClaims(tables, now),
    answers: createMemoryAnswers(tables, deliveries),
    scores: createMemoryScores(tables),
    schedules: createMemorySchedules(tables),
    practice: createMemoryPractice(tables),
    memory: createMemoryMemory(tables),
    readiness: createMemoryReadiness(tables),
    recaps: createMemoryRecaps(tables),
    reports: createMemoryReports(tables),
    itemAnswers: createMemoryItemAnswers(tables),
    questionVersions: createMemoryQuestionVersions(),
    rescore: createMemoryRescore(tables),
    deliveries,
  };
}
