import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnv } from '../../../api/src/env.ts';
import { openDatabase } from '../../../api/src/open-database.ts';
import { createKey } from '../../../api/src/services/keys.ts';
import { addSite } from '../../../api/src/services/sites.ts';
import { addSystem } from '../../../api/src/services/systems.ts';
import { API_SERVER, REPO_ROOT } from './paths.ts';
import { type Child, spawnUntil, stopChild } from './process.ts';

export interface Seed {
  sites: { id: string; name: string }[];
  systems: { id: string; name: string; siteIds: string[] }[];
}

/**
 * A real API in its own process on an embedded PGlite in a temporary folder, seeded through the API's own
 * services. It can be stopped and started again on the same port, which is what a browser sees when the
 * API restarts.
 */
export class TestApi {
  private child: Child | null = null;
  port = 0;
  key = '';

  private constructor(private readonly dataDir: string) {}

  static async create(seed: Seed): Promise<TestApi> {
    const api = new TestApi(mkdtempSync(join(tmpdir(), 'switchboard-e2e-')));
    const database = await openDatabase(readEnv({ ...process.env, DATABASE_URL: '', DATA_DIR: api.dataDir }));
    try {
      for (const site of seed.sites) await addSite(database.db, { ...site, actor: 'e2e' });
      for (const system of seed.systems) await addSystem(database.db, { ...system, actor: 'e2e' });
      api.key = (await createKey(database.db, { siteIds: ['*'], feed: 'e2e', actor: 'e2e' })).key;
    } finally {
      await database.close();
    }
    await api.start();
    return api;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the API (on the port it had before, after a stop). */
  async start(): Promise<void> {
    const child = await spawnUntil(process.execPath, ['--import', 'tsx', API_SERVER], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        API_PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        DATABASE_URL: '',
      },
      ready: /listening on http:\/\/127\.0\.0\.1:(\d+)/,
    });
    this.child = child;
    this.port = Number(child.match[1]);
  }

  async stop(): Promise<void> {
    if (this.child) await stopChild(this.child.process);
    this.child = null;
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Posts to an ingestion procedure with the test key; fails on anything but success. */
  async ingest(procedure: 'callEvents' | 'queueSnapshots' | 'systemStatus', body: unknown): Promise<void> {
    const response = await fetch(`${this.url}/trpc/ingest.${procedure}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`ingest.${procedure}: ${response.status} ${await response.text()}`);
  }
}

const minutesAgo = (m: number, now = Date.now()) => new Date(now - m * 60_000).toISOString();

/** A call offered `minutes` ago and answered after `waitS` seconds. */
export function answeredCall(siteId: string, callId: string, minutes: number, waitS: number) {
  const offered = Date.now() - minutes * 60_000;
  return [
    { siteId, callId, kind: 'offered', at: new Date(offered).toISOString(), queue: 'main' },
    {
      siteId,
      callId,
      kind: 'answered',
      at: new Date(offered + waitS * 1000).toISOString(),
      waitMs: waitS * 1000,
      queue: 'main',
    },
  ];
}

export function snapshot(siteId: string, minutes: number, callsWaiting: number, longestWaitS: number) {
  return {
    siteId,
    queue: 'main',
    at: minutesAgo(minutes),
    callsWaiting,
    longestWaitMs: longestWaitS * 1000,
    agentsAvailable: 3,
    agentsOnCall: 20,
    agentsWrapUp: 2,
  };
}

export function status(systemId: string, siteId: string | undefined, minutes: number, state: 'up' | 'down') {
  return { systemId, siteId, at: minutesAgo(minutes), status: state, source: 'probe', detail: 'e2e' };
}
