import type { WindowMeasures } from '@switchboard/contracts';
import type { Measures } from '@switchboard/metrics';

/** Groups rows by a key. */
export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** The contract's measures of one window from the metrics package's measures (one mapping, used everywhere). */
export function toWindowMeasures(m: Measures): WindowMeasures {
  return {
    offered: m.offered,
    answered: m.answered,
    answeredWithin60s: m.answeredWithin60s,
    abandoned: m.abandoned,
    abandonedAfter30s: m.abandonedAfter30s,
    answeredWithin60sPct: m.answeredWithin60sPct,
    abandonedPct: m.abandonedPct,
    abandonedAllPct: m.abandonedAllPct,
    meanAnswerMs: m.meanAnswerMs,
    p50AnswerMs: m.p50AnswerMs,
    p95AnswerMs: m.p95AnswerMs,
  };
}
