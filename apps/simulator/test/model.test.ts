import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDemand } from '../src/model/arrivals.ts';
import {
  bankHolidays,
  DAY_MS,
  dayType,
  localDay,
  londonOffsetMs,
  utcOfLocal,
} from '../src/model/calendar.ts';
import { Rng, seedFor } from '../src/model/random.ts';
import { demandRota, fixedRota } from '../src/model/staffing.ts';
import { occurrenceAfter } from '../src/scenarios/index.ts';
import { withDependents } from '../src/systems.ts';

const iso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

describe('random', () => {
  it('same seed ⇒ same stream; labels give independent streams', () => {
    const a = new Rng(5);
    const b = new Rng(5);
    const draws = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(draws);
    expect(seedFor(1, 'site', 'arrivals')).not.toBe(seedFor(1, 'site', 'service'));
    expect(seedFor(1, 'a')).toBe(seedFor(1, 'a'));
  });

  it('distributions have the means they are asked for', () => {
    const rng = new Rng(9);
    const mean = (f: () => number, n = 40_000) => Array.from({ length: n }, f).reduce((s, x) => s + x, 0) / n;
    expect(mean(() => rng.exponential(10))).toBeCloseTo(10, 0);
    expect(mean(() => rng.lognormal(510, 0.55)) / 510).toBeCloseTo(1, 1);
    expect(mean(() => rng.weibull(210, 1.4)) / 210).toBeCloseTo(1, 1);
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const x = new Rng(seed).next();
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThan(1);
      }),
    );
  });
});

describe('calendar', () => {
  it('knows England & Wales bank holidays, with substitute days', () => {
    expect([...bankHolidays(2026)].sort().map(iso)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-26',
      '2026-12-28',
    ]);
    expect([...bankHolidays(2022)].map(iso)).toContain('2022-01-03');
    expect(dayType(localDay(Date.parse('2026-08-31T12:00:00Z')))).toBe('bank-holiday');
  });

  it('follows British Summer Time', () => {
    expect(londonOffsetMs(Date.parse('2026-07-01T12:00:00Z'))).toBe(3_600_000);
    expect(londonOffsetMs(Date.parse('2026-12-01T12:00:00Z'))).toBe(0);
    expect(new Date(utcOfLocal(localDay(Date.parse('2026-07-01T12:00:00Z')), 7 * 60)).toISOString()).toBe(
      '2026-07-01T06:00:00.000Z',
    );
  });

  it('times a scenario window: the one under way, else the next', () => {
    const day = localDay(Date.parse('2026-11-24T12:00:00Z'));
    const seven = utcOfLocal(day, 420);
    expect(occurrenceAfter(Date.parse('2026-11-24T05:00:00Z'), 420, 6 * 3_600_000)).toBe(seven);
    expect(occurrenceAfter(Date.parse('2026-11-24T10:00:00Z'), 420, 6 * 3_600_000)).toBe(seven);
    expect(occurrenceAfter(Date.parse('2026-11-24T14:00:00Z'), 420, 6 * 3_600_000)).toBe(seven + DAY_MS);
  });
});

describe('NHS 111 demand shape', () => {
  const demand = createDemand({ kind: 'nhs111', callsPerDay: 1_800, dailyNoise: 0 }, 1, 'x');
  const at = (text: string) => demand.expectedRate(Date.parse(text)) * 3_600_000; // calls per hour
  const dayTotal = (date: string) => {
    let sum = 0;
    for (let m = 0; m < 1_440; m += 5)
      sum += demand.expectedRate(Date.parse(`${date}T00:00:00Z`) + m * 60_000) * 300_000;
    return sum;
  };

  it('a weekday totals callsPerDay; weekends are busier', () => {
    expect(dayTotal('2026-11-25') / 1_800).toBeCloseTo(1, 1); // Wednesday
    const saturday = dayTotal('2026-11-28');
    expect(saturday / 1_800).toBeGreaterThan(1.4);
    expect(saturday / 1_800).toBeLessThan(1.8);
  });

  it('is quiet at night, busy in the morning, peaks in the evening; weekend daytime ~1.6–2× a weekday', () => {
    const night = at('2026-11-25T04:00:00Z');
    const morning = at('2026-11-25T10:00:00Z');
    const evening = at('2026-11-25T19:00:00Z');
    expect(night * 3).toBeLessThan(morning);
    expect(evening).toBeGreaterThan(morning * 1.3);
    const ratio = at('2026-11-28T11:00:00Z') / morning;
    expect(ratio).toBeGreaterThanOrEqual(1.6);
    expect(ratio).toBeLessThanOrEqual(2);
  });

  it('the thinning bound really bounds the rate', () => {
    const noisy = createDemand({ kind: 'nhs111', callsPerDay: 2_000 }, 3, 'y');
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-01-01T00:00:00Z') }),
        (ms) => {
          const bound = noisy.boundAt(ms);
          expect(noisy.rateAt(ms)).toBeLessThanOrEqual(bound.rate);
          expect(bound.until).toBeGreaterThan(ms);
        },
      ),
    );
  });
});

describe('staffing', () => {
  it('the rota follows demand on the half hour; a fixed rota does not move', () => {
    const demand = createDemand({ kind: 'nhs111', callsPerDay: 1_800 }, 1, 'r');
    const rota = demandRota({ kind: 'demand' }, { demand, meanHandleMs: 570_000, seed: 1, siteId: 'r' });
    const night = rota.agentsAt(Date.parse('2026-11-25T04:10:00Z'));
    const peak = rota.agentsAt(Date.parse('2026-11-25T19:10:00Z'));
    expect(night).toBeGreaterThanOrEqual(1);
    expect(peak).toBeGreaterThan(3 * night);
    expect(rota.agentsAt(Date.parse('2026-11-25T19:29:59Z'))).toBe(peak);
    const ample = demandRota(
      { kind: 'demand', factor: 1.5 },
      { demand, meanHandleMs: 570_000, seed: 1, siteId: 'r' },
    );
    expect(ample.agentsAt(Date.parse('2026-11-25T19:10:00Z'))).toBeGreaterThan(peak);
    expect(fixedRota(12).agentsAt(0)).toBe(12);
  });
});

describe('systems', () => {
  it('a CAS failure takes its links down with it', () => {
    expect(withDependents(['cas'])).toEqual(['cas', 'gp-booking', 'patient-record']);
    expect(withDependents(['telephony'])).toEqual(['telephony']);
  });
});
