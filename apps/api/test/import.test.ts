import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallEvent } from '@switchboard/contracts';
import { createTestDb, type TestDatabase, testBackends } from '@switchboard/db/testing';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ImportError, importCalls } from '../src/services/import/calls.ts';
import { ingestCallEvents } from '../src/services/ingest/call-events.ts';
import { ROLLUP_TABLES, rebuildRollups } from '../src/services/rollups/rebuild.ts';
import { addSite } from '../src/services/sites.ts';

const HEADER = 'callId,kind,at,waitMs,queue,agentId';
const START = Date.parse('2026-10-24T20:00:00Z');

/** `calls` calls (offered + answered or abandoned: two lines each) from START, one every 7 s. */
function callLines(calls: number, prefix = 'c'): string[] {
  const lines: string[] = [];
  for (let i = 0; i < calls; i++) {
    const offered = START + i * 7_000;
    const wait = (i * 7_919) % 140_000;
    const outcome = i % 8 === 0 ? 'abandoned' : 'answered';
    lines.push(`${prefix}${i},offered,${new Date(offered).toISOString()},,q${i % 3},`);
    lines.push(
      `${prefix}${i},${outcome},${new Date(offered + wait).toISOString()},${wait},q${i % 3},a${i % 40}`,
    );
  }
  return lines;
}

