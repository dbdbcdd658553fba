/**
 * The benchmark's traffic model, in SQL (for the year seeded straight into the rollups) and in TypeScript
 * (for the week of raw events), the same shape in both: calls a minute per site by hour of the London day
 * (night trough, evening peak), more at weekends, busier sites and quieter ones; answer times exponential
 * with a mean that grows with the load; a few abandoned calls, more when busy.
 */

/** Mean calls offered a minute to an average site, by London hour (0–23). */
export const HOURLY_RATE = [
  0.9, 0.7, 0.6, 0.5, 0.5, 0.6, 0.8, 1.2, 1.6, 1.8, 1.8, 1.7, 1.7, 1.7, 1.7, 1.8, 2, 2.4, 2.8, 3, 2.9, 2.5, 2, 1.4,
] as const;
export const WEEKEND_FACTOR = 1.25;
/** Site i of n takes 0.8–1.2 times the average. */
export const siteFactor = (i: number, n: number) => 0.8 + (0.4 * i) / Math.max(1, n - 1);
/** Mean answer time in seconds at a given rate. */
export const meanWaitS = (rate: number) => 10 + 12 * rate;
/** Chance that a minute with `offered` calls at mean wait `mu` has one abandoned call. */
export const abandonChance = (offered: number, mu: number) => Math.min(0.9, (offered * mu) / 800);
/** Answer times are capped below 10 minutes, plus up to 4 s so a minute's calls fall in distinct bins. */
export const WAIT_CAP_MS = 590_000;
/** At most this many calls a minute per site (rate ≤ 3 × 1.25 × 1.2 = 4.5, offered = floor(rate + u)). */
export const MAX_CALLS_A_MINUTE = 5;

/**
 * The SQL model over a relation with columns `m` (minute, timestamptz) and `s` (site number): lateral
 * joins that add, per row, deterministic uniform draws (hash of minute, site and a salt, so separate
 * statements see the same calls), and the minute's offered, abandoned, answered and answer times.
 */
export function sqlModel(siteCount: number): {
  /** Joins adding `rate`, `mu`, `offered`, `abandoned`, `abandoned_after_30s`, `answered`. */
  minute: string;
  /** The answer time in ms of the i-th answered call (1-based) of the row (`i` a SQL expression). */
  wait(i: string): string;
  /** A uniform draw in [0, 1) for the row and a salt (0–15). */
  u(salt: number | string): string;
} {
  const u = (salt: number | string) =>
    `((hashint8(((extract(epoch from m) / 60)::bigint * 64 + s) * 16 + ${salt})::bigint + 2147483648)::float8 / 4294967296)`;
  const rates = `array[${HOURLY_RATE.join(', ')}]::float8[]`;
  const minute = `cross join lateral (
      select (${rates})[extract(hour from m at time zone 'Europe/London')::int + 1]
        * case when extract(isodow from m at time zone 'Europe/London') >= 6 then ${WEEKEND_FACTOR} else 1 end
        * (0.8 + 0.4 * s / ${Math.max(1, siteCount - 1)}.0) as rate offset 0) r
    cross join lateral (select 10 + 12 * rate as mu, floor(rate + ${u(0)})::int as offered offset 0) o
    cross join lateral (
      select least(offered, (${u(1)} < least(0.9, offered * mu / 800))::int) as abandoned offset 0) a
    cross join lateral (select (abandoned = 1 and ${u(2)} < 0.5)::int as abandoned_after_30s,
      offered - abandoned as answered offset 0) n`;
  // Stratified: the i-th of n calls draws from the i-th n-quantile of the exponential, so the waits grow
  // with i; adding (i - 1) s keeps a minute's answer-time bins distinct (one histogram row per call).
  const wait = (i: string) =>
    `(least(${WAIT_CAP_MS}, floor(-mu * 1000 * ln(1 - ((${i}) - 1 + ${u(`3 + (${i})`)}) / answered)))::int + ((${i}) - 1) * 1000)`;
  return { minute, wait, u };
}

/** A small deterministic PRNG (mulberry32): the raw week is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: 'numeric',
  weekday: 'short',
  hourCycle: 'h23',
});

/** The mean calls a minute at a site at an instant (the TypeScript twin of the SQL model's `rate`). */
export function rateAt(ms: number, site: number, siteCount: number): number {
  let hour = 0;
  let weekend = false;
  for (const part of londonParts.formatToParts(new Date(ms))) {
    if (part.type === 'hour') hour = Number(part.value);
    if (part.type === 'weekday') weekend = part.value === 'Sat' || part.value === 'Sun';
  }
  return (HOURLY_RATE[hour] ?? 1) * (weekend ? WEEKEND_FACTOR : 1) * siteFactor(site, siteCount);
}
