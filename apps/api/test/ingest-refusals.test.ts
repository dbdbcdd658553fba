import { LIMITS } from '@switchboard/contracts';
import { testBackends } from '@switchboard/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness.ts';

const now = () => new Date(Date.now() - 1_000).toISOString();
const event = (over: Record<string, unknown> = {}) => ({
  siteId: 'leeds',
  callId: 'c1',
  kind: 'offered',
  at: now(),
  ...over,
});
const valid = () => [event({ callId: 'ok-1' }), event({ callId: 'ok-2' })];

/** Each case: what is sent, the status expected, and text the message must contain (naming the field). */
const CORPUS: {
  name: string;
  path?: string;
  body: () => unknown;
  status: number;
  message: string;
  key?: 'leeds';
}[] = [
  {
    name: 'wrong type',
    body: () => ({ events: [...valid(), event({ waitMs: '12' })] }),
    status: 400,
    message: 'events[2].waitMs',
  },
  {
    name: 'missing field',
    body: () => ({ events: [{ siteId: 'leeds', kind: 'offered', at: now() }] }),
    status: 400,
    message: 'events[0].callId',
  },
  {
    name: 'missing wait',
    body: () => ({ events: [...valid(), event({ kind: 'abandoned' })] }),
    status: 400,
    message: 'events[2].waitMs: is required',
  },
  {
    name: 'NaN (as JSON null)',
    body: () => `{"events":[{"siteId":"leeds","callId":"c","kind":"answered","at":"${now()}","waitMs":NaN}]}`,
    status: 400,
    message: 'not valid JSON',
  },
  {
    name: 'null wait',
    body: () => ({ events: [event({ kind: 'answered', waitMs: null })] }),
    status: 400,
    message: 'events[0].waitMs',
  },
  {
    name: 'huge string',
    body: () => ({ events: [event({ callId: 'x'.repeat(100_000) })] }),
    status: 400,
    message: 'events[0].callId: callId must be at most 128',
  },
  {
    name: 'future date',
    body: () => ({ events: [...valid(), event({ at: new Date(Date.now() + 3_600_000).toISOString() })] }),
    status: 400,
    message: 'events[2].at: must not be more than 5 minutes in the future',
  },
  {
    name: 'date without offset',
    body: () => ({ events: [event({ at: '2026-11-25T09:14:00' })] }),
    status: 400,
    message: 'events[0].at',
  },
  {
    name: 'unknown kind',
    body: () => ({ events: [event({ kind: 'hung_up' })] }),
    status: 400,
    message: 'events[0].kind: must be one of',
  },
  {
    name: 'unknown field',
    body: () => ({ events: [event({ colour: 'red' })] }),
    status: 400,
    message: 'events[0]: unknown field(s) "colour"',
  },
  {
    name: 'not an array',
    body: () => ({ events: 'all of them' }),
    status: 400,
    message: 'events: events must be an array',
  },
  {
    name: 'empty batch',
    body: () => ({ events: [] }),
    status: 400,
    message: 'events: events must hold at least one item',
  },
  { name: 'wrong envelope', body: () => [event()], status: 400, message: '(input)' },
  {
    name: 'truncated JSON',
    body: () => JSON.stringify({ events: valid() }).slice(0, 40),
    status: 400,
    message: 'not valid JSON',
  },
  {
    name: 'unknown site',
    body: () => ({ events: [...valid(), event({ siteId: 'atlantis' })] }),
    status: 422,
    message: 'events[2].siteId: unknown site "atlantis"',
  },
  {
    name: 'another site',
    key: 'leeds',
    body: () => ({ events: [...valid(), event({ siteId: 'york' })] }),
    status: 403,
    message: 'events[2].siteId: this key may not write to site "york"',
  },
  {
    name: 'unknown system',
    path: 'ingest.systemStatus',
    body: () => ({
      statuses: [{ systemId: 'teletext', siteId: 'leeds', at: now(), status: 'up', source: 'probe' }],
    }),
    status: 422,
    message: 'statuses[0].systemId: unknown system "teletext"',
  },
  {
    name: 'snapshot negative count',
    path: 'ingest.queueSnapshots',
    body: () => ({
      snapshots: [
        {
          siteId: 'leeds',
          queue: 'main',
          at: now(),
          callsWaiting: -1,
          longestWaitMs: 0,
          agentsAvailable: 1,
          agentsOnCall: 1,
          agentsWrapUp: 0,
        },
      ],
    }),
    status: 400,
    message: 'snapshots[0].callsWaiting: must not be negative',
  },
  {
    name: 'status nobody sends',
    path: 'ingest.systemStatus',
    body: () => ({
      statuses: [{ systemId: 'cas', siteId: 'leeds', at: now(), status: 'unknown', source: 'probe' }],
    }),
    status: 400,
    message: 'statuses[0].status',
  },
];

