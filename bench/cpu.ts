/**
 * CPU time, which a shared machine's load disturbs far less than wall time: this process's
 * (`process.cpuUsage`) and that of the PostgreSQL backends serving the bench database (`/proc/<pid>/stat`
 * utime + stime of every backend connected to it; PGlite runs inside this process and reports none).
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';

/** Linux clock ticks per second (`getconf CLK_TCK`), the unit of /proc/<pid>/stat times. */
const CLK_TCK = 100;

/** Milliseconds of CPU used so far by the backends connected to this database; undefined on PGlite. */
export async function backendCpuMs(database: Database): Promise<number | undefined> {
  if (database.kind !== 'postgres') return undefined;
  const rows = await database.query<{ pid: number }>(
    sql`select pid from pg_stat_activity where datname = current_database()`,
  );
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      // Fields after the command name "(…)": state is the 3rd, utime the 14th, stime the 15th (proc(5)).
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // A backend that exited in between: its time is lost, and the figure is a lower bound.
    }
  }
  return (ticks * 1000) / CLK_TCK;
}

/** Milliseconds of CPU this process used so far (user + system). */
export const processCpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
