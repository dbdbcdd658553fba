import type { CallEvent, QueueSnapshot } from '@switchboard/contracts';
import { createTestDb, type TestDatabase, testBackends } from '@switchboard/db/testing';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callEventConflicts, ingestCallEvents } from '../src/services/ingest/call-events.ts';
import { ingestQueueSnapshots, snapshotConflicts } from '../src/services/ingest/queue-snapshots.ts';
import { addSite } from '../src/services/sites.ts';

// Every ingest request runs a conflict check over its batch. It must look each item up by the identity's
// unique index, never read the whole table: a join let the planner hash every stored row (it estimates 100
// items for any JSON array, so a table of a few thousand rows, or statistics from before a bulk load, made a
// scan look cheaper), and a 10-event batch took 20–60 ms at 200,000 stored events instead of 4 ms. The
// plan is read with EXPLAIN on a table of some thousands of rows with fresh statistics, where the join
// chose the scan.

const KEY = { id: 'test', feed: 'test', siteIds: ['*'] };
const T0 = Date.parse('2026-11-20T08:00:00Z');
const at = (i: number) => new Date(T0 + i * 1_000).toISOString();

const events = (n: number, prefix: string): CallEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    siteId: 'leeds',
    callId: `${prefix}-${i}`,
    kind: 'offered' as const,
    at: at(i),
    queue: 'main',
  }));
const snapshots = (n: number, from: number): QueueSnapshot[] =>
  Array.from({ length: n }, (_, i) => ({
    siteId: 'leeds',
    queue: 'main',
    at: at(from + i),
    callsWaiting: i % 7,
    longestWaitMs: 1_000,
    agentsAvailable: 2,
    agentsOnCall: 5,
    agentsWrapUp: 1,
  }));

describe.each(testBackends())('the conflict check on %s', (backend) => {
  let database: TestDatabase;
  const plan = async (query: SQL) =>
    (await database.rows<Record<string, string>>(sql`explain ${query}`))
      .map((row) => Object.values(row)[0])
      .join('\n');

  beforeAll(async () => {
    database = await createTestDb(backend);
    await addSite(database.db, { id: 'leeds', name: 'Leeds', actor: 'test' });
    const stored = events(6_000, 'stored');
    for (let i = 0; i < stored.length; i += 1_000)
      await ingestCallEvents(database.db, KEY, stored.slice(i, i + 1_000));
    const shots = snapshots(6_000, 0);
    for (let i = 0; i < shots.length; i += 1_000)
      await ingestQueueSnapshots(database.db, KEY, shots.slice(i, i + 1_000));
    await database.db.execute(sql`analyze call_events`);
    await database.db.execute(sql`analyze queue_snapshots`);
  }, 120_000);
  afterAll(() => database?.destroy());

  it('looks each call event up by its index', async () => {
    const text = await plan(callEventConflicts(JSON.stringify(events(10, 'stored'))));
    expect(text).not.toMatch(/Seq Scan on call_events/);
    expect(text).toMatch(/Index (Only )?Scan using \w+ on call_events/);
  });

  it('looks each queue snapshot up by its index', async () => {
    const text = await plan(snapshotConflicts(JSON.stringify(snapshots(10, 0))));
    expect(text).not.toMatch(/Seq Scan on queue_snapshots/);
    expect(text).toMatch(/Index (Only )?Scan using \w+ on queue_snapshots/);
  });

  it('still finds the first item stored with other content', async () => {
    const batch = events(10, 'stored');
    batch[3] = { ...(batch[3] as CallEvent), queue: 'other' };
    batch[7] = { ...(batch[7] as CallEvent), at: at(99_999) };
    const [first] = await database.rows<{ n: number }>(callEventConflicts(JSON.stringify(batch)));
    expect(Number(first?.n)).toBe(4);
    const shots = snapshots(10, 0);
    shots[5] = { ...(shots[5] as QueueSnapshot), callsWaiting: 99 };
    const [firstShot] = await database.rows<{ n: number }>(snapshotConflicts(JSON.stringify(shots)));
    expect(Number(firstShot?.n)).toBe(6);
    const none = await database.rows(callEventConflicts(JSON.stringify(events(10, 'stored'))));
    expect(none).toEqual([]);
  });
});
