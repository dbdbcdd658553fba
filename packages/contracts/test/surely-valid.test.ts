import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CallEventFields, callEventSchema, surelyValidCallEvent } from '../src/index.ts';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const valid: CallEventFields = {
  siteId: 'site-1',
  callId: 'c-1',
  kind: 'answered',
  at: '2026-06-01T10:00:00.000Z',
  waitMs: 1_200,
  queue: 'main',
  agentId: 'a-1',
};
const accepts = (event: CallEventFields) => callEventSchema.safeParse(event).success;
// The schema reads the clock for its five-minute skew limit: pinned to the fast check's `now`.
beforeAll(() => {
  vi.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterAll(() => {
  vi.restoreAllMocks();
});

// Texts near the edges of each rule: ids with odd characters and lengths, instants with impossible dates,
// offsets, missing parts and bounds, waits around their limits, every kind and some that are not.
const idText = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,10}$/),
  fc.string({ maxLength: 6 }),
  fc.constantFrom('', '-a', 'a b', 'é', 'a'.repeat(64), 'a'.repeat(65), 'a'.repeat(128), 'a'.repeat(129)),
);
const atText = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 2014, max: 2027 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 24 }),
      fc.constantFrom('', '.5', '.123', '.1234'),
      fc.constantFrom('Z', '+01:00', '', 'z'),
    )
    .map(([y, mo, d, h, frac, zone]) => {
      const two = (n: number) => String(n).padStart(2, '0');
      return `${y}-${two(mo)}-${two(d)}T${two(h)}:59:59${frac}${zone}`;
    }),
  fc
    .integer({ min: NOW - 20 * 365 * 86_400_000, max: NOW + 600_000 })
    .map((ms) => new Date(ms).toISOString()),
  fc.string({ maxLength: 30 }),
);
const fields = fc.record({
  siteId: fc.option(idText, { nil: undefined }),
  callId: fc.option(idText, { nil: undefined }),
  kind: fc.option(
    fc.constantFrom('offered', 'answered', 'abandoned', 'ended', 'transferred', 'Offered', ''),
    {
      nil: undefined,
    },
  ),
  at: fc.option(atText, { nil: undefined }),
  waitMs: fc.option(
    fc.oneof(fc.integer({ min: -2, max: 86_400_002 }), fc.double(), fc.constantFrom('12', 'x', 86_400_000)),
    { nil: undefined },
  ),
  queue: fc.option(idText, { nil: undefined }),
  agentId: fc.option(idText, { nil: undefined }),
});

describe('surelyValidCallEvent (the import’s fast check)', () => {
  it('says yes only to events the contract accepts', () => {
    fc.assert(
      fc.property(fields, (event) => {
        if (surelyValidCallEvent(event, NOW)) expect(accepts(event)).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });

  it('says yes to a plain event, and no (leaving the reason to the schema) at each rule’s edge', () => {
    expect(surelyValidCallEvent(valid, NOW)).toBe(true);
    expect(
      surelyValidCallEvent({ ...valid, kind: 'offered', waitMs: undefined, agentId: undefined }, NOW),
    ).toBe(true);
    const refused: Partial<CallEventFields>[] = [
      { waitMs: undefined },
      { waitMs: -1 },
      { waitMs: 86_400_001 },
      { waitMs: 1.5 },
      { waitMs: '12' },
      { kind: 'rang' },
      { at: '2026-06-31T10:00:00Z' },
      { at: '2026-02-29T10:00:00Z' },
      { at: '2014-12-31T23:59:59Z' },
      { at: '2026-11-27T12:05:01Z' },
      { at: '2026-06-01T11:00:00+01:00' },
      { callId: 'c 1' },
      { siteId: '' },
      { queue: '-main' },
      { agentId: 'a'.repeat(65) },
      { callId: 'c'.repeat(129) },
    ];
    for (const change of refused)
      expect(surelyValidCallEvent({ ...valid, ...change }, NOW), JSON.stringify(change)).toBe(false);
    expect(accepts({ ...valid, at: '2026-06-01T11:00:00+01:00' })).toBe(true);
    expect(surelyValidCallEvent({ ...valid, callId: 'c'.repeat(128), at: '2026-11-27T12:05:00Z' }, NOW)).toBe(
      true,
    );
  });
});
