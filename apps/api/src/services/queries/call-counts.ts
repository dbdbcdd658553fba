import type { WindowMeasures } from '@switchboard/contracts';
import { type CallCounts, emptyCounts, type Measures } from '@switchboard/metrics';

/** A rollup row as selected by the query services (sums over the rows of one bucket or site). */
export type CountsRow = {
  offered: number;
  answered: number;
  answered_within_60s: number;
  abandoned: number;
  abandoned_after_30s: number;
  answer_ms_sum: number;
};

/** The SELECT list that sums rollup rows into one CountsRow. */
export const SUM_COUNTS = `sum(offered)::int as offered, sum(answered)::int as answered,
  sum(answered_within_60s)::int as answered_within_60s, sum(abandoned)::int as abandoned,
  sum(abandoned_after_30s)::int as abandoned_after_30s, sum(answer_ms_sum)::float8 as answer_ms_sum`;

/** CallCounts from a summed rollup row and its answer-time bins (0 everywhere when the row is missing). */
export function toCounts(
  row: CountsRow | undefined,
  bins: { bin: number; calls: number }[] | string = [],
): CallCounts {
  const counts = emptyCounts();
  if (row) {
    counts.offered = Number(row.offered);
    counts.answered = Number(row.answered);
    counts.answeredWithin60s = Number(row.answered_within_60s);
    counts.abandoned = Number(row.abandoned);
    counts.abandonedAfter30s = Number(row.abandoned_after_30s);
    counts.answerMsSum = Number(row.answer_ms_sum);
  }
  if (typeof bins === 'string') addPackedBins(counts.answerHist, bins);
  else
    for (const { bin, calls } of bins) counts.answerHist[bin] = (counts.answerHist[bin] ?? 0) + Number(calls);
  return counts;
}

/**
 * Adds histograms packed as text to `hist`: rows separated by spaces, each row "bins;calls" with
 * comma-separated ascending bins and their calls ("3,17;1,2 17;4"); an empty row (";") holds no answered
 * calls. Parsed by hand, without splitting: an all-site day has tens of thousands of pairs.
 */
export function addPackedBins(hist: number[], packed: string): void {
  const bins: number[] = [];
  for (let start = 0; start < packed.length; ) {
    const space = packed.indexOf(' ', start);
    const end = space < 0 ? packed.length : space;
    const semi = packed.indexOf(';', start);
    if (semi < 0 || semi > end)
      throw new Error(`packed answer bins without ";": "${packed.slice(start, end)}"`);
    bins.length = 0;
    readInts(packed, start, semi, (bin) => bins.push(bin));
    let k = 0;
    readInts(packed, semi + 1, end, (calls) => {
      const bin = bins[k++];
      if (bin !== undefined) hist[bin] = (hist[bin] ?? 0) + calls;
    });
    if (k !== bins.length)
      throw new Error(`packed answer bins do not pair up: "${packed.slice(start, end)}"`);
    start = end + 1;
  }
}

/** Calls `each` with every comma-separated non-negative integer in text[from, to). */
function readInts(text: string, from: number, to: number, each: (value: number) => void): void {
  let value = 0;
  let digits = false;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 44) {
      if (digits) each(value);
      value = 0;
      digits = false;
    } else {
      value = value * 10 + (code - 48);
      digits = true;
    }
  }
  if (digits) each(value);
}

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
