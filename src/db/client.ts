import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { type PgDatabase, PgDialect, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';

/** The query builder every store takes: the same code runs on postgres.js and on PGlite. */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  kind: 'postgres' | 'pglite';
  db: Db;
  /**
   * Runs `fn` in a transaction on a connection of its own. On postgres.js this reserves a pooled
   * connection and sends BEGIN/COMMIT on it, rather than `sql.begin`, whose BEGIN can be pipelined onto
   * a busy connection without reserving it under load (porsager/postgres #823, #1189: UNSAFE_TRANSACTION
   * or, worse, statements of other requests running inside the transaction).
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Rows of a raw SQL statement, for the few the query builder cannot say. On postgres.js it runs as a
   * named prepared statement, so a hot statement is planned once per connection, not on every call.
   * Parameters must be text, numbers or booleans (pass instants as ISO text with a cast).
   */
  query<T>(query: SQL): Promise<T[]>;
  /**
   * Rows of a statement whose text was built once (`$1`… placeholders), with its parameters: the hot path's
   * way to skip building and serialising a drizzle SQL tree per call. Prepared on postgres.js, as `query`.
   */
  queryText<T>(text: string, params: unknown[]): Promise<T[]>;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  /**
   * Takes a PostgreSQL advisory lock named `name` for as long as this process wants it (until release()),
   * on a connection of its own; undefined when another process holds it. The embedded database serves one
   * process, so there it always succeeds.
   */
  holdLock(name: string): Promise<{ release(): Promise<void> } | undefined>;
  /** Open/used connections, for metrics (PGlite has one). */
  poolStats(): { size: number; max: number };
  close(): Promise<void>;
  /** PGlite only: a tarball of the data dir, so tests can start many copies of a migrated database fast. */
  dumpDataDir?(): Promise<Blob>;
}

export interface DatabaseOptions {
  /** postgres:// URL; unset → embedded PGlite under `dataDir`. */
  url: string | undefined;
  /** PGlite folder, or `memory://` for a throw-away database. */
  dataDir: string;
  poolMax?: number;
  /** PGlite only: start from a `dumpDataDir()` tarball instead of an empty cluster. */
  loadDataDir?: Blob;
  /** Called with notices and connection errors the driver reports out of band. */
  onNotice?: (message: string) => void;
}

export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url === undefined ? createPglite(options) : createPostgres(options.url, options);
}

function createPostgres(url: string, options: DatabaseOptions): Database {
  const max = options.poolMax ?? 10;
  const client = postgres(url, {
    max,
    onnotice: (n) => options.onNotice?.(`${n.severity ?? 'NOTICE'}: ${n.message ?? ''}`),
    connection: { application_name: 'studybot' },
    // Timestamps come back as Date; bigint counts as numbers (they never exceed 2^53 here).
    types: { bigint: postgres.BigInt },
  });
  const db = drizzlePostgres({ client }) as unknown as Db;
  let inUse = 0;
  const queryText = async <T>(text: string, params: unknown[]) =>
    (await client.unsafe(text, params as postgres.ParameterOrJSON<never>[], {
      prepare: true,
    })) as unknown as T[];
  return {
    kind: 'postgres',
    db,
    async query<T>(query: SQL) {
      const { sql: text, params } = dialect.sqlToQuery(query);
      return queryText<T>(text, params);
    },
    queryText,
    async transaction(fn) {
      const reserved = await client.reserve();
      inUse++;
      try {
        // drizzle reads the pool's shared `options` (type parsers) from its client; a reserved handle has
        // none of its own, and the connection underneath already uses the pool's.
        const txDb = drizzlePostgres({
          client: Object.assign(reserved, { options: client.options }),
        }) as unknown as Db;
        await reserved`begin`;
        try {
          const result = await fn(txDb);
          await reserved`commit`;
          return result;
        } catch (error) {
          await reserved`rollback`.catch(() => undefined);
          throw error;
        }
      } finally {
        inUse--;
        reserved.release();
      }
    },
    async holdLock(name) {
      const reserved = await client.reserve();
      try {
        const [row] = await reserved<{ ok: boolean }[]>`select pg_try_advisory_lock(hashtext(${name})) as ok`;
        if (!row?.ok) {
          reserved.release();
          return undefined;
        }
      } catch (error) {
        reserved.release();
        throw error;
      }
      return {
        async release() {
          await reserved`select pg_advisory_unlock(hashtext(${name}))`.catch(() => undefined);
          reserved.release();
        },
      };
    },
    ping: () =>
      client`select 1`.then(
        () => true,
        () => false,
      ),
    poolStats: () => ({ size: inUse, max }),
    close: () => client.end({ timeout: 5 }),
  };
}

const dialect = new PgDialect();

async function createPglite(options: DatabaseOptions): Promise<Database> {
  const inMemory = options.dataDir.startsWith('memory://');
  const dir = inMemory ? options.dataDir : path.resolve(options.dataDir, 'pglite');
  if (!inMemory) await mkdir(dir, { recursive: true });
  const client = await PGlite.create(dir, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  const db = drizzlePglite({ client }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    async query<T>(query: SQL) {
      const { sql: text, params } = dialect.sqlToQuery(query);
      return (await client.query<T>(text, params)).rows;
    },
    queryText: async <T>(text: string, params: unknown[]) => (await client.query<T>(text, params)).rows,
    // PGlite runs one transaction at a time on its single connection; drizzle queues the rest.
    transaction: (fn) => db.transaction((tx) => fn(tx as unknown as Db)),
    holdLock: async () => ({ release: async () => undefined }),
    ping: () =>
      db.execute(sql`select 1`).then(
        () => true,
        () => false,
      ),
    poolStats: () => ({ size: 1, max: 1 }),
    close: () => client.close(),
    dumpDataDir: () => client.dumpDataDir('none'),
  };
}
