import { DataDirBusyError } from '@switchboard/db';
import { readEnv } from '../env.ts';
import { openDatabase } from '../open-database.ts';

/** Runs a CLI action against the configured database and exits with a clear message on failure. */
export async function withToolDb(
  action: (
    db: Awaited<ReturnType<typeof openDatabase>>['db'],
    database: Awaited<ReturnType<typeof openDatabase>>,
  ) => Promise<void>,
) {
  let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
  try {
    database = await openDatabase(readEnv());
    await action(database.db, database);
    await database.close();
  } catch (error) {
    await database?.close().catch(() => {});
    if (error instanceof DataDirBusyError || error instanceof Error) console.error(`error: ${error.message}`);
    else console.error('error:', error);
    process.exit(error instanceof DataDirBusyError ? 3 : 1);
  }
}

/** How a CLI is named in the audit log: `cli:<--actor>` (the person running it says who they are), else `cli`. */
export const cliActor = (actor: string | undefined) =>
  actor?.trim() ? `cli:${actor.trim().slice(0, 100)}` : 'cli';

export function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(2);
}
