import { describe, expect, it } from 'vitest';
import {
  msToUkLocal,
  rangeFromParams,
  rangeInput,
  rangeLabel,
  rangeQuery,
  ukLocalToMs,
} from '../lib/range.ts';

describe('time range in the URL', () => {
  it('reads a relative range, and falls back on anything it does not offer', () => {
    expect(rangeFromParams({ range: '12h' })).toEqual({ kind: 'relative', last: '12h' });
    expect(rangeFromParams({ range: '13h' })).toEqual({ kind: 'relative', last: '4h' });
    expect(rangeFromParams({}, { kind: 'relative', last: '24h' })).toEqual({ kind: 'relative', last: '24h' });
  });

  it('reads UK wall-clock times across the clock change', () => {
    // 29 March 2026: clocks go forward at 01:00 GMT, so 00:30 is GMT and 03:30 is BST.
    const range = rangeFromParams({ from: '2026-03-29T00:30', to: '2026-03-29T03:30' });
    expect(range).toEqual({
      kind: 'absolute',
      from: '2026-03-29T00:30:00.000Z',
      to: '2026-03-29T02:30:00.000Z',
    });
    expect(rangeLabel(range)).toBe('00:30–03:30 UK time, 29 Mar 2026');
    expect(rangeInput(range)).toEqual({ from: '2026-03-29T00:30:00.000Z', to: '2026-03-29T02:30:00.000Z' });
  });

  it('reads ISO instants with an offset and refuses reversed or endless ranges', () => {
    const range = rangeFromParams({ from: '2026-07-01T08:00:00Z', to: '2026-07-01T12:00:00+01:00' });
    expect(range).toEqual({
      kind: 'absolute',
      from: '2026-07-01T08:00:00.000Z',
      to: '2026-07-01T11:00:00.000Z',
    });
    expect(rangeLabel(range)).toBe('09:00–12:00 UK time, 1 Jul 2026');
    expect(rangeFromParams({ from: '2026-07-01T12:00', to: '2026-07-01T09:00' }).kind).toBe('relative');
    expect(rangeFromParams({ from: '2024-01-01T00:00', to: '2026-01-01T00:00' }).kind).toBe('relative');
    expect(rangeFromParams({ from: '2026-07-01T08:00:00', to: '2026-07-01T09:00:00' }).kind).toBe('relative');
  });

  it('names relative windows the way figures do', () => {
    expect(rangeLabel({ kind: 'relative', last: '1h' })).toBe('last 60 min');
    expect(rangeLabel({ kind: 'relative', last: '7d' })).toBe('last 7 days');
  });

  it('writes absolute ranges back as readable UK times', () => {
    const range = rangeFromParams({ from: '2026-10-25T00:30', to: '2026-10-25T03:00' });
    expect(rangeQuery(range)).toBe('from=2026-10-25T00%3A30&to=2026-10-25T03%3A00');
    expect(msToUkLocal(ukLocalToMs('2026-06-15T13:45') ?? 0)).toBe('2026-06-15T13:45');
  });
});
