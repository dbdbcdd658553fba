import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDb, lockDataDir } from '@switchboard/db';
import { createKey } from '../../apps/api/src/services/keys.ts';
import { addSite } from '../../apps/api/src/services/sites.ts';
import { addSystem } from '../../apps/api/src/services/systems.ts';
import type { DemoEnv } from './env.ts';
import { DEMO_SITES, DEMO_SYSTEMS } from './sites.ts';

/** What the demo remembers between starts, in DATA_DIR/demo.json. */
export interface DemoState {
  /** The simulator's ingestion key (a demo convenience: a real feed keeps its key to itself). */
  key: string;
  /** When the 4-week backfill finished; a later start does not backfill again. */
  backfilledAt: string | null;
}

const stateFile = (env: DemoEnv) => join(resolve(env.DATA_DIR), 'demo.json');

export function readState(env: DemoEnv): DemoState | null {
  const file = stateFile(env);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoState) : null;
}

export function writeState(env: DemoEnv, state: DemoState): void {
  mkdirSync(resolve(env.DATA_DIR), { recursive: true });
  writeFileSync(stateFile(env), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

/** On first start: registers the demo sites and systems and a simulator key. Idempotent. */
export async function ensureDemoSetup(env: DemoEnv): Promise<DemoState> {
  const existing = readState(env);
  if (existing) return existing;
  const release = env.DATABASE_URL ? () => {} : lockDataDir(resolve(env.DATA_DIR));
  const database = env.DATABASE_URL
    ? await createDb({ url: env.DATABASE_URL })
    : await createDb({ dataDir: resolve(env.DATA_DIR) });
  try {
    const actor = 'demo';
    for (const site of DEMO_SITES) await addSite(database.db, { ...site, actor });
    const siteIds = DEMO_SITES.map((s) => s.id);
    for (const system of DEMO_SYSTEMS) await addSystem(database.db, { ...system, siteIds, actor });
    const { key } = await createKey(database.db, { siteIds, feed: 'simulator', actor });
    const state: DemoState = { key, backfilledAt: null };
    writeState(env, state);
    return state;
  } finally {
    await database.close();
    release();
  }
}
