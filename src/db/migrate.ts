import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { projectRoot } from '../project-root.js';
import type { Database } from './client.js';

/** Any fixed number: replicas starting together take this advisory lock so one of them migrates at a time. */
const MIGRATION_LOCK = 724_2026_1;

export const migrationsFolder = (): string => path.join(projectRoot(), 'migrations');

/** Applies every migration in migrations/ that the database has not seen yet. */
export async function runMigrations(database: Database): Promise<void> {
  const config = { migrationsFolder: migrationsFolder() };
  if (database.kind === 'pglite') {
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the driver's own database type.
    await migratePglite(database.db as any, config);
    return;
  }
  // The lock lives on one reserved connection for the length of its transaction while the migrator runs
  // on another pooled connection: this is why DATABASE_POOL_MAX is at least 2.
  await database.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the driver's own database type.
    await migratePostgres(database.db as any, config);
  });
}
