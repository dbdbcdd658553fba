// @ts-nocheck
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeMeasures,
  countsFromEvents,
  emptyMeasures,
  IUC_ADC_ITEMS,
  IUC_ADC_NOT_COVERED,
  iucAdcValues,
  sumCounts,
} from '../src/index.ts';

// The national return (IUC ADC, NHS England): A01 calls received, A03 answered, B01 answered within 60 s,
// B02 abandoned, B03 abandoned within 30 s, B04 between 30 and 60 s, B05 after 60 s (B03 + B04 + B05 =
// B02), B06 total time to answer and B07 the 95th centile answer time, both in seconds. Switchboard keeps
// milliseconds, so B06 and B07 are divided by 1000.
describe('iucAdcValues', () => {
  it('gives each item, in the order of the return, with its national label and value', () => {
    const m = {
      ...emptyMeasures(),
      offered: 100,
      answered: 90,
      answeredWithin60s: 80,
      abandoned: 10,
      abandonedAfter30s: 4,
      abandonedWithin30s: 6,
      abandonedBetween30And60s: 3,
      abandonedAfter60s: 1,
      answerMsSum: 1_800_000,
      meanAnswerMs: 20_000,
      p50AnswerMs: 12_000,
      p95AnswerMs: 75_000,
    };
    expect(iucAdcValues(m)).toEqual([
      { item: 'A01', label: 'Calls received', value: 100 },
      { item: 'A03', label: 'Calls answered', value: 90 },
      { item: 'B01', label: 'Calls answered within 60 seconds', value: 80 },
      { item: 'B02', label: 'Calls abandoned', value: 10 },
      { item: 'B03', label: 'Calls abandoned within 30 seconds', value: 6 },
      { item: 'B04', label: 'Calls abandoned between 30 and 60 seconds', value: 3 },
      { item: 'B05', label: 'Calls abandoned after 60 seconds', value: 1 },
      { item: 'B06', label: 'Total time to answer', value: 1_800 },
      { item: 'B07', label: '95th centile call answer time', value: 75 },
    ]);
  });

  it('a gap stays null (never 0), in seconds too', () => {
    const values = iucAdcValues(emptyMeasures());
    expect(values.map((v) => v.item)).toEqual([
      'A01',
      'A03',
      'B01',
      'B02',
      'B03',
      'B04',
      'B05',
      'B06',
      'B07',
    ]);
    expect(values.every((v) => v.value === null)).toBe(true);
  });

  it('names the items it covers and those it cannot give', () => {
    expect(IUC_ADC_ITEMS).toEqual(['A01', 'A03', 'B01', 'B02', 'B03', 'B04', 'B05', 'B06', 'B07']);
    expect(Object.keys(IUC_ADC_NOT_COVERED)).toEqual(['C–G', 'D13/D14']);
    for (const why of Object.values(IUC_ADC_NOT_COVERED)) expect(why.length).toBeGreaterThan(10);
  });

  it('property: B03, B04 and B05 are the abandoned calls by their wait, counted by hand, and add up to B02', () => {
    const wait = fc.oneof(
      fc.integer({ min: 0, max: 200_000 }),
      fc.constantFrom(0, 29_999, 30_000, 30_001, 59_999, 60_000, 60_001),
    );
    fc.assert(
      fc.property(
        fc.array(wait, { maxLength: 60 }),
        fc.array(wait, { maxLength: 20 }),
        (abandoned, answered) => {
          const offeredAt = Date.parse('2026-11-25T09:14:00Z');
          const events = [
            ...abandoned.map((w) => ['abandoned', w]),
            ...answered.map((w) => ['answered', w]),
          ].flatMap(([kind, waitMs], i) => [
            { siteId: 'leeds', callId: `c${i}`, kind: 'offered', at: new Date(offeredAt).toISOString() },
            {
              siteId: 'leeds',
              callId: `c${i}`,
              kind,
              at: new Date(offeredAt + waitMs).toISOString(),
              waitMs,
            },
          ]);
          const values = Object.fromEntries(
            iucAdcValues(computeMeasures(sumCounts(countsFromEvents(events).values()))).map((v) => [
              v.item,
              v.value,
            ]),
          );
          if (events.length === 0) return;
          expect(values.B02).toBe(abandoned.length);
          expect(values.B03).toBe(abandoned.filter((w) => w <= 30_000).length);
          expect(values.B04).toBe(abandoned.filter((w) => w > 30_000 && w <= 60_000).length);
          expect(values.B05).toBe(abandoned.filter((w) => w > 60_000).length);
          expect(values.B03 + values.B04 + values.B05).toBe(values.B02);
        },
      ),
    );
  });
});
