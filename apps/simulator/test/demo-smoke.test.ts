import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../..', import.meta.url).pathname;

/** Every descendant pid of `pid` (children, grandchildren, …). */
function descendants(pid: number): number[] {
  let out: string;
  try {
    out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const children = out
    .split('\n')
    .map((s) => Number.parseInt(s, 10))
    .filter(Number.isFinite);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Ports the kernel reports free on 127.0.0.1, all held open together until every one is known (so the two
 * are distinct), then released for the demo to bind.
 */
async function freePorts(n: number): Promise<number[]> {
  const servers: Server[] = [];
  const ports: number[] = [];
  for (let i = 0; i < n; i++) {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    servers.push(server);
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    ports.push(address.port);
  }
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/**
 * A cold start builds the dashboard (minutes on two busy cores), so every wait shares one deadline, the
 * test's own timeout, and stops at once if the demo exits.
 */
const TEST_TIMEOUT_MS = 20 * 60_000;
let deadline = Date.now() + TEST_TIMEOUT_MS;

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  exited: () => boolean,
): Promise<T> {
  let last: unknown;
  while (Date.now() < deadline - 5_000) {
    if (exited()) throw new Error(`the demo exited while waiting for ${what}`);
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

describe('the one-command demo (npm start)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-demo-'));
  let demo: ChildProcess | undefined;
  let output = '';
  afterAll(() => {
    if (demo?.pid && alive(demo.pid)) demo.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the API, dashboard and simulator, feeds every site, and stops every process on Ctrl-C', {
    timeout: TEST_TIMEOUT_MS,
  }, async () => {
    deadline = Date.now() + TEST_TIMEOUT_MS;
    const [apiPort, dashboardPort] = (await freePorts(2)) as [number, number];
    let exitCode: number | null | undefined;
    demo = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/demo/start.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        API_PORT: String(apiPort),
        DASHBOARD_PORT: String(dashboardPort),
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    demo.once('exit', (code) => (exitCode = code));
    const exited = () => exitCode !== undefined;
    demo.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const api = `http://127.0.0.1:${apiPort}`;

    await until('readyz', async () => ((await fetch(`${api}/readyz`)).ok ? true : undefined), exited);
    await until(
      'the dashboard',
      async () => ((await fetch(`http://127.0.0.1:${dashboardPort}/`)).ok ? true : undefined),
      exited,
    );
    // The demo prints a one-time sign-in link beside the dashboard's address: opening it signs in.
    const link = await until('the sign-in link', async () => /sign in {4}(\S+)/.exec(output)?.[1], exited);
    expect(link.startsWith(`http://127.0.0.1:${dashboardPort}/`)).toBe(true);
    const opened = await fetch(link, { redirect: 'manual' });
    expect(opened.status).toBeGreaterThanOrEqual(300);
    expect(opened.status).toBeLessThan(400);
    const cookie = opened.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    expect(cookie).not.toBe('');
    // Reads need a principal: anonymous is refused, the link's session is let in.
    expect((await fetch(`${api}/trpc/metrics.overview`)).status).toBe(401);
    // Every demo site has fresh data (queue snapshots every 15 s): the overview says none is stale.
    const sites = await until(
      'every site with recent data',
      async () => {
        const body = (await (
          await fetch(`${api}/trpc/metrics.overview`, { headers: { cookie } })
        ).json()) as {
          result: { data: { sites: { siteId: string; stale: boolean }[] } };
        };
        const all = body.result.data.sites;
        return all.length === 10 && all.every((s) => !s.stale) ? all : undefined;
      },
      exited,
    );
    expect(sites.map((s) => s.siteId)).toContain('leeds');
    expect(output).toContain(`dashboard  http://127.0.0.1:${dashboardPort}`);

    const pid = demo.pid as number;
    const family = descendants(pid);
    expect(family.length).toBeGreaterThanOrEqual(4);
    demo.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) =>
      exitCode !== undefined ? resolve(exitCode) : demo?.once('exit', resolve),
    );
    expect(code).toBe(0);
    await until(
      'every process to end',
      async () => (family.every((p) => !alive(p)) ? true : undefined),
      () => false,
    );
    expect(existsSync(join(dataDir, 'switchboard.lock'))).toBe(false);
    expect(output).toContain('Switchboard stopped.');
  });
});
