import { testBackends } from '@switchboard/db/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness.ts';

const recent = () => new Date(Date.now() - 1_000).toISOString();

/**
 * Any string at all: arbitrary UTF-16 code units (lone surrogates and control characters included), whole
 * code points, the awkward ones on purpose, and long ones.
 */
const anyString = fc.oneof(
  fc
    .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 })
    .map((units) => String.fromCharCode(...units)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '\ud800',
    '\udfff',
    'a\ud83d',
    '\u0000',
    '\u0007bell',
    '\u0085',
    '\u202e',
    "'; drop table sites; --",
    '',
  ),
  fc.string({ minLength: 1_000, maxLength: 3_000 }),
);

/** A valid item of each stream, and its text fields. */
const STREAMS = {
  'ingest.callEvents': {
    wrap: (item: Record<string, unknown>) => ({ events: [item] }),
    item: () => ({
      siteId: 'leeds',
      callId: 'p',
      kind: 'answered',
      at: recent(),
      waitMs: 1_000,
      queue: 'main',
      agentId: 'a1',
    }),
    fields: ['siteId', 'callId', 'kind', 'at', 'queue', 'agentId'],
  },
  'ingest.queueSnapshots': {
    wrap: (item: Record<string, unknown>) => ({ snapshots: [item] }),
    item: () => ({
      siteId: 'leeds',
      queue: 'main',
      at: recent(),
      callsWaiting: 1,
      longestWaitMs: 0,
      agentsAvailable: 1,
      agentsOnCall: 0,
      agentsWrapUp: 0,
    }),
    fields: ['siteId', 'queue', 'at'],
  },
  'ingest.systemStatus': {
    wrap: (item: Record<string, unknown>) => ({ statuses: [item] }),
    item: () => ({
      systemId: 'cas',
      siteId: 'leeds',
      at: recent(),
      status: 'down',
      source: 'manual',
      detail: 'x',
    }),
    fields: ['systemId', 'siteId', 'at', 'status', 'source', 'detail'],
  },
} as const;

/** Issue 10: whatever string lands in whatever text field, ingestion answers 2xx or 4xx, never 5xx. */
describe.each(testBackends())('arbitrary strings in every text field on %s', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend);
  });
  afterAll(() => api.stop());

  for (const [path, stream] of Object.entries(STREAMS)) {
    it(`${path}: never 5xx`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...stream.fields),
          anyString,
          fc.boolean(),
          async (field, value, asKey) => {
            const item: Record<string, unknown> = { ...stream.item(), [field]: value };
            // The same string as an unknown field's name, too.
            if (asKey) item[value] = 1;
            const reply = await api.post(path, stream.wrap(item));
            expect(reply.status, JSON.stringify(reply.body).slice(0, 300)).toBeLessThan(500);
            expect(reply.status).toBeGreaterThanOrEqual(200);
          },
        ),
        { numRuns: 60 },
      );
    });
  }
});
