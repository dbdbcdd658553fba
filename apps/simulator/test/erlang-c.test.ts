import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangB, erlangC } from '../src/model/erlang-c.ts';
import { collect } from './helpers.ts';

describe('Erlang C', () => {
  it('matches published values', () => {
    // 10 Erlangs on 11 agents: P(wait) ≈ 0.6821 (standard tables).
    expect(erlangC(10, 1, 11).probWait).toBeCloseTo(0.6821, 3);
    // 2 Erlangs, 3 agents: C = 4/9 exactly (M/M/3 textbook case).
    expect(erlangC(2, 1, 3).probWait).toBeCloseTo(4 / 9, 10);
    expect(erlangC(2, 1, 3).meanWait).toBeCloseTo(4 / 9, 10);
    // Unstable or empty systems.
    expect(erlangC(5, 1, 5).probWait).toBe(1);
    expect(erlangC(0, 1, 5).meanWait).toBe(0);
  });

  it('stays finite for large centres', () => {
    const c = erlangC(950, 1, 1_000);
    expect(c.probWait).toBeGreaterThan(0);
    expect(c.probWait).toBeLessThan(1);
    expect(Number.isFinite(c.meanWait)).toBe(true);
  });

  it('Erlang B recurrence equals the closed form, and more agents never mean more waiting', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.double({ min: 0.01, max: 15, noNaN: true }), (n, a) => {
        let term = 1;
        let sum = 1;
        for (let k = 1; k <= n; k++) {
          term *= a / k;
          sum += term;
        }
        expect(erlangB(n, a)).toBeCloseTo(term / sum, 10);
        const c1 = erlangC(a, 1, n).probWait;
        const c2 = erlangC(a, 1, n + 1).probWait;
        expect(c2).toBeLessThanOrEqual(c1 + 1e-12);
      }),
    );
  });
});

describe('the simulator against Erlang C', () => {
  it('steady-state mean wait of M/M/N (fixed rota, constant arrivals, no abandonment) is within 15%', () => {
    const agents = 20;
    const meanHandleMs = 480_000;
    const callsPerHour = 127.5; // ρ = 127.5 × 8 min / 60 min / 20 agents = 0.85
    const from = new Date('2026-01-05T00:00:00Z');
    const days = 150; // long enough that the estimate is good to a few per cent
    const { events } = collect({
      sites: [
        {
          id: 'mmn',
          arrivals: { kind: 'constant', callsPerHour },
          rota: { kind: 'fixed', agents },
          patience: { kind: 'infinite' },
          handling: {
            talk: { kind: 'exponential', meanMs: meanHandleMs },
            wrap: { kind: 'constant', meanMs: 0 },
          },
        },
      ],
      from,
      to: new Date(from.getTime() + days * 86_400_000),
      seed: 11,
      snapshotEveryMs: 0,
      heartbeatEveryMs: 0,
    });
    const warmUp = from.getTime() + 86_400_000;
    const cutOff = from.getTime() + (days - 1) * 86_400_000;
    const waits = events
      .filter((e) => e.kind === 'answered')
      .filter((e) => {
        const arrived = Date.parse(e.at) - (e.waitMs as number);
        return arrived >= warmUp && arrived < cutOff;
      })
      .map((e) => e.waitMs as number);
    const simulated = waits.reduce((a, b) => a + b, 0) / waits.length;
    const theory = erlangC(callsPerHour / 3_600_000, meanHandleMs, agents);
    console.log(
      `M/M/${agents} ρ=${theory.utilisation.toFixed(3)}: ${waits.length} calls, mean wait simulated ` +
        `${(simulated / 1000).toFixed(1)} s vs Erlang C ${(theory.meanWait / 1000).toFixed(1)} s`,
    );
    expect(events.some((e) => e.kind === 'abandoned')).toBe(false);
    expect(Math.abs(simulated / theory.meanWait - 1)).toBeLessThan(0.15);
    const waited = waits.filter((w) => w > 0).length / waits.length;
    expect(Math.abs(waited - theory.probWait)).toBeLessThan(0.05);
  });
});