describe.each(testBackends())('refused ingestion on %s', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend);
  });
  afterAll(() => api?.stop());

  it.each(CORPUS)('$name → $status naming the field, nothing stored', async (item) => {
    const before = await api.counts();
    const reply = await api.post(
      item.path ?? 'ingest.callEvents',
      item.body(),
      item.key ? { key: api.keys[item.key] } : {},
    );
    expect(reply.status).toBe(item.status);
    expect(reply.body.error?.data.httpStatus).toBe(item.status);
    expect(reply.body.error?.message).toContain(item.message);
    expect(await api.counts()).toEqual(before);
  });

  it('refuses a missing, wrong or revoked key with 401', async () => {
    const before = await api.counts();
    const body = { events: valid() };
    const missing = await api.post('ingest.callEvents', body, { key: null });
    expect(missing.status).toBe(401);
    expect(missing.body.error?.message).toContain('Authorization: Bearer');
    expect((await api.post('ingest.callEvents', body, { key: 'sb_nope_nope' })).status).toBe(401);
    const { revokeKey } = await import('../src/services/keys.ts');
    const { createKey } = await import('../src/services/keys.ts');
    const doomed = await createKey(api.database.db, { siteIds: ['leeds'], feed: 'old', actor: 'test' });
    await revokeKey(api.database.db, { id: doomed.id, actor: 'test' });
    const revoked = await api.post('ingest.callEvents', body, { key: doomed.key });
    expect(revoked.status).toBe(401);
    expect(revoked.body.error?.message).toContain('revoked');
    const after = await api.counts();
    expect({ ...after, api_keys: 0, audit_log: 0 }).toEqual({ ...before, api_keys: 0, audit_log: 0 });
  });

  it('refuses a wrong content type with 415 and a body over the limit with 413', async () => {
    const before = await api.counts();
    const text = await api.post('ingest.callEvents', JSON.stringify({ events: valid() }), {
      contentType: 'text/plain',
    });
    expect(text.status).toBe(415);
    expect(text.body.error?.message).toContain('content-type');
    const big = JSON.stringify({ events: valid(), padding: 'x'.repeat(LIMITS.maxBodyBytes) });
    const tooBig = await api.post('ingest.callEvents', big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error?.message).toContain(`at most ${LIMITS.maxBatch} items`);
    expect(await api.counts()).toEqual(before);
  });

  it('survives a burst of junk and still serves good batches', async () => {
    const junk = ['', '{', 'null', '[]', '{"events":null}', '\u0000\u0001', '{"events":[{}]}', '"x"'];
    const replies = await Promise.all(junk.map((body) => api.post('ingest.callEvents', body)));
    for (const reply of replies) expect(reply.status).toBeGreaterThanOrEqual(400);
    for (const reply of replies) expect(reply.status).toBeLessThan(500);
    const ok = await api.post('ingest.callEvents', { events: [event({ callId: `after-junk-${backend}` })] });
    expect(ok.body.result?.data).toEqual({ accepted: 1, duplicates: 0 });
  });
});
