/** The Postgres server tests run against, if any: TEST_DATABASE_URL, else DATABASE_URL; unset → PGlite. */
export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  return url === undefined || url === '' ? undefined : url;
}
