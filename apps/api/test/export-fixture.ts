// The fixture shared by the export tests: calls of two sites over both 2026 clock-change days, one site
// named like a spreadsheet formula, and helpers to read an export back.
import type { CallEvent, QueueSnapshot } from '@switchboard/contracts';
import { sites } from '@switchboard/db';
import { type Backend, createTestDb, type TestDatabase } from '@switchboard/db/testing';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import type { ExportScope } from '../src/export/scope.ts';
import { csvResponse, type ExportPlan } from '../src/export/stream.ts';
import { ingestCallEvents } from '../src/services/ingest/call-events.ts';
import { ingestQueueSnapshots } from '../src/services/ingest/queue-snapshots.ts';
import { addSite } from '../src/services/sites.ts';

export const KEY = { id: 'test', feed: 'test', siteIds: ['*'] };
export const ADMIN: ExportScope = { sites: 'all', role: 'admin' };
export const T = (s: string) => Date.parse(s);
export const iso = (ms: number) => new Date(ms).toISOString();
/** Both clock-change days of 2026 (29 March: 23 hours; 25 October: 25 hours), from the evening before. */
export const ANCHORS = [T('2026-03-28T20:00:00Z'), T('2026-10-24T20:00:00Z')];
export const WINDOW_MS = 12 * 3_600_000;
export const FORMULA_NAME = '=HYPERLINK("http://x","click"), "quoted"\nnext line';

/** Deterministic calls (about one every 3 minutes per site) over both windows; hull has none. */
export function history(): { events: CallEvent[]; snapshots: QueueSnapshot[] } {
  const events: CallEvent[] = [];
  const snapshots: QueueSnapshot[] = [];
  for (const anchor of ANCHORS) {
    for (const [s, siteId] of ['leeds', 'york'].entries()) {
      for (let i = 0; i < 240; i++) {
        const offered = anchor + ((i * 7_919 + s * 1_301) % 240) * 180_000 + ((i * 104_729) % 170_000);
        const waitMs = (i * 37_397 + s * 7_001) % 150_000;
        const outcome = i % 9 === 0 ? 'abandoned' : 'answered';
        const callId = `${anchor}-${i}`;
        events.push({ siteId, callId, kind: 'offered', at: iso(offered) });
        events.push({ siteId, callId, kind: outcome, at: iso(offered + waitMs), waitMs });
      }
    }
    // Leeds reports its queue every minute of the first two hours: those buckets are complete.
    for (let m = 0; m < 120; m++) {
      snapshots.push({
        siteId: 'leeds',
        queue: 'main',
        at: iso(anchor + m * 60_000 + 5_000),
        callsWaiting: m % 7,
        longestWaitMs: (m % 7) * 9_000,
        agentsAvailable: 3 + (m % 4),
        agentsOnCall: 10,
        agentsWrapUp: 1,
      });
    }
  }
  return { events, snapshots };
}

/** What the raw profile writes for an instant in October 2026 (BST until 25 October 01:00 UTC). */
export function londonIso(ms: number): string {
  const summer = ms < T('2026-10-25T01:00:00Z');
  const wall = new Date(ms + (summer ? 3_600_000 : 0)).toISOString();
  return `${wall.slice(0, 19)}${ms % 1000 ? wall.slice(19, 23) : ''}${summer ? '+01:00' : '+00:00'}`;
}

export async function csvOf(plan: ExportPlan, profile: 'excel' | 'raw' = 'raw'): Promise<string> {
  // Response.text() drops a byte-order mark; decode the bytes as they are.
  const bytes = await (await csvResponse(plan, profile)).arrayBuffer();
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}
export const rowsOfCsv = (text: string): Record<string, string>[] =>
  parse(text, { columns: true, bom: true, skip_empty_lines: false });

/** A database on `backend` holding the fixture (sites leeds, york and hull; york's name formula-like), for one file. */
export function exportFixture(backend: Backend): { database: TestDatabase; events: CallEvent[] } {
  const fixture = {} as { database: TestDatabase; events: CallEvent[] };
  beforeAll(async () => {
    const database = await createTestDb(backend);
    fixture.database = database;
    for (const id of ['leeds', 'york', 'hull'])
      await addSite(database.db, { id, name: id.toUpperCase(), actor: 't' });
    await database.db
      .update(sites)
      .set({ name: FORMULA_NAME, orgCode: 'NLO01', region: 'North East and Yorkshire', regionCode: 'Y63' })
      .where(eq(sites.id, 'york'));
    const data = history();
    fixture.events = data.events;
    for (let i = 0; i < data.events.length; i += 2_000)
      await ingestCallEvents(database.db, KEY, data.events.slice(i, i + 2_000));
    await ingestQueueSnapshots(database.db, KEY, data.snapshots);
  });
  afterAll(() => fixture.database?.destroy());
  return fixture;
}
