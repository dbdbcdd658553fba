import { CALL_COLUMNS, callsExportInput, type ExportProfile } from '@switchboard/contracts';
import { createTestDb, type TestDatabase, testBackends } from '@switchboard/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callsExport } from '../src/export/calls.ts';
import type { Cell } from '../src/export/cells.ts';
import { csvPage, csvResponse } from '../src/export/stream.ts';
import { addSite } from '../src/services/sites.ts';

/**
 * The calls export is written by the database (calls-sql.ts): its text must be exactly what the cell rules
 * of cells.ts and csvPage write for the same events, in both profiles.
 */
const TRICKY = [
  '=1+1',
  '+44 113',
  '-5',
  '@SUM(A1)',
  '\tx',
  '\rx',
  '\nx',
  '＝1',
  'a,b',
  'say "hi"',
  'two\nlines',
];
const EVENTS: [string, string, string, number | null, string, string | null][] = [
  // call, kind, at, wait, queue, agent: both clock changes, milliseconds, formula-looking and quoted text
  ['c1', 'offered', '2026-03-29T00:59:59.999Z', null, 'main', null],
  ['c1', 'answered', '2026-03-29T01:00:00.000Z', 1, 'main', 'a1'],
  ['c2', 'offered', '2026-10-25T00:30:00.120Z', null, 'main', null],
  ['c2', 'abandoned', '2026-10-25T01:30:00.000Z', 3_600_000, 'main', null],
  ...TRICKY.map((text, i): (typeof EVENTS)[number] => [
    `${text}-${i}`,
    'answered',
    `2026-06-01T12:00:${String(i).padStart(2, '0')}.00${i % 10}Z`,
    i * 1_000,
    text,
    text,
  ]),
];

async function exported(database: TestDatabase, profile: ExportProfile): Promise<string> {
  const input = callsExportInput.parse({
    siteIds: 'leeds',
    from: '2026-01-01T00:00:00Z',
    to: '2027-01-01T00:00:00Z',
  });
  const plan = await callsExport(database.db, input, { sites: 'all', role: 'analyst' });
  const bytes = await (await csvResponse(plan, profile)).arrayBuffer();
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

describe.each(testBackends())('the calls export written by the database on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDb(backend);
    await addSite(database.db, { id: 'leeds', name: 'formula site', actor: 't' });
    for (const [call, kind, at, wait, queue, agent] of EVENTS)
      await database.rows(sql`insert into call_events (site_id, call_id, kind, at, wait_ms, queue, agent_id)
        values ('leeds', ${call}, ${kind}, ${at}, ${wait}, ${queue}, ${agent})`);
  });
  afterAll(() => database?.close());

  it.each(['raw', 'excel'] as const)(
    'writes in the %s profile what the cell rules write',
    async (profile) => {
      const sorted = [...EVENTS].sort((a, b) =>
        a[2] !== b[2] ? (a[2] < b[2] ? -1 : 1) : a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : 0,
      );
      const cells: Cell[][] = sorted.map(([call, kind, at, wait, queue, agent]) => {
        const ms = Date.parse(at);
        return ['leeds', call, kind, ms, ms, ms, wait, queue, agent];
      });
      expect(await exported(database, profile)).toBe(csvPage(cells, CALL_COLUMNS, profile, true));
    },
  );

  it('leaves the connection usable after an export a client stopped reading', async () => {
    await database.rows(sql`insert into call_events (site_id, call_id, kind, at, queue)
      select 'leeds', 'bulk-' || g, 'offered', timestamptz '2026-07-01T00:00:00Z' + g * interval '1 second', 'main'
      from generate_series(1, 20000) g`);
    for (let i = 0; i < 3; i++) {
      const input = callsExportInput.parse({
        siteIds: 'leeds',
        from: '2026-07-01T00:00:00Z',
        to: '2026-07-02T00:00:00Z',
      });
      const plan = await callsExport(database.db, input, { sites: 'all', role: 'analyst' });
      const body = (await csvResponse(plan, 'raw')).body;
      const reader = body?.getReader();
      await reader?.read();
      await reader?.cancel();
      const [row] = await database.rows<{ n: number }>(sql`select count(*)::int as n from call_events`);
      expect(row?.n).toBe(EVENTS.length + 20_000);
    }
  });
});
