import { describe, expect, it } from 'vitest';
import { collect } from './helpers.ts';

const from = new Date('2026-11-02T00:00:00Z'); // Monday
const to = new Date('2026-11-09T00:00:00Z');

function kpis(staffingFactor: number) {
  const sites = ['a', 'b', 'c'].map((id) => ({ id, staffingFactor }));
  const { events } = collect({ sites, from, to, seed: 21, snapshotEveryMs: 0, heartbeatEveryMs: 0 });
  const offered = events.filter((e) => e.kind === 'offered').length;
  const answered = events.filter((e) => e.kind === 'answered');
  const within60 = answered.filter((e) => (e.waitMs as number) <= 60_000).length;
  const abandoned = events.filter((e) => e.kind === 'abandoned').length;
  return { offered, within60Share: within60 / offered, abandonedShare: abandoned / offered };
}

describe('service', () => {
  it('with ample staffing nearly all calls are answered within 60 s', () => {
    const k = kpis(1.6);
    console.log(
      `ample staffing: ${k.offered} calls, ${(100 * k.within60Share).toFixed(2)}% answered within 60 s`,
    );
    expect(k.within60Share).toBeGreaterThanOrEqual(0.98);
  });

  it('with the planned rota service is decent but not perfect, and some callers abandon', () => {
    const k = kpis(1);
    console.log(
      `planned rota: ${(100 * k.within60Share).toFixed(1)}% answered within 60 s, ` +
        `${(100 * k.abandonedShare).toFixed(1)}% abandoned`,
    );
    expect(k.within60Share).toBeGreaterThan(0.8);
    expect(k.within60Share).toBeLessThan(0.98);
    expect(k.abandonedShare).toBeGreaterThan(0.005);
    expect(k.abandonedShare).toBeLessThan(0.1);
  });

  it('volume follows callsPerDay', () => {
    const { events } = collect({
      sites: [{ id: 'big', callsPerDay: 3_000 }],
      from,
      to: new Date('2026-11-07T00:00:00Z'), // Monday to Friday
      seed: 22,
      snapshotEveryMs: 0,
      heartbeatEveryMs: 0,
    });
    const perDay = events.filter((e) => e.kind === 'offered').length / 5;
    expect(perDay).toBeGreaterThan(2_700);
    expect(perDay).toBeLessThan(3_300);
  });
});
