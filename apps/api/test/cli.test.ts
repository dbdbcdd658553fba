import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { API_DIR, cli, TSX } from './cli-run.ts';

async function waitForReady(url: string, child: ChildProcess, ms = 30_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('API did not become ready');
}

describe('command-line tools on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-cli-'));
  const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
  let api: ChildProcess | undefined;
  afterAll(() => {
    api?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('registers sites and systems, prints a key last, and the API accepts it', async () => {
    expect((await cli('sites', ['add', 'leeds', '--name', 'Leeds'], env)).stdout).toContain(
      'site leeds added',
    );
    expect((await cli('systems', ['add', 'cas', '--name', 'Adastra', '--sites', 'leeds'], env)).code).toBe(0);
    const unknown = await cli('systems', ['add', 'gp', '--name', 'GP', '--sites', 'atlantis'], env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('unknown site(s): atlantis');
    const created = await cli('keys', ['create', '--site', 'leeds', '--feed', 'telephony'], env);
    expect(created.code).toBe(0);
    const key = created.stdout.trim().split('\n').at(-1) ?? '';
    expect(key).toMatch(/^sb_[0-9a-f]{8}_/);

    const port = 41_000 + Math.floor(Math.random() * 2000);
    const url = `http://127.0.0.1:${port}`;
    const invited = await cli(
      'users',
      ['create', '--email', 'Lead@Test.nhs.net', '--role', 'admin', '--actor', 'ops lead'],
      { ...env, PUBLIC_URL: url },
    );
    expect(invited.code).toBe(0);
    const link = invited.stdout.trim().split('\n').at(-1) ?? '';
    expect(link).toMatch(new RegExp(`^${url}/api/auth/magic-link/verify\\?token=`));

    api = spawn(TSX, ['src/server.ts'], {
      cwd: API_DIR,
      env: { ...process.env, ...env, API_PORT: String(port) },
      stdio: 'ignore',
    });
    await waitForReady(url, api);

    // The one-time link leaves a session cookie that reads accept; it works once.
    const anonymous = await fetch(`${url}/trpc/sites.list`);
    expect(anonymous.status).toBe(401);
    const opened = await fetch(link, { redirect: 'manual' });
    expect(opened.status).toBe(302);
    const cookie = opened.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const me = await fetch(`${url}/trpc/me.get`, { headers: { cookie } });
    expect(await me.json()).toMatchObject({
      result: { data: { email: 'lead@test.nhs.net', role: 'admin' } },
    });
    const audit = await fetch(
      `${url}/trpc/admin.audit.list?input=${encodeURIComponent('{"action":"user.invite"}')}`,
      {
        headers: { cookie },
      },
    );
    expect(await audit.json()).toMatchObject({
      result: {
        data: { entries: [{ actor: 'cli:ops lead', action: 'user.invite', target: 'lead@test.nhs.net' }] },
      },
    });
    const again = await fetch(link, { redirect: 'manual' });
    expect(again.headers.get('location')).toContain('error=INVALID_TOKEN');
    expect(again.headers.getSetCookie()).toEqual([]);

    const reply = await fetch(`${url}/trpc/ingest.callEvents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        events: [{ siteId: 'leeds', callId: 'cli-1', kind: 'offered', at: new Date().toISOString() }],
      }),
    });
    expect(await reply.json()).toEqual({ result: { data: { accepted: 1, duplicates: 0 } } });

    // While the API holds the folder, tools refuse clearly and change nothing.
    const busy = await cli('sites', ['add', 'york', '--name', 'York'], env);
    expect(busy.code).toBe(3);
    expect(busy.stderr).toContain('is in use by process');

    api.kill('SIGTERM');
    await new Promise((resolve) => api?.once('exit', resolve));
    const list = await cli('sites', ['list'], env);
    expect(list.stdout).toContain('leeds');
    expect(list.stdout).not.toContain('york');
    // Seven tool runs, each starting Node and the embedded database (10–20 s apiece on a busy machine).
  }, 420_000);
});
