import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEnv } from '../src/env.ts';
import { openDatabase } from '../src/open-database.ts';
import { authenticateDisplay } from '../src/services/displays.ts';
import { getBoard } from '../src/services/wallboards/boards.ts';
import { cli } from './cli-run.ts';

describe('the displays command line', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-displays-cli-'));
  const env = { DATA_DIR: dataDir, DATABASE_URL: '', PUBLIC_URL: 'https://switchboard.example.nhs.uk' };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates a display with a default board for its sites, printing the link last; revokes it', async () => {
    expect((await cli('sites', ['add', 'leeds', '--name', 'Leeds'], env)).code).toBe(0);
    expect((await cli('sites', ['add', 'york', '--name', 'York'], env)).code).toBe(0);
    const created = await cli('displays', ['create', '--name', 'Floor TV', '--sites', 'leeds,york'], env);
    expect(created.code).toBe(0);
    const last = created.stdout.trim().split('\n').at(-1) ?? '';
    const url = new URL(last);
    expect(`${url.origin}${url.pathname}`).toBe('https://switchboard.example.nhs.uk/display/claim');
    expect(url.searchParams.get('to')).toBe('wallboard');
    const token = url.searchParams.get('token') ?? '';
    expect(token).toMatch(/^sbd_/);

    const database = await openDatabase(readEnv({ ...process.env, ...env }));
    try {
      const display = await authenticateDisplay(database.db, token);
      expect(display).toMatchObject({ name: 'Floor TV', sites: ['leeds', 'york'] });
      const board = await getBoard(
        database.db,
        {
          kind: 'display',
          displayId: display?.id ?? '',
          name: 'Floor TV',
          sites: ['leeds', 'york'],
          boardId: display?.boardId ?? null,
        },
        display?.boardId ?? '',
      );
      expect(board.pages[0]?.tiles.length).toBe(6);
      expect(board.sites).toEqual(['leeds', 'york']);
    } finally {
      await database.close();
    }
    const id = token.split('_')[1] ?? '';
    const revoked = await cli('displays', ['revoke', id], env);
    expect(revoked.stdout).toContain(`display ${id} revoked`);
    const again = await cli('displays', ['revoke', id], env);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(`no active display with id ${id}`);
  }, 300_000); // six processes, each opening the embedded database

  it('refuses bad input with the usage, and changes nothing', async () => {
    const noSites = await cli('displays', ['create', '--name', 'TV'], env);
    expect(noSites.code).toBe(2);
    expect(noSites.stderr).toContain('--sites is required');
    const unknown = await cli('displays', ['create', '--name', 'TV', '--sites', 'atlantis'], env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('unknown site(s): atlantis');
    const hostile = await cli(
      'displays',
      ['create', '--name', '\u0007', '--sites', "leeds'; drop table sites"],
      env,
    );
    expect(hostile.code).toBe(2);
    expect((await cli('displays', ['revoke', '../etc'], env)).code).toBe(2);
    expect((await cli('displays', ['frobnicate'], env)).stderr).toContain('usage: npm run displays');
  }, 300_000);
});
