import { IUC_ADC_COLUMNS, type IucAdcExportInput } from '@switchboard/contracts';
import type { Db, Site } from '@switchboard/db';
import {
  bucketStarts,
  computeMeasures,
  emptyCounts,
  iucAdcValues,
  localDateString,
  localMidnight,
  localParts,
  nextBucketStart,
  sumCounts,
} from '@switchboard/metrics';
import { levelFor } from '../services/queries/levels.ts';
import { readCallCounts } from '../services/queries/rollup-reads.ts';
import { abandonedSplitFrom } from '../services/retention.ts';
import type { Cell } from './cells.ts';
import { coverageKey, minutesWithData } from './coverage.ts';
import { exportFileName, sitesPart } from './names.ts';
import { type ExportScope, requireRole, sitesInScope } from './scope.ts';
import { exportSites } from './sites.ts';
import type { ExportPlan } from './stream.ts';

/** The items that need the 60 s split of abandoned calls, unknown in rollups older than SPLIT_60S_MARK. */
const SPLIT_60S_ITEMS: ReadonlySet<string> = new Set(['B04', 'B05']);

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** The London periods (days or calendar months) overlapping [from, to): [start, end) each. */
export function reportingPeriods(from: number, to: number, period: 'day' | 'month'): [number, number][] {
  if (period === 'day')
    return bucketStarts(from, to, '1d').map((start) => [start, nextBucketStart(start, '1d')]);
  const out: [number, number][] = [];
  const first = localParts(from);
  for (let month = first.month; ; month++) {
    const start = localMidnight(first.year, month, 1);
    if (start >= to) break;
    out.push([start, localMidnight(first.year, month + 1, 1)]);
  }
  return out;
}

/** `IUCADC-MONTHLY-NOV-2026` as the national return names a month; `SWITCHBOARD-DAILY-2026-11-25` for a day. */
export function reportingPeriodName(start: number, period: 'day' | 'month'): string {
  if (period === 'day') return `SWITCHBOARD-DAILY-${localDateString(start)}`;
  const { year, month } = localParts(start);
  return `IUCADC-MONTHLY-${MONTHS[month - 1]}-${year}`;
}

/**
 * IUC ADC long format: one row per site, period and item, from the London-day rollups (months add their
 * days' counts and answer-time histograms, so the 95th centile is the month's, not an average of days).
 */
export async function iucAdcExport(
  db: Db,
  input: IucAdcExportInput,
  scope: ExportScope,
): Promise<ExportPlan> {
  requireRole(scope, 'viewer', 'the IUC ADC export');
  const siteIds = sitesInScope(scope, input.siteIds);
  const sites = await exportSites(db, siteIds);
  const from = Date.parse(input.from);
  const to = Date.parse(input.to);
  return {
    fileName: exportFileName('iuc-adc', sitesPart(siteIds), from, to, input.period),
    columns: IUC_ADC_COLUMNS,
    pages: iucAdcPages(db, sites, reportingPeriods(from, to, input.period), input.period),
  };
}

async function* iucAdcPages(
  db: Db,
  sites: Site[],
  periods: [number, number][],
  period: 'day' | 'month',
): AsyncGenerator<Cell[][]> {
  const first = periods[0]?.[0];
  const last = periods[periods.length - 1]?.[1];
  if (first === undefined || last === undefined) return;
  const splitFrom = await abandonedSplitFrom(db);
  for (const site of sites) {
    const [daily, covered] = await Promise.all([
      readCallCounts(db, levelFor('1d'), { from: first, to: last, siteIds: [site.id] }, 'bucket'),
      minutesWithData(db, [site.id], first, last, period === 'day' ? '1d' : 'month', false),
    ]);
    const rows: Cell[][] = [];
    for (const [start, end] of periods) {
      const minutes = covered.get(coverageKey(start)) ?? 0;
      const counts = sumCounts(bucketStarts(start, end, '1d').map((day) => daily.get(String(day))));
      const measures = computeMeasures(counts ?? (minutes > 0 ? emptyCounts() : null));
      // A period that starts before the split was kept has no B04/B05 (empty, never a wrong number).
      const splitUnknown = splitFrom !== null && start < splitFrom;
      for (const { item, value: known } of iucAdcValues(measures)) {
        const value = splitUnknown && SPLIT_60S_ITEMS.has(item) ? null : known;
        rows.push([
          reportingPeriodName(start, period),
          site.regionCode,
          site.region,
          site.orgCode,
          site.name,
          site.contractCode,
          site.contractName,
          item,
          value,
          site.id,
          start,
          start,
          start,
          end,
          minutes >= (end - start) / 60_000,
        ]);
      }
    }
    yield rows;
  }
}
