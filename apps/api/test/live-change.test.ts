import type { LiveChange } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import {
  catchUpChange,
  changeOfBatch,
  decodeChange,
  encodeChange,
  MAX_PAYLOAD_BYTES,
  mergeChanges,
  narrowChange,
} from '../src/live/change.ts';

// The rules of a live change, pinned with values written out by hand (no database, no clock).
const change = (over: Partial<LiveChange> = {}): LiveChange => ({
  siteIds: ['york'],
  streams: ['calls'],
  from: '2026-11-25T09:00:00.000Z',
  to: '2026-11-25T09:00:00.000Z',
  at: '2026-11-25T09:00:30.000Z',
  ...over,
});

describe('mergeChanges', () => {
  it('unions sites (sorted, once each) and streams (in the fixed order), and spans both changes', () => {
    const a = change({
      siteIds: ['york', 'hull'],
      streams: ['status', 'calls'],
      from: '2026-11-25T08:00:00.000Z',
      to: '2026-11-25T08:10:00.000Z',
      at: '2026-11-25T10:00:00.000Z',
    });
    const b = change({
      siteIds: ['leeds', 'york'],
      streams: ['incidents', 'queue', 'calls'],
      from: '2026-11-25T08:30:00.000Z',
      to: '2026-11-25T09:30:00.000Z',
      at: '2026-11-25T09:59:00.000Z',
    });
    const both = {
      siteIds: ['hull', 'leeds', 'york'],
      streams: ['calls', 'queue', 'status', 'incidents'],
      from: '2026-11-25T08:00:00.000Z',
      to: '2026-11-25T09:30:00.000Z',
      at: '2026-11-25T10:00:00.000Z',
    };
    expect(mergeChanges(a, b)).toEqual(both);
    expect(mergeChanges(b, a)).toEqual(both);
  });

  it('compares instants, not spellings, and writes them in ISO form', () => {
    // 09:30+01:00 is 08:30Z: earlier than 09:00Z although its text sorts after it.
    const a = change({
      from: '2026-11-25T09:00:00Z',
      to: '2026-11-25T09:00:00Z',
      at: '2026-11-25T09:00:00Z',
    });
    const b = change({
      from: '2026-11-25T09:30:00+01:00',
      to: '2026-11-25T09:30:00+01:00',
      at: '2026-11-25T09:30:00+01:00',
    });
    for (const merged of [mergeChanges(a, b), mergeChanges(b, a)]) {
      expect(merged).toMatchObject({
        from: '2026-11-25T08:30:00.000Z',
        to: '2026-11-25T09:00:00.000Z',
        at: '2026-11-25T09:00:00.000Z',
      });
    }
  });

  it('is about every site when either change is', () => {
    expect(mergeChanges(change(), change({ siteIds: [] })).siteIds).toEqual([]);
    expect(mergeChanges(change({ siteIds: [] }), change()).siteIds).toEqual([]);
  });
});

describe('narrowChange', () => {
  const c = change({ siteIds: ['hull', 'leeds', 'york'] });

  it('gives an unfiltered subscriber the whole change', () => {
    expect(narrowChange(c, undefined)).toEqual(c);
  });

  it("keeps only the subscriber's sites, and nothing when none of them changed", () => {
    expect(narrowChange(c, new Set(['york', 'hull', 'scarborough']))).toEqual({
      ...c,
      siteIds: ['hull', 'york'],
    });
    expect(narrowChange(c, new Set(['scarborough']))).toBeUndefined();
  });

  it("names the subscriber's own sites (sorted) in a change to every site", () => {
    expect(narrowChange(change({ siteIds: [] }), new Set(['york', 'hull']))).toEqual(
      change({ siteIds: ['hull', 'york'] }),
    );
  });
});

describe('catchUpChange', () => {
  it('says every stream of every site may have changed, from the earliest accepted instant to 5 minutes ahead', () => {
    expect(catchUpChange(new Date('2026-11-25T10:00:00Z'))).toEqual({
      siteIds: [],
      streams: ['calls', 'queue', 'status', 'incidents'],
      from: '2015-01-01T00:00:00.000Z',
      to: '2026-11-25T10:05:00.000Z',
      at: '2026-11-25T10:00:00.000Z',
    });
  });
});

describe('encodeChange', () => {
  // A change whose JSON is exactly `bytes` long, padded through one site id.
  const sized = (bytes: number, pad = 'x') => {
    const base = JSON.stringify(change({ siteIds: [''] }));
    const padding = bytes - Buffer.byteLength(base);
    return change({ siteIds: [pad.repeat(padding / Buffer.byteLength(pad))] });
  };

  it('sends a change of up to 7000 bytes as it is', () => {
    expect(MAX_PAYLOAD_BYTES).toBe(7_000);
    const limit = sized(7_000);
    expect(Buffer.byteLength(encodeChange(limit))).toBe(7_000);
    expect(JSON.parse(encodeChange(limit))).toEqual(limit);
  });

  it('widens a longer change to every site, counting bytes rather than characters', () => {
    const over = sized(7_001);
    expect(JSON.parse(encodeChange(over))).toEqual({ ...over, siteIds: [] });
    // 3501 two-byte characters: 7002 bytes of padding, fewer than 7000 characters in all.
    const wide = sized(7_002, 'é');
    expect(JSON.stringify(wide).length).toBeLessThan(7_000);
    expect(JSON.parse(encodeChange(wide))).toEqual({ ...wide, siteIds: [] });
  });
});

