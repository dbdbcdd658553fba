import type { CallCounts } from './counts.ts';

/**
 * What an incident cost callers over its window, against its baseline (a normal day at the same hours).
 * The baseline's rates are applied to the window's own demand, so a busier or quieter day than usual is
 * not counted as impact: only the change in how calls were handled is.
 */
export type Impact = {
  /**
   * Calls answered after more than 60 s beyond what the baseline's share would give for the calls answered
   * now: (answered − answeredWithin60s) − answered × baselineShareOver60s.
   */
  extraOver60s: number | null;
  /** Calls abandoned beyond the baseline's abandonment rate applied to the calls offered now. */
  extraAbandoned: number | null;
  /**
   * Caller-hours of extra waiting before an answer: (mean answer now − baseline mean) × answered now,
   * in hours. Waits of abandoned calls are not measured (the rollups keep no sum of them), so this is a floor.
   */
  extraWaitHours: number | null;
};

const HOUR_MS = 3_600_000;

/** share of `part` in `whole`, or null when whole is not positive. */
function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Extra calls waiting over 60 s, extra abandoned and extra caller-hours; each null when it cannot be known. */
export function impactOf(current: CallCounts | null, baseline: CallCounts | null): Impact {
  if (!current || !baseline) return { extraOver60s: null, extraAbandoned: null, extraWaitHours: null };
  const over60Share = share(baseline.answered - baseline.answeredWithin60s, baseline.answered);
  const abandonShare = share(baseline.abandoned, baseline.offered);
  const baselineMean = share(baseline.answerMsSum, baseline.answered);
  return {
    extraOver60s:
      over60Share === null
        ? null
        : current.answered - current.answeredWithin60s - current.answered * over60Share,
    extraAbandoned: abandonShare === null ? null : current.abandoned - current.offered * abandonShare,
    extraWaitHours:
      baselineMean === null ? null : (current.answerMsSum - current.answered * baselineMean) / HOUR_MS,
  };
}

/**
 * The impact of several sites together: the sum of each site's extras (each against its own baseline, so
 * a busy site's rates are not applied to a quiet one). Sites whose figure is null are left out; null when
 * every site's is.
 */
export function totalImpact(impacts: readonly Impact[]): Impact {
  const sum = (pick: (i: Impact) => number | null): number | null => {
    let total: number | null = null;
    for (const i of impacts) {
      const v = pick(i);
      if (v !== null) total = (total ?? 0) + v;
    }
    return total;
  };
  return {
    extraOver60s: sum((i) => i.extraOver60s),
    extraAbandoned: sum((i) => i.extraAbandoned),
    extraWaitHours: sum((i) => i.extraWaitHours),
  };
}
