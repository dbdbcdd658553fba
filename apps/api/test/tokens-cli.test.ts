import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './cli-run.ts';

describe('npm run tokens on the embedded database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-tokens-cli-'));
  const env = { DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates an export token for an analyst (printed last), lists it without the secret, revokes it', async () => {
    expect((await cli('sites', ['add', 'leeds', '--name', 'Leeds'], env)).code).toBe(0);
    const users = [
      ['analyst@test.nhs.net', 'analyst'],
      ['viewer@test.nhs.net', 'viewer'],
    ];
    for (const [email, role] of users)
      expect((await cli('users', ['create', '--email', email ?? '', '--role', role ?? ''], env)).code).toBe(
        0,
      );

    const created = await cli(
      'tokens',
      [
        'create',
        '--user',
        'analyst@test.nhs.net',
        '--kind',
        'export',
        '--name',
        'Power BI',
        '--sites',
        'leeds',
      ],
      env,
    );
    expect(created.code).toBe(0);
    const token = created.stdout.trim().split('\n').at(-1) ?? '';
    expect(token).toMatch(/^sbx_[0-9a-f]{8}_/);
    const id = token.slice(4, 12);

    const listed = await cli('tokens', ['list'], env);
    expect(listed.stdout).toContain(`${id}\texport\tanalyst@test.nhs.net\tPower BI\tleeds\tactive`);
    expect(listed.stdout).not.toContain(token);

    const refused = [
      [['create', '--user', 'viewer@test.nhs.net', '--kind', 'export'], 'analyst role'],
      [['create', '--user', 'nobody@test.nhs.net', '--kind', 'export'], 'no user'],
      [['create', '--user', 'analyst@test.nhs.net', '--kind', 'feed'], '--kind'],
      [['create', '--user', 'not-an-email', '--kind', 'export'], '--user'],
      [['create', '--user', 'analyst@test.nhs.net', '--kind', 'export', '--sites', 'york'], 'york'],
      [['revoke', '../etc'], 'token-id'],
      [
        ['create', '--user', 'analyst@test.nhs.net', '--kind', 'export', '--admin'],
        "Unknown option '--admin'",
      ],
      [['create', '--user', 'analyst@test.nhs.net', '--kind', 'export', '--name', 'bell\u0007'], 'control'],
      [['list', 'extra'], 'expected 1 argument(s)'],
    ] as const;
    for (const [args, message] of refused) {
      const answer = await cli('tokens', [...args], env);
      expect(answer.code, args.join(' ')).not.toBe(0);
      expect(answer.stderr, args.join(' ')).toContain(message);
    }

    expect((await cli('tokens', ['revoke', id, '--actor', 'ops lead'], env)).stdout).toContain(
      `export token ${id} revoked`,
    );
    expect((await cli('tokens', ['list'], env)).stdout).toMatch(new RegExp(`${id}\\t.*\\trevoked `));
    expect((await cli('tokens', ['revoke', id], env)).code).not.toBe(0);
  }, 300_000); // each command opens PGlite and checks its migrations
});
