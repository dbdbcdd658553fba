import { describe, expect, it } from 'vitest';
import { Simulation } from '../src/generate.ts';
import { collect } from './helpers.ts';

const from = new Date('2026-03-27T00:00:00Z'); // spans the spring clock change (29 March 2026)
const to = new Date('2026-03-30T00:00:00Z');
const sites = [{ id: 'north' }, { id: 'south', callsPerDay: 2_600 }];

describe('seeded runs', () => {
  it('same seed ⇒ identical events, snapshots and statuses', () => {
    const a = collect({ sites, from, to, scenario: 'cas-outage', seed: 7 });
    const b = collect({ sites, from, to, scenario: 'cas-outage', seed: 7 });
    expect(a.events.length).toBeGreaterThan(10_000);
    expect(b).toEqual(a);
  });

  it('different seed ⇒ different calls', () => {
    const a = collect({ sites, from, to, seed: 1, heartbeatEveryMs: 0, snapshotEveryMs: 0 });
    const b = collect({ sites, from, to, seed: 2, heartbeatEveryMs: 0, snapshotEveryMs: 0 });
    const strip = (c: typeof a) => c.events.map(({ callId: _, ...rest }) => rest);
    expect(strip(b)).not.toEqual(strip(a));
    expect(a.events.find((e) => e.siteId === 'north')?.callId).toBe('north-s1-202603270000-1');
    expect(b.events.find((e) => e.siteId === 'north')?.callId).toBe('north-s2-202603270000-1');
  });

  it('does not depend on how the run is split into batches', () => {
    const hourly = collect({ sites, from, to, seed: 3, chunkMs: 3_600_000 });
    const odd = collect({ sites, from, to, seed: 3, chunkMs: 7 * 60_000 + 13_000 });
    expect(odd.batches).toBeGreaterThan(hourly.batches);
    expect(odd.events).toEqual(hourly.events);
    expect(odd.snapshots).toEqual(hourly.snapshots);
    expect(odd.statuses).toEqual(hourly.statuses);
  });

  it('a longer run starts with the shorter one', () => {
    const short = collect({ sites, from, to: new Date('2026-03-28T00:00:00Z'), seed: 4 });
    const long = collect({ sites, from, to, seed: 4 });
    expect(long.events.slice(0, short.events.length)).toEqual(short.events);
  });

  it('batches are time-ordered and cover [from, to) exactly', () => {
    const sim = new Simulation({ sites, from, seed: 5 });
    let last = '';
    for (let t = from.getTime() + 3_600_000; t <= to.getTime(); t += 3_600_000) {
      const batch = sim.advance(t);
      for (const e of batch.events) {
        expect(e.at >= last).toBe(true);
        expect(Date.parse(e.at)).toBeGreaterThanOrEqual(batch.from.getTime());
        expect(Date.parse(e.at)).toBeLessThan(batch.to.getTime());
        last = e.at;
      }
    }
    expect(sim.now).toEqual(to);
  });

  it('call ids are unique per site and kind', () => {
    const { events } = collect({ sites, from, to, seed: 6, heartbeatEveryMs: 0, snapshotEveryMs: 0 });
    const keys = new Set(events.map((e) => `${e.siteId}|${e.callId}|${e.kind}`));
    expect(keys.size).toBe(events.length);
    const offered = events.filter((e) => e.kind === 'offered').length;
    const answered = events.filter((e) => e.kind === 'answered').length;
    const abandoned = events.filter((e) => e.kind === 'abandoned').length;
    expect(answered + abandoned).toBeLessThanOrEqual(offered);
    expect(answered + abandoned).toBeGreaterThan(offered * 0.99);
  });
});
