import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` uses this: it diffs src/db/schema.ts against migrations/ and needs no database.
// Migrations are applied by the app at start-up (src/db/migrate.ts) and by `npm run db:migrate`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './migrations',
});
