import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '../../src/db/migrate.js';
import { workspaces } from '../../src/db/schema.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe(`database (${process.env.TEST_DATABASE_URL || process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it("starts empty: this run sees none of another run's rows", async () => {
    const rows = await database.db.select().from(workspaces);
    expect(rows).toEqual([]);
  });

  it('re-running the migrations changes nothing', async () => {
    await runMigrations(database);
    const applied = await database.db.execute(
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    const n =
      (applied as unknown as { rows?: { n: number }[] }).rows?.[0]?.n ??
      (applied as unknown as { n: number }[])[0]?.n;
    expect(n).toBeGreaterThanOrEqual(1);
    await expect(database.ping()).resolves.toBe(true);
  });

  it('commits a transaction and returns inserted rows the same way on both drivers', async () => {
    const [row] = await database.transaction((tx) =>
      tx.insert(workspaces).values({ platform: 'console', externalId: 'commit', name: 'Commit' }).returning(),
    );
    expect(row).toMatchObject({ platform: 'console', externalId: 'commit', timezone: 'UTC' });
    expect(row?.createdAt).toBeInstanceOf(Date);
  });

  it('rolls a failed transaction back completely', async () => {
    await expect(
      database.transaction(async (tx) => {
        await tx.insert(workspaces).values({ platform: 'console', externalId: 'rollback' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await database.db.select().from(workspaces).where(eq(workspaces.externalId, 'rollback'))).toEqual(
      [],
    );
  });

  it('keeps concurrent transactions apart', async () => {
    const n = 200;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        database
          .transaction(async (tx) => {
            const [w] = await tx
              .insert(workspaces)
              .values({ platform: 'concurrent', externalId: `w${i}` })
              .returning();
            if (i % 10 === 0) throw new Error(`planned failure ${i}`);
            return w?.externalId;
          })
          .catch((e: Error) => e.message),
      ),
    );
    const committed = await database.db
      .select()
      .from(workspaces)
      .where(eq(workspaces.platform, 'concurrent'));
    expect(committed).toHaveLength(n - n / 10);
    expect(results.filter((r) => r?.startsWith('planned failure'))).toHaveLength(n / 10);
  });
});
