import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, ragStatus, withThresholds } from '../src/index.ts';

describe('ragStatus', () => {
  it('answered within 60 s: green ≥ 95, amber ≥ 90, red below', () => {
    expect(ragStatus('answeredWithin60sPct', 95)).toBe('green');
    expect(ragStatus('answeredWithin60sPct', 94.9)).toBe('amber');
    expect(ragStatus('answeredWithin60sPct', 90)).toBe('amber');
    expect(ragStatus('answeredWithin60sPct', 89.9)).toBe('red');
  });

  it('mean answer: green ≤ 20 s, amber ≤ 30 s, red above', () => {
    expect(ragStatus('meanAnswerMs', 20_000)).toBe('green');
    expect(ragStatus('meanAnswerMs', 20_001)).toBe('amber');
    expect(ragStatus('meanAnswerMs', 30_001)).toBe('red');
  });

  it('abandoned after 30 s: green strictly below 5; all abandoned: green at 3', () => {
    expect(ragStatus('abandonedPct', 4.99)).toBe('green');
    expect(ragStatus('abandonedPct', 5)).toBe('amber');
    expect(ragStatus('abandonedPct', 7.6)).toBe('red');
    expect(ragStatus('abandonedAllPct', 3)).toBe('green');
    expect(ragStatus('abandonedAllPct', 4.5)).toBe('amber');
    expect(ragStatus('abandonedAllPct', 4.6)).toBe('red');
  });

  it('is none for a missing value or a measure without a threshold', () => {
    expect(ragStatus('answeredWithin60sPct', null)).toBe('none');
    expect(ragStatus('answeredWithin60sPct', undefined)).toBe('none');
    expect(ragStatus('answeredWithin60sPct', Number.NaN)).toBe('none');
    expect(ragStatus('offered', 12)).toBe('none');
  });

  it('takes configured thresholds', () => {
    const t = withThresholds({
      answeredWithin60sPct: { better: 'higher', target: 90, strict: false, amberLimit: 80 },
    });
    expect(ragStatus('answeredWithin60sPct', 91, t)).toBe('green');
    expect(ragStatus('answeredWithin60sPct', 91)).toBe('amber');
    expect(ragStatus('meanAnswerMs', 25_000, t)).toBe('amber');
    expect(DEFAULT_THRESHOLDS.answeredWithin60sPct.target).toBe(95);
  });
});
