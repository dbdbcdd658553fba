import { testBackends } from '@switchboard/db/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/trpc/router.ts';
import { startTestApi, type TestApi } from './harness.ts';

type Kind = 'query' | 'mutation' | 'subscription';
const PROCEDURES = Object.entries(
  (appRouter._def as unknown as { procedures: Record<string, { _def: { type: Kind } }> }).procedures,
)
  .filter(([, p]) => p._def.type !== 'subscription')
  .map(([path, p]) => ({ path, kind: p._def.type }));

/** Text an error body must never carry: SQL, stack frames, internal paths. */
const INTERNALS = /\b(select|insert into|update .* set|delete from)\b|\bat .*\.ts:\d+|node_modules|\/src\//i;

/**
 * Every procedure and every CSV export, called by an admin (who passes every permission check) with
 * arbitrary JSON: the answer is never a 5xx and never carries internals. Ingestion has its own property
 * (hostile-property.test.ts); this one covers the reads, the admin writes, incidents and exports.
 */
describe.each(testBackends())('arbitrary input to every procedure on %s', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend);
  });
  afterAll(() => api?.stop());

  it('answers 2xx or 4xx, never with internals', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PROCEDURES),
        fc.jsonValue({ maxDepth: 3 }),
        async ({ path, kind }, input) => {
          const json = JSON.stringify(input);
          const reply =
            kind === 'mutation'
              ? await fetch(`${api.url}/trpc/${path}`, {
                  method: 'POST',
                  headers: { ...api.as.admin, 'content-type': 'application/json' },
                  body: json,
                })
              : await fetch(`${api.url}/trpc/${path}?input=${encodeURIComponent(json)}`, {
                  headers: api.as.admin,
                });
          const text = await reply.text();
          expect({ path, json, status: reply.status < 500 }).toEqual({ path, json, status: true });
          if (reply.status >= 400) expect(text).not.toMatch(INTERNALS);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('answers arbitrary query strings on the CSV exports with 2xx or 4xx', async () => {
    const names = ['intervals', 'iuc-adc', 'availability', 'calls', 'incidents'];
    const param = fc.constantFrom('from', 'to', 'siteIds', 'interval', 'profile', 'period', 'bySite', 'x');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.array(fc.tuple(param, fc.string({ maxLength: 40 })), { maxLength: 6 }),
        async (name, pairs) => {
          const query = new URLSearchParams(pairs).toString();
          const reply = await fetch(`${api.url}/export/${name}.csv?${query}`, { headers: api.as.admin });
          const text = await reply.text();
          expect({ name, query, ok: reply.status < 500 }).toEqual({ name, query, ok: true });
          if (reply.status >= 400) expect(text).not.toMatch(INTERNALS);
        },
      ),
      { numRuns: 60 },
    );
  });
});
