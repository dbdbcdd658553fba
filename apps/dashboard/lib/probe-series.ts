/** A probe's response-time points as chart rows, one per bucket over the whole range: a bucket without a result is a gap (null), never 0. */
export function probeRows(
  series: { from: string; to: string; bucketS: number; points: { at: string; meanMs: number | null }[] },
  maxRows = 5_000,
): { t: number; ms: number | null }[] {
  const step = series.bucketS * 1000;
  const from = Math.floor(Date.parse(series.from) / step) * step;
  const to = Date.parse(series.to);
  const byBucket = new Map(series.points.map((p) => [Date.parse(p.at), p.meanMs]));
  const rows: { t: number; ms: number | null }[] = [];
  for (let t = from; t < to && rows.length < maxRows; t += step)
    rows.push({ t, ms: byBucket.get(t) ?? null });
  return rows;
}
