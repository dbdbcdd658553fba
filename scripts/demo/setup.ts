import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openAdmin } from '@switchboard/api/admin';
import type { DemoEnv } from './env.ts';
import { DEMO_SITES, DEMO_SYSTEMS } from './sites.ts';

/** What the demo remembers between starts, in DATA_DIR/demo.json. */
export interface DemoState {
  /** The simulator's ingestion key (a demo convenience: a real feed keeps its key to itself). */
  key: string;
  /** When the 4-week backfill finished; a later start does not backfill again. */
  backfilledAt: string | null;
}

/** The demo's administrator: created on the first start, signed in by a fresh one-time link on every start. */
export const DEMO_ADMIN = { email: 'demo.admin@switchboard.invalid', name: 'Demo administrator' } as const;

const stateFile = (env: DemoEnv) => join(resolve(env.DATA_DIR), 'demo.json');

export function readState(env: DemoEnv): DemoState | null {
  const file = stateFile(env);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoState) : null;
}

export function writeState(env: DemoEnv, state: DemoState): void {
  mkdirSync(resolve(env.DATA_DIR), { recursive: true });
  writeFileSync(stateFile(env), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

/**
 * Before the API starts (it takes the embedded database's lock): on the first start registers the demo
 * sites, systems and a simulator key; on every start makes sure the demo administrator exists and answers
 * a fresh one-time sign-in link for them, on `publicUrl` (the dashboard). Through the API's admin export,
 * like the command-line tools; every action is audited as "demo".
 */
export async function ensureDemoSetup(
  env: DemoEnv,
  publicUrl: string,
): Promise<{ state: DemoState; signInUrl: string }> {
  const admin = await openAdmin(
    {
      ...process.env,
      DATA_DIR: resolve(env.DATA_DIR),
      DATABASE_URL: env.DATABASE_URL ?? '',
      PUBLIC_URL: publicUrl,
    },
    'demo',
  );
  try {
    let state = readState(env);
    if (!state) {
      for (const site of DEMO_SITES) await admin.addSite(site);
      const siteIds = DEMO_SITES.map((s) => s.id);
      for (const system of DEMO_SYSTEMS) await admin.addSystem({ ...system, siteIds });
      const { key } = await admin.createKey({ siteIds, feed: 'simulator' });
      state = { key, backfilledAt: null };
      writeState(env, state);
    }
    const { signInUrl } = await admin.ensureUser({ ...DEMO_ADMIN, role: 'admin', sites: 'all' });
    return { state, signInUrl };
  } finally {
    await admin.close();
  }
}
