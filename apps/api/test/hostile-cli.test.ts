import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIMITS } from '@switchboard/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './cli-run.ts';

/** Class 8 of issue 10: every bad argument gets the usage and exit 2, never a stack trace. */
describe('hostile command lines', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-hostile-cli-'));
  const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const long = 'x'.repeat(100_000);
  const CASES: [string, string[], string][] = [
    ['sites', ['add', 'leeds', '--nme', 'Leeds'], "Unknown option '--nme'"],
    ['sites', ['add', 'leeds', '--name'], 'argument missing'],
    ['sites', ['add', 'leeds', '--name', long], `name must be at most ${LIMITS.nameLength} characters`],
    ['sites', ['add', 'leeds', '--name', 'Leeds', '--region', long], '--region'],
    ['sites', ['add', 'leeds', '--name', 'bad\u0007bell'], 'control characters'],
    ['sites', ['add', 'leeds', 'extra', '--name', 'Leeds'], 'expected 2 argument(s)'],
    ['sites', ['remove', 'leeds'], 'usage:'],
    ['systems', ['add', 'cas', '--name', long], `at most ${LIMITS.nameLength} characters`],
    ['systems', ['add', 'cas', '--name', 'CAS', '--kind', long], '--kind'],
    ['systems', ['add', 'cas', '--name', 'CAS', '--sites', 'leeds,bad site'], '--sites'],
    ['systems', ['list', '--all'], "Unknown option '--all'"],
    ['keys', ['create', '--site', 'leeds', '--feed', long], '--feed'],
    ['keys', ['create', '--site', 'leeds', '--feed', 'telephony', '--admin'], "Unknown option '--admin'"],
    ['keys', ['revoke'], 'expected 2 argument(s)'],
    ['rollups', ['rebuild', '--force'], "Unknown option '--force'"],
    ['rollups', [], 'usage:'],
  ];

  it.each(CASES)('%s, case %#: usage and exit 2', async (script, args, message) => {
    const result = await cli(script, args, env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('usage:');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr.length).toBeLessThan(2_000);
  });

  it('stored nothing for any refused command', async () => {
    const listed = await cli('sites', ['list'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim()).toBe('');
  });
});
