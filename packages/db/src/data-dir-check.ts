import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Files Switchboard itself keeps in the data folder beside the database's own. */
const SWITCHBOARD_FILES = new Set(['switchboard.lock', 'auth-secret']);

/**
 * The embedded data folder is damaged: half-written, or changed by hand. Never answered by starting a fresh
 * database over it (PGlite would: a folder without PG_VERSION is initialised again, and its data is gone).
 */
export class DataDirDamagedError extends Error {
  constructor(
    readonly dataDir: string,
    reason: string,
  ) {
    super(
      `The embedded database in ${dataDir} is damaged (${reason}), so Switchboard will not open it. ` +
        `Nothing in it was changed. Either restore the folder from your backup, or move it aside ` +
        `(mv ${dataDir} ${dataDir}.damaged) and start again with an empty folder.`,
    );
  }
}

/** Refuses a folder that holds files but no database (PG_VERSION missing); an empty or new folder is fine. */
export function checkDataDir(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  const entries = readdirSync(dataDir).filter((name) => !SWITCHBOARD_FILES.has(name));
  if (entries.length > 0 && !entries.includes('PG_VERSION')) {
    throw new DataDirDamagedError(dataDir, 'PG_VERSION is missing');
  }
  if (entries.includes('PG_VERSION') && !existsSync(join(dataDir, 'global', 'pg_control'))) {
    throw new DataDirDamagedError(dataDir, 'global/pg_control is missing');
  }
}
