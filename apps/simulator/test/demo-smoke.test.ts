import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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

async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  while (Date.now() < end) {
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
  const apiPort = 43_000 + Math.floor(Math.random() * 500);
  const dashboardPort = apiPort + 600;
  let demo: ChildProcess | undefined;
  let output = '';
  afterAll(() => {
    if (demo?.pid && alive(demo.pid)) demo.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the API, dashboard and simulator, feeds every site, and stops every process on Ctrl-C', async () => {
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
    demo.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const api = `http://127.0.0.1:${apiPort}`;

    await until('readyz', 240_000, async () => ((await fetch(`${api}/readyz`)).ok ? true : undefined));
    await until('the dashboard', 240_000, async () =>
      (await fetch(`http://127.0.0.1:${dashboardPort}/`)).ok ? true : undefined,
    );
    // Every demo site has fresh data (queue snapshots every 15 s): the overview says none is stale.
    const sites = await until('every site with recent data', 120_000, async () => {
      const body = (await (await fetch(`${api}/trpc/metrics.overview`)).json()) as {
        result: { data: { sites: { siteId: string; stale: boolean }[] } };
      };
      const all = body.result.data.sites;
      return all.length === 10 && all.every((s) => !s.stale) ? all : undefined;
    });
    expect(sites.map((s) => s.siteId)).toContain('leeds');
    expect(output).toContain(`dashboard  http://127.0.0.1:${dashboardPort}`);

    const pid = demo.pid as number;
    const family = descendants(pid);
    expect(family.length).toBeGreaterThanOrEqual(4);
    demo.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => demo?.once('exit', resolve));
    expect(code).toBe(0);
    await until('every process to end', 20_000, async () =>
      family.every((p) => !alive(p)) ? true : undefined,
    );
    expect(existsSync(join(dataDir, 'switchboard.lock'))).toBe(false);
    expect(output).toContain('Switchboard stopped.');
  });
});
