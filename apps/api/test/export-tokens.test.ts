import { auditLog } from '@switchboard/db';
import { testBackends } from '@switchboard/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExportToken } from '../src/services/export-tokens.ts';
import { inviteUser, updateUser } from '../src/services/users.ts';
import { dataOf, emailOf, startTestApi, type TestApi, type Who } from './harness.ts';

const RANGE = 'from=2026-11-01T00:00:00Z&to=2026-11-03T00:00:00Z';
const EXPORTS = [
  `/export/intervals.csv?siteIds=leeds&${RANGE}&interval=1h`,
  `/export/iuc-adc.csv?${RANGE}&period=day`,
  `/export/availability.csv?${RANGE}&siteIds=leeds`,
  `/export/calls.csv?siteIds=leeds&${RANGE}`,
];

describe.each(testBackends())('export tokens on %s', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend);
  });
  afterAll(() => api?.stop());

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const csv = (path: string, token: string) => fetch(`${api.url}${path}`, { headers: bearer(token) });
  const create = async (who: Who, input: unknown) =>
    api.post('exportTokens.create', input, { key: null, headers: api.as[who] });

  it('an analyst creates a token, shown once, that opens every export like a script would', async () => {
    const reply = await create('analyst', { name: 'Power BI monthly' });
    const { id, token } = dataOf<{ id: string; token: string }>(reply);
    expect(token).toMatch(/^sbx_[0-9a-f]{8}_[A-Za-z0-9_-]{32}$/);
    for (const path of EXPORTS) {
      const response = await csv(path, token);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      expect((await response.text()).split('\r\n')[0]?.length).toBeGreaterThan(0);
    }
    // The same answer as the analyst's own session gives.
    const path = EXPORTS[0] ?? '';
    const bySession = await (await fetch(`${api.url}${path}`, { headers: api.as.analyst })).text();
    expect(await (await csv(path, token)).text()).toBe(bySession);

    const listed = dataOf<Array<Record<string, unknown>>>(
      await api.get('exportTokens.list', undefined, 'analyst'),
    );
    expect(listed.map((t) => t.id)).toEqual([id]);
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(listed[0]).toMatchObject({ name: 'Power BI monthly', owner: emailOf('analyst'), sites: 'all' });
    const audited = await api.database.db.select().from(auditLog).where(eq(auditLog.subject, id));
    expect(audited.map((a) => [a.action, a.actor])).toEqual([
      ['export-token.create', `user:${emailOf('analyst')}`],
    ]);
  });

  it('is refused on every tRPC read and write and on ingestion', async () => {
    const { token } = dataOf<{ token: string }>(await create('admin', { name: 'everything' }));
    const reads = ['sites.list', 'me.get', 'metrics.overview', 'exportTokens.list', 'admin.users.list'];
    for (const path of reads) {
      const response = await fetch(`${api.url}/trpc/${path}`, { headers: bearer(token) });
      expect(response.status, path).toBe(401);
    }
    const writes: Array<[string, unknown]> = [
      ['exportTokens.create', { name: 'another' }],
      ['displays.create', { name: 'Wall', sites: 'all' }],
      ['admin.sites.add', { id: 'bradford', name: 'Bradford' }],
      ['ingest.callEvents', []],
    ];
    const before = await api.counts();
    for (const [path, body] of writes) {
      const reply = await api.post(path, body, { key: token });
      expect(reply.status, path).toBe(401);
    }
    expect(await api.counts()).toEqual(before);
  });

  it('keeps to its owner: role and sites cap at the owner’s, and a narrower token is narrower', async () => {
    // A viewer holds no export permission: no token.
    expect((await create('viewer', { name: 'nope' })).status).toBe(403);
    expect((await api.get('exportTokens.list', undefined, 'viewer')).status).toBe(403);

    // A token narrowed to leeds by an all-sites analyst reads leeds only.
    const leedsOnly = dataOf<{ token: string }>(await create('analyst', { name: 'leeds', sites: ['leeds'] }));
    expect((await csv(`/export/calls.csv?siteIds=leeds&${RANGE}`, leedsOnly.token)).status).toBe(200);
    const york = await csv(`/export/calls.csv?siteIds=york&${RANGE}`, leedsOnly.token);
    expect(york.status).toBe(403);
    expect(await york.text()).toContain('york');

    // An analyst scoped to leeds cannot make a token wider than leeds, and an "all" token means leeds.
    const scoped = await inviteUser(api.database.db, api.access.auth, {
      email: 'scoped.analyst@test.nhs.net',
      role: 'analyst',
      sites: ['leeds'],
      actor: 'test',
    });
    const owner = { userId: scoped.id, role: 'analyst' as const, sites: ['leeds'] };
    await expect(
      createExportToken(api.database.db, { actor: 'test', owner, name: 'wide', sites: ['york'] }),
    ).rejects.toThrow(/outside the owner's scope/);
    const mine = await createExportToken(api.database.db, {
      actor: 'test',
      owner,
      name: 'mine',
      sites: 'all',
    });
    expect((await csv(`/export/calls.csv?siteIds=york&${RANGE}`, mine.token)).status).toBe(403);
    expect((await csv(`/export/calls.csv?siteIds=leeds&${RANGE}`, mine.token)).status).toBe(200);

    // The owner's scope moves to york: the token follows (leeds no more).
    await updateUser(api.database.db, { id: scoped.id, sites: ['york'], actor: 'test' });
    expect((await csv(`/export/calls.csv?siteIds=leeds&${RANGE}`, mine.token)).status).toBe(403);
    expect((await csv(`/export/calls.csv?siteIds=york&${RANGE}`, mine.token)).status).toBe(200);

    // The owner loses the role: 401, and back again when it returns.
    await updateUser(api.database.db, { id: scoped.id, role: 'viewer', actor: 'test' });
    expect((await csv(`/export/calls.csv?siteIds=york&${RANGE}`, mine.token)).status).toBe(401);
    await updateUser(api.database.db, { id: scoped.id, role: 'analyst', actor: 'test' });
    expect((await csv(`/export/calls.csv?siteIds=york&${RANGE}`, mine.token)).status).toBe(200);

    // The owner disabled → 401.
    await updateUser(api.database.db, { id: scoped.id, disabled: true, actor: 'test' });
    expect((await csv(`/export/calls.csv?siteIds=york&${RANGE}`, mine.token)).status).toBe(401);
  });

  it('revocation: the owner (or an admin) revokes, others cannot, and a revoked token is 401 at once', async () => {
    const { id, token } = dataOf<{ id: string; token: string }>(await create('analyst', { name: 'script' }));
    expect((await csv(EXPORTS[1] ?? '', token)).status).toBe(200);
    // Someone else's token is not found for a manager (not theirs, not an admin).
    const other = await api.post('exportTokens.revoke', { id }, { key: null, headers: api.as.manager });
    expect(other.status).toBe(404);
    expect(dataOf<unknown[]>(await api.get('exportTokens.list', undefined, 'manager'))).toEqual([]);
    // An admin sees everyone's.
    const all = dataOf<Array<{ id: string }>>(await api.get('exportTokens.list', undefined, 'admin'));
    expect(all.map((t) => t.id)).toContain(id);

    const revoked = await api.post('exportTokens.revoke', { id }, { key: null, headers: api.as.analyst });
    expect(revoked.status).toBe(200);
    const refused = await csv(EXPORTS[1] ?? '', token);
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('export token not recognised');
    expect((await api.post('exportTokens.revoke', { id }, { key: null, headers: api.as.admin })).status).toBe(
      404,
    );
    const audited = await api.database.db.select().from(auditLog).where(eq(auditLog.subject, id));
    expect(audited.map((a) => a.action).sort()).toEqual(['export-token.create', 'export-token.revoke']);

    const again = dataOf<{ id: string; token: string }>(await create('analyst', { name: 'by admin' }));
    expect(
      (await api.post('exportTokens.revoke', { id: again.id }, { key: null, headers: api.as.admin })).status,
    ).toBe(200);
    expect((await csv(EXPORTS[1] ?? '', again.token)).status).toBe(401);
  });

  it('answers hostile tokens and input with 4xx that name the field and carry nothing back', async () => {
    const before = await api.counts();
    const tokens = [
      'sbx_',
      "sbx_' or 1=1 --",
      `sbx_${'a'.repeat(5000)}`,
      'sbx_00000000_\u202e\u0000',
      'sbx_%00',
      'sb_deadbeef_notakey',
      'sbd_notadisplay',
    ];
    for (const token of tokens) {
      const response = await fetch(`${api.url}${EXPORTS[0]}`, {
        headers: { authorization: `Bearer ${encodeURIComponent(token)}` },
      });
      expect([401, 403], token.slice(0, 20)).toContain(response.status);
      const text = await response.text();
      expect(text).not.toMatch(/select|stack|sbx_'/i);
    }
    const inputs: Array<[unknown, string]> = [
      [{}, 'name'],
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(81) }, 'name'],
      [{ name: 'bell\u0007' }, 'name'],
      [{ name: 'ok', sites: [] }, 'sites'],
      [{ name: 'ok', sites: ['../etc'] }, 'sites'],
      [{ name: 'ok', sites: 'everything' }, 'sites'],
      [{ name: 'ok', role: 'admin' }, 'role'],
    ];
    for (const [input, field] of inputs) {
      const reply = await create('analyst', input);
      expect(reply.status, JSON.stringify(input)).toBe(400);
      expect(reply.body.error?.message).toContain(field);
    }
    expect((await create('analyst', { name: 'ok', sites: ['atlantis'] })).status).toBe(422);
    for (const id of ['', '../x', 'a'.repeat(65)]) {
      const reply = await api.post('exportTokens.revoke', { id }, { key: null, headers: api.as.analyst });
      expect(reply.status).toBe(400);
    }
    expect(await api.counts()).toEqual(before);
  });
});
