import {
  INTERVAL_FIELDS,
  type IntervalsExportInput,
  intervalColumns,
  type SeriesPoint,
  snakeCase,
} from '@switchboard/contracts';
import type { Db } from '@switchboard/db';
import { bucketStart, IUC_ADC_CODES, IUC_ADC_LABELS, nextBucketStart } from '@switchboard/metrics';
import { getSeries } from '../services/queries/series.ts';
import type { Cell } from './cells.ts';
import { coverageKey, minutesWithData } from './coverage.ts';
import { exportFileName, sitesPart } from './names.ts';
import { type ExportScope, requireRole, sitesInScope } from './scope.ts';
import { exportSites } from './sites.ts';
import type { ExportPlan } from './stream.ts';

/** Points read per query: metrics.series answers at most 5,000 buckets at a time. */
const POINTS_PER_QUERY = 5_000;

/**
 * The series exactly as on screen: the numbers come from the same service as `metrics.series`, one query
 * per chunk of buckets (per site when `bySite`), so a file of any length is read a chunk at a time.
 */
export async function intervalsExport(
  db: Db,
  input: IntervalsExportInput,
  scope: ExportScope,
): Promise<ExportPlan> {
  requireRole(scope, 'viewer', 'the intervals export');
  const siteIds = sitesInScope(scope, input.siteIds);
  const sites = await exportSites(db, siteIds);
  const from = Date.parse(input.from);
  const to = Date.parse(input.to);
  return {
    fileName: exportFileName('intervals', sitesPart(siteIds), from, to, input.interval),
    columns: intervalColumns(input.bySite),
    headers: { 'x-column-notes': columnNotes() },
    pages: intervalPages(db, input, siteIds, sites, from, to),
  };
}

async function* intervalPages(
  db: Db,
  input: IntervalsExportInput,
  siteIds: string[],
  sites: { id: string; name: string }[],
  from: number,
  to: number,
): AsyncGenerator<Cell[][]> {
  const { interval, bySite } = input;
  const perQuery = Math.max(1, Math.floor(POINTS_PER_QUERY / (bySite ? Math.max(sites.length, 1) : 1)));
  for (let start = bucketStart(from, interval); start < to; ) {
    const starts: number[] = [];
    let end = start;
    while (end < to && starts.length < perQuery) {
      starts.push(end);
      end = nextBucketStart(end, interval);
    }
    const range = { from: new Date(start).toISOString(), to: new Date(end).toISOString(), interval };
    const covered = await minutesWithData(db, siteIds, start, end, interval, bySite);
    const rows: Cell[][] = [];
    if (bySite) {
      const perSite: SeriesPoint[][] = [];
      for (const site of sites) perSite.push((await getSeries(db, { ...range, siteIds: [site.id] })).points);
      starts.forEach((bucket, i) => {
        const minutes = (nextBucketStart(bucket, interval) - bucket) / 60_000;
        sites.forEach((site, s) => {
          const point = perSite[s]?.[i];
          const complete = (covered.get(coverageKey(bucket, site.id)) ?? 0) >= minutes;
          rows.push([
            bucket,
            bucket,
            bucket,
            site.id,
            site.name,
            ...INTERVAL_FIELDS.map((f) => point?.[f]),
            complete,
          ]);
        });
      });
    } else {
      const { points } = await getSeries(db, { ...range, siteIds });
      starts.forEach((bucket, i) => {
        const minutes = (nextBucketStart(bucket, interval) - bucket) / 60_000;
        const complete =
          sites.length > 0 && (covered.get(coverageKey(bucket)) ?? 0) >= minutes * sites.length;
        rows.push([bucket, bucket, bucket, ...INTERVAL_FIELDS.map((f) => points[i]?.[f]), complete]);
      });
    }
    yield rows;
    start = end;
  }
}

/** `offered=A01 Calls received; …`: the IUC ADC item behind each column that has one. */
function columnNotes(): string {
  return Object.entries(IUC_ADC_CODES)
    .filter(([measure]) => (INTERVAL_FIELDS as readonly string[]).includes(measure))
    .map(([measure, code]) => `${snakeCase(measure)}=${code} ${IUC_ADC_LABELS[code]}`)
    .join('; ');
}
