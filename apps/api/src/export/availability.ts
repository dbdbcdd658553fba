import {
  AVAILABILITY_INTERVAL_COLUMNS,
  AVAILABILITY_SUMMARY_COLUMNS,
  type AvailabilityExportInput,
} from '@switchboard/contracts';
import type { Db } from '@switchboard/db';
import { getAvailability } from '../services/queries/availability.ts';
import type { Cell } from './cells.ts';
import { exportFileName, sitesPart } from './names.ts';
import { type ExportScope, requireRole, sitesInScope } from './scope.ts';
import { exportSites } from './sites.ts';
import type { ExportPlan } from './stream.ts';

/**
 * Status intervals (or one summary row) per system and site, from the same service as the availability
 * strip. National rows (no site) apply to every site and are always included.
 */
export async function availabilityExport(
  db: Db,
  input: AvailabilityExportInput,
  scope: ExportScope,
  options: { heartbeatTimeoutS: number },
): Promise<ExportPlan> {
  requireRole(scope, 'viewer', 'the availability export');
  const siteIds = sitesInScope(scope, input.siteIds);
  await exportSites(db, siteIds);
  const from = Date.parse(input.from);
  const to = Date.parse(input.to);
  const summary = input.view === 'summary';
  return {
    fileName: exportFileName('availability', sitesPart(siteIds), from, to, input.view),
    columns: summary ? AVAILABILITY_SUMMARY_COLUMNS : AVAILABILITY_INTERVAL_COLUMNS,
    pages: (async function* () {
      const result = await getAvailability(
        db,
        {
          from: input.from,
          to: input.to,
          ...(siteIds.length > 0 ? { siteIds } : {}),
          ...(input.systemIds.length > 0 ? { systemIds: input.systemIds } : {}),
        },
        options,
      );
      for (const row of result.rows) {
        const who = [row.systemId, row.name, row.siteId];
        if (summary) {
          const s = (ms: number) => ms / 1000;
          const maybe = (ms: number | undefined) => (ms === undefined ? null : ms / 1000);
          yield [
            [
              ...who,
              from,
              from,
              from,
              to,
              row.availabilityPct,
              s(row.downMs),
              s(row.degradedMs),
              s(row.unknownMs),
              row.current,
              maybe(row.maintenanceMs),
              maybe(row.plannedDownMs),
              maybe(row.unplannedDownMs),
            ],
          ];
          continue;
        }
        yield row.intervals.map((interval): Cell[] => {
          const start = Date.parse(interval.from);
          const end = Date.parse(interval.to);
          return [...who, interval.status, start, start, start, end, end, (end - start) / 1000];
        });
      }
    })(),
  };
}