describe.each(testBackends())('import of call history on %s', (backend) => {
  let database: TestDatabase;
  let dir: string;
  const file = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  };
  const count = async (table: string) =>
    Number((await database.rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n);
  const rollups = async () => {
    const out: Record<string, string[]> = {};
    for (const table of ROLLUP_TABLES)
      out[table] = (
        await database.rows<{ r: string }>(sql.raw(`select t::text as r from ${table} t order by 1`))
      ).map((row) => row.r);
    return out;
  };

  beforeAll(async () => {
    database = await createTestDb(backend);
    dir = mkdtempSync(join(tmpdir(), 'sb-import-'));
    for (const id of ['leeds', 'york']) await addSite(database.db, { id, name: id, actor: 't' });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await database?.destroy();
  });
  beforeEach(async () => {
    await database.db.execute(sql.raw(`truncate call_events, ${ROLLUP_TABLES.join(', ')}`));
  });

  it('stops at a bad row on line 50,001, names it, and stores nothing', async () => {
    const lines = [HEADER, ...callLines(25_000).slice(0, 49_999), 'bad1,answered,2026-10-25T00:00:00Z,,q1,'];
    const path = file('bad.csv', lines);
    const error = await importCalls(database, { siteId: 'leeds', file: path }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).line).toBe(50_001);
    expect((error as ImportError).message).toBe('line 50001: waitMs: is required for kind "answered"');
    expect(await count('call_events')).toBe(0);
    for (const table of ROLLUP_TABLES) expect(await count(table), table).toBe(0);
  });

  it('inserts a file of new events without a duplicate check, and its rollups equal a full rebuild', async () => {
    // No event stored yet: the fast way (a plain insert, rollups read from the staging table) runs.
    const result = await importCalls(database, {
      siteId: 'york',
      file: file('fresh.csv', [HEADER, ...callLines(2_000, 'f')]),
    });
    expect(result).toEqual({ rows: 4_000, accepted: 4_000, duplicates: 0, rejected: 0, rejectsFile: null });
    const stored = await rollups();
    expect(stored.call_minute_rollups?.length).toBeGreaterThan(0);
    await rebuildRollups(database.db);
    expect(await rollups()).toEqual(stored);
    // One new event beside stored ones: the plain insert meets a duplicate, is undone, and the import goes on.
    const more = file('more.csv', [HEADER, ...callLines(2_001, 'f').slice(3_998)]);
    expect(await importCalls(database, { siteId: 'york', file: more })).toMatchObject({
      rows: 4,
      accepted: 2,
      duplicates: 2,
    });
    expect(await count('call_events')).toBe(4_002);
    const after = await rollups();
    await rebuildRollups(database.db);
    expect(await rollups()).toEqual(after);
  });

  it('stores each event once when a file is imported twice, and rollups equal a full rebuild', async () => {
    // Some events arrived live before the history is loaded: they overlap the file.
    const live: CallEvent[] = callLines(200)
      .slice(100, 300)
      .map((line) => {
        const [callId, kind, at, waitMs, queue, agentId] = line.split(',');
        return {
          siteId: 'leeds',
          callId: callId ?? '',
          kind: kind as CallEvent['kind'],
          at: at ?? '',
          ...(waitMs ? { waitMs: Number(waitMs) } : {}),
          ...(queue ? { queue } : {}),
          ...(agentId ? { agentId } : {}),
        };
      });
    await ingestCallEvents(database.db, { id: 't', feed: 't', siteIds: ['*'] }, live);
    const lines = callLines(3_000);
    const path = file('history.csv', [HEADER, ...lines, lines[5] ?? '']);
    const first = await importCalls(database, { siteId: 'leeds', file: path });
    expect(first).toEqual({ rows: 6_001, accepted: 5_800, duplicates: 201, rejected: 0, rejectsFile: null });
    const stored = await rollups();
    const second = await importCalls(database, { siteId: 'leeds', file: path });
    expect(second).toMatchObject({ rows: 6_001, accepted: 0, duplicates: 6_001 });
    expect(await count('call_events')).toBe(6_000);
    expect(await rollups()).toEqual(stored);
    await rebuildRollups(database.db);
    expect(await rollups()).toEqual(stored);
  });

  it('adds what a full rebuild adds, for any file: every kind, the wait edges, parts of any size, duplicates', async () => {
    const answerWait = fc.oneof(
      fc.constantFrom(0, 999, 1_000, 30_000, 30_001, 60_000, 60_001, 599_999, 600_000, 86_400_000),
      fc.integer({ min: 0, max: 86_400_000 }),
    );
    const event = fc.record({
      call: fc.integer({ min: 0, max: 30 }),
      kind: fc.constantFrom('offered', 'answered', 'abandoned', 'ended', 'transferred', 'callback_requested'),
      // Around the autumn clock change: minutes, five minutes, hours and the 25-hour London day at once.
      at: fc.integer({ min: Date.parse('2026-10-24T22:00:00Z'), max: Date.parse('2026-10-26T02:00:00Z') }),
      wait: answerWait,
      queue: fc.constantFrom('', 'q1', 'q2'),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 25 }),
        fc.nat({ max: 60 }),
        async (events, partRows, storedBefore) => {
          await database.db.execute(sql.raw(`truncate call_events, ${ROLLUP_TABLES.join(', ')}`));
          const lines = events.map(({ call, kind, at, wait, queue }) => {
            const waitMs = kind === 'answered' || kind === 'abandoned' ? wait : '';
            return `p${call},${kind},${new Date(at).toISOString()},${waitMs},${queue},`;
          });
          // Some of the file already stored (parts meeting them go the safe way), the rest new (the fast way).
          await importCalls(database, {
            siteId: 'leeds',
            file: file('stored.csv', [HEADER, ...lines.slice(0, storedBefore)]),
          });
          const result = await importCalls(database, {
            siteId: 'leeds',
            file: file('property.csv', [HEADER, ...lines]),
            partRows,
          });
          const distinct = new Set(events.map((e) => `${e.call} ${e.kind}`)).size;
          expect(await count('call_events')).toBe(distinct);
          expect(result.accepted + result.duplicates).toBe(events.length);
          const imported = await rollups();
          await rebuildRollups(database.db);
          expect(await rollups()).toEqual(imported);
        },
      ),
      { numRuns: backend === 'pglite' ? 25 : 15 },
    );
  });

  it('reads times without an offset as London time and, with skipBad, writes refused rows beside the file', async () => {
    const path = file('local.csv', [
      'CallId,Kind,At,WaitMs', // header names are matched without regard to case; queue and agent are optional
      'x1,offered,2026-07-01 09:00:00,',
      'x1,answered,2026-07-01 09:00:30,30000',
      'x2,offered,2026-03-29 01:30:00,', // the clocks skip this hour
      'x3,offered,2026-10-25 01:30:00,', // this hour happens twice: the first (BST) is meant
      'x4,ringing,2026-07-01T09:00:00Z,',
      'x5,offered,2026-07-01T09:00:00Z,,extra',
      '=cmd|x,offered,2026-07-01T09:00:00Z,',
    ]);
    const result = await importCalls(database, { siteId: 'york', file: path, skipBad: true });
    expect(result).toEqual({
      rows: 7,
      accepted: 3,
      duplicates: 0,
      rejected: 4,
      rejectsFile: `${path}.rejects.csv`,
    });
    const stored = await database.rows<{ call_id: string; at: string }>(
      sql`select call_id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as at from call_events order by 1, 2`,
    );
    expect(stored).toEqual([
      { call_id: 'x1', at: '2026-07-01T08:00:00' },
      { call_id: 'x1', at: '2026-07-01T08:00:30' },
      { call_id: 'x3', at: '2026-10-25T00:30:00' },
    ]);
    const rejects = readFileSync(`${path}.rejects.csv`, 'utf8').trim().split('\n');
    expect(rejects[0]).toMatch(/^line,reason,/);
    expect(rejects.slice(1).map((line) => line.split(',')[0])).toEqual(['4', '6', '7', '8']);
    expect(rejects[1]).toContain('does not exist in London');
  });
});
