import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './cli-run.ts';

describe('npm run import on the embedded database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-import-cli-'));
  const env = { DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits non-zero naming the bad line, then loads the good file and reports what it stored', async () => {
    expect((await cli('sites', ['add', 'leeds', '--name', 'Leeds'], env)).code).toBe(0);
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'callId,kind,at,waitMs\nc1,offered,2026-11-01 10:00:00,\nc1,answered,2026-11-01T10:00:20Z,\n',
    );
    const refused = await cli('import', ['calls', '--site', 'leeds', bad], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('line 3: waitMs: is required for kind "answered"');
    const good = join(dir, 'good.csv');
    writeFileSync(
      good,
      'callId,kind,at,waitMs\nc1,offered,2026-11-01 10:00:00,\nc1,answered,2026-11-01T10:00:20Z,20000\n',
    );
    const loaded = await cli('import', ['calls', '--site', 'leeds', good], env);
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toContain('2 rows read: 2 events stored, 0 already there, 0 refused');
    expect((await cli('import', ['calls', good], env)).code).not.toBe(0);
  }, 240_000); // three processes each open PGlite and check its migrations
});
