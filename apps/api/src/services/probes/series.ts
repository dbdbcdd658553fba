import { PROBE_LIMITS, type ProbeSeriesInput } from '@switchboard/contracts';
import { type Db, probes, rowsOf } from '@switchboard/db';
import { eq, sql } from 'drizzle-orm';
import { DomainError } from '../../errors.ts';
import { PROBE_KEY_PREFIX } from './store.ts';

export interface ProbeSeries {
  probeId: string;
  systemId: string;
  siteId: string | null;
  from: string;
  to: string;
  bucketS: number;
  /** Per bucket with results: mean and worst response time, and the worst status; buckets without are absent (a gap). */
  points: { at: string; meanMs: number | null; maxMs: number | null; status: string }[];
}

/** The probe's site, to check the caller's scope before reading its results. */
export async function probeSite(db: Db, id: string) {
  const [probe] = await db
    .select({ systemId: probes.systemId, siteId: probes.siteId, intervalS: probes.intervalS })
    .from(probes)
    .where(eq(probes.id, id));
  if (!probe) throw new DomainError('not_found', `no probe with id ${id}`);
  return probe;
}

/**
 * A probe's response times over the last `hours`, in buckets of at least its interval and few enough for
 * PROBE_LIMITS.maxPoints; a bucket's status is its worst (down > degraded > up).
 */
export async function getProbeSeries(
  db: Db,
  input: ProbeSeriesInput,
  now = Date.now(),
): Promise<ProbeSeries> {
  const probe = await probeSite(db, input.id);
  const to = now;
  const from = to - input.hours * 3_600_000;
  const bucketS = Math.max(probe.intervalS, Math.ceil((to - from) / 1000 / PROBE_LIMITS.maxPoints));
  const rows = await rowsOf<{ bucket: number; mean_ms: number | null; max_ms: number | null; worst: number }>(
    db,
    sql`select floor(extract(epoch from at) / ${bucketS})::float8 * ${bucketS} as bucket,
        avg(response_ms)::float8 as mean_ms, max(response_ms)::float8 as max_ms,
        max(case status when 'down' then 2 when 'degraded' then 1 else 0 end)::int as worst
      from system_status
      where system_id = ${probe.systemId} and coalesce(site_id, '') = ${probe.siteId ?? ''}
        and source = 'probe' and key_id = ${`${PROBE_KEY_PREFIX}${input.id}`}
        and at >= ${new Date(from).toISOString()}::timestamptz and at < ${new Date(to).toISOString()}::timestamptz
      group by 1 order by 1
      limit ${PROBE_LIMITS.maxPoints + 1}`,
  );
  const STATUS = ['up', 'degraded', 'down'] as const;
  return {
    probeId: input.id,
    systemId: probe.systemId,
    siteId: probe.siteId,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    bucketS,
    points: rows.slice(0, PROBE_LIMITS.maxPoints).map((r) => ({
      at: new Date(Number(r.bucket) * 1000).toISOString(),
      meanMs: r.mean_ms === null ? null : Math.round(Number(r.mean_ms)),
      maxMs: r.max_ms === null ? null : Number(r.max_ms),
      status: STATUS[Number(r.worst)] ?? 'up',
    })),
  };
}
