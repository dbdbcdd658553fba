import { emptyHistogram } from '@switchboard/metrics';
import { describe, expect, it } from 'vitest';
import { addPackedBins } from '../src/services/queries/call-counts.ts';

const packed = (text: string) => {
  const hist = emptyHistogram();
  addPackedBins(hist, text);
  return Object.fromEntries(hist.flatMap((calls, bin) => (calls ? [[bin, calls]] : [])));
};

describe('addPackedBins', () => {
  it('adds every row of a packed histogram text, skipping rows without answered calls', () => {
    expect(packed('3,17;1,2 ; 17,600;4,12')).toEqual({ 3: 1, 17: 6, 600: 12 });
    expect(packed('')).toEqual({});
    expect(packed(';')).toEqual({});
  });

  it('refuses rows whose bins and calls do not pair up', () => {
    expect(() => packed('1,2;5')).toThrow(/do not pair up/);
    expect(() => packed('1,2')).toThrow(/without ";"/);
  });
});
