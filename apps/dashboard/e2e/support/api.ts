import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAdmin } from '@switchboard/api/admin';
import { type Child, spawnUntil, stopChild } from '@switchboard/api/testing/spawn';
import { API_SERVER, REPO_ROOT } from './paths.ts';
import { ApiSession } from './session.ts';

export interface Seed {
  sites: { id: string; name: string }[];
  systems: { id: string; name: string; siteIds: string[] }[];
  /** People besides the administrator (a password lets a test sign in through the form). */
  users?: {
    email: string;
    name: string;
    role: 'viewer' | 'analyst' | 'manager' | 'admin';
    sites: 'all' | string[];
    password?: string;
  }[];
}

export const ADMIN_EMAIL = 'admin@e2e.nhs.net';

export interface TestApiOptions {
  /** The dashboard's origin: sign-in links and redirects are built on it (the API's PUBLIC_URL). */
  publicUrl: string;
  /** More API configuration (e.g. single sign-on). */
  env?: Record<string, string>;
}

/**
 * A real API in its own process on an embedded PGlite in a temporary folder, seeded through the API's admin
 * export (`@switchboard/api/admin`, what the command-line tools use) with the sites, systems, a feed key
 * and an administrator; later set-up goes through the API's own admin procedures, signed in as that
 * administrator. It can be stopped and started again on the same port, which is what a browser sees when
 * the API restarts.
 */
export class TestApi {
  private child: Child | null = null;
  port = 0;
  key = '';
  /** The administrator's session on the API, for set-up calls. */
  admin!: ApiSession;

  private constructor(
    private readonly dataDir: string,
    private readonly options: TestApiOptions,
  ) {}

  static async create(seed: Seed, options: TestApiOptions): Promise<TestApi> {
    const api = new TestApi(mkdtempSync(join(tmpdir(), 'switchboard-e2e-')), options);
    const tool = await openAdmin({ ...process.env, ...api.env() }, 'e2e');
    let link: string;
    try {
      for (const site of seed.sites) await tool.addSite(site);
      for (const system of seed.systems) await tool.addSystem(system);
      for (const user of seed.users ?? []) await tool.createUser(user);
      api.key = (await tool.createKey({ siteIds: ['*'], feed: 'e2e' })).key;
      const admin = { email: ADMIN_EMAIL, name: 'Ada Admin', role: 'admin' as const, sites: 'all' as const };
      link = (await tool.createUser(admin)).signInUrl;
    } finally {
      await tool.close();
    }
    await api.start();
    api.admin = await ApiSession.fromLink(api.url, link);
    return api;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private env(): Record<string, string> {
    return {
      DATA_DIR: this.dataDir,
      DATABASE_URL: '',
      PUBLIC_URL: this.options.publicUrl,
      ...this.options.env,
    };
  }

  /** Starts the API (on the port it had before, after a stop). */
  async start(): Promise<void> {
    const child = await spawnUntil(process.execPath, ['--import', 'tsx', API_SERVER], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...this.env(), API_PORT: String(this.port), HOST: '127.0.0.1' },
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

  /** Invites someone with a role and sites; answers their one-time sign-in link (on the dashboard). */
  async invite(email: string, role: string, sites: 'all' | string[]): Promise<string> {
    return (await this.admin.mutate<{ signInUrl: string }>('admin.users.invite', { email, role, sites }))
      .signInUrl;
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

/** A call offered `minutes` before `now` and answered after `waitS` seconds. */
export function answeredCall(
  siteId: string,
  callId: string,
  minutes: number,
  waitS: number,
  now = Date.now(),
) {
  const offered = now - minutes * 60_000;
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

export function snapshot(
  siteId: string,
  minutes: number,
  callsWaiting: number,
  longestWaitS: number,
  now = Date.now(),
) {
  return {
    siteId,
    queue: 'main',
    at: minutesAgo(minutes, now),
    callsWaiting,
    longestWaitMs: longestWaitS * 1000,
    agentsAvailable: 3,
    agentsOnCall: 20,
    agentsWrapUp: 2,
  };
}

export function status(
  systemId: string,
  siteId: string | undefined,
  minutes: number,
  state: 'up' | 'down',
  now = Date.now(),
) {
  return { systemId, siteId, at: minutesAgo(minutes, now), status: state, source: 'probe', detail: 'e2e' };
}
