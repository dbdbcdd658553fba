import { describe, expect, it } from 'vitest';
import { unpackBins } from '../src/services/queries/call-counts.ts';

describe('unpackBins', () => {
  it('reads every row of a packed histogram text, skipping rows without answered calls', () => {
    expect(unpackBins('3,17;1,2 ; 17;4')).toEqual([
      { bin: 3, calls: 1 },
      { bin: 17, calls: 2 },
      { bin: 17, calls: 4 },
    ]);
    expect(unpackBins('')).toEqual([]);
    expect(unpackBins(';')).toEqual([]);
  });

  it('refuses rows whose bins and calls do not pair up', () => {
    expect(() => unpackBins('1,2;5')).toThrow(/do not pair up/);
  });
});