describe('decodeChange', () => {
  const good = change({ siteIds: ['leeds', 'york'], streams: ['queue', 'status'] });
  const payload = (over: Record<string, unknown>) => JSON.stringify({ ...good, ...over });

  it('reads back what encodeChange wrote, and only the fields of a change', () => {
    expect(decodeChange(encodeChange(good))).toEqual(good);
    expect(decodeChange(payload({ extra: 1 }))).toEqual(good);
    expect(decodeChange(payload({ siteIds: [], streams: [] }))).toEqual({
      ...good,
      siteIds: [],
      streams: [],
    });
  });

  it.each([
    ['not JSON', '{'],
    ['null', 'null'],
    ['a number', '5'],
    ['a string', '"calls"'],
    ['an array', '[]'],
    ['no sites', payload({ siteIds: undefined })],
    ['sites not a list', payload({ siteIds: 'york' })],
    ['a site not a string', payload({ siteIds: ['york', 7] })],
    ['no streams', payload({ streams: undefined })],
    ['streams not a list', payload({ streams: 'calls' })],
    ['an unknown stream', payload({ streams: ['calls', 'weather'] })],
    ['no from', payload({ from: undefined })],
    ['from a number', payload({ from: 5 })],
    ['from not a date', payload({ from: 'yesterday' })],
    ['to a number', payload({ to: 5 })],
    ['to not a date', payload({ to: 'later' })],
    ['at a number', payload({ at: 5 })],
    ['at not a date', payload({ at: 'now' })],
  ])('refuses %s', (_, text) => {
    expect(decodeChange(text)).toBeUndefined();
  });
});

describe('changeOfBatch', () => {
  const now = new Date('2026-11-25T10:00:00Z');

  it('says nothing when nothing was stored', () => {
    const items = [{ siteId: 'york', at: '2026-11-25T09:00:00Z' }];
    expect(changeOfBatch('calls', items, 0, now)).toBeUndefined();
    expect(changeOfBatch('calls', items, -1, now)).toBeUndefined();
    expect(changeOfBatch('calls', [], 1, now)).toBeUndefined();
    expect(changeOfBatch('calls', items, 1, now)).toBeDefined();
  });

  it('spans calls from the minute they were offered (answer minus wait) to the last event', () => {
    const items = [
      { siteId: 'york', at: '2026-11-25T09:05:00Z', waitMs: 10 * 60_000 }, // offered 08:55
      { siteId: 'leeds', at: '2026-11-25T09:01:00Z' }, // offered, no wait
      { siteId: 'york', at: '2026-11-25T09:07:00Z', waitMs: 60_000 }, // offered 09:06
      { siteId: 'hull', at: '2026-11-25T09:03:00Z', waitMs: 0 },
    ];
    expect(changeOfBatch('calls', items, 3, now)).toEqual({
      siteIds: ['hull', 'leeds', 'york'],
      streams: ['calls'],
      from: '2026-11-25T08:55:00.000Z',
      to: '2026-11-25T09:07:00.000Z',
      at: '2026-11-25T10:00:00.000Z',
    });
  });

  it('spans queue snapshots by their instants only', () => {
    const items = [
      { siteId: 'york', at: '2026-11-25T09:05:00Z', waitMs: 10 * 60_000 },
      { siteId: 'york', at: '2026-11-25T09:02:00Z' },
      { siteId: 'york', at: '2026-11-25T09:04:00Z' },
    ];
    expect(changeOfBatch('queue', items, 3, now)).toEqual({
      siteIds: ['york'],
      streams: ['queue'],
      from: '2026-11-25T09:02:00.000Z',
      to: '2026-11-25T09:05:00.000Z',
      at: '2026-11-25T10:00:00.000Z',
    });
  });

  it('concerns every site when one report has no site', () => {
    const items = [{ siteId: 'york', at: '2026-11-25T09:05:00Z' }, { at: '2026-11-25T09:06:00Z' }];
    expect(changeOfBatch('queue', items, 2, now)?.siteIds).toEqual([]);
  });

  it('holds a status report until now, or until its own instant when that is later', () => {
    const past = [{ siteId: 'york', at: '2026-11-25T09:00:00Z' }];
    expect(changeOfBatch('status', past, 1, now)).toEqual({
      siteIds: ['york'],
      streams: ['status'],
      from: '2026-11-25T09:00:00.000Z',
      to: '2026-11-25T10:00:00.000Z',
      at: '2026-11-25T10:00:00.000Z',
    });
    const ahead = [{ siteId: 'york', at: '2026-11-25T10:02:00Z' }];
    expect(changeOfBatch('status', ahead, 1, now)).toMatchObject({
      from: '2026-11-25T10:02:00.000Z',
      to: '2026-11-25T10:02:00.000Z',
    });
  });
});
