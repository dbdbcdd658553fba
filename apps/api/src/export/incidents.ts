import {
  type ImpactScope,
  INCIDENT_COLUMNS,
  INCIDENT_MEASURE_FIELDS,
  type IncidentsExportInput,
  MANUAL_TALLY_MEASURES,
} from '@switchboard/contracts';
import { type Db, incidents } from '@switchboard/db';
import { and, desc, gt, isNull, lt, ne, or } from 'drizzle-orm';
import type { Actor } from '../services/incidents/actor.ts';
import { getIncidentImpact } from '../services/incidents/impact.ts';
import { windowEnd } from '../services/incidents/lifecycle.ts';
import { MAX_LISTED, referenceOf } from '../services/incidents/read.ts';
import { listTallies } from '../services/incidents/tallies.ts';
import type { Cell } from './cells.ts';
import { exportFileName, sitesPart } from './names.ts';
import { type ExportScope, sitesInScope } from './scope.ts';
import { exportSites } from './sites.ts';
import type { ExportPlan } from './stream.ts';

/**
 * Incidents whose window overlaps [from, to) and that name a site asked for (and in scope), newest start
 * first (at most 500), with their impact against the baseline as `incidents.impact` gives it, and the paper
 * tallies counted by hand in the window, in columns of their own. One page per incident.
 */
export async function incidentsExport(
  db: Db,
  input: IncidentsExportInput,
  scope: ExportScope,
): Promise<ExportPlan> {
  const siteIds = sitesInScope(scope, input.siteIds);
  await exportSites(db, siteIds);
  const from = Date.parse(input.from);
  const to = Date.parse(input.to);
  const wanted = siteIds.length > 0 ? siteIds : scope.sites === 'all' ? 'all' : scope.sites;
  const actor: Actor = { label: 'export', sites: wanted };
  const rows = await db
    .select()
    .from(incidents)
    .where(
      and(
        lt(incidents.startedAt, new Date(to)),
        ne(incidents.stage, 'cancelled'),
        or(
          and(isNull(incidents.stoodDownAt), isNull(incidents.closedAt)),
          gt(incidents.stoodDownAt, new Date(from)),
          and(isNull(incidents.stoodDownAt), gt(incidents.closedAt, new Date(from))),
        ),
      ),
    )
    .orderBy(desc(incidents.startedAt), desc(incidents.id))
    .limit(MAX_LISTED);
  const visible = rows.filter((i) => wanted === 'all' || i.siteIds.some((s) => wanted.includes(s)));
  return {
    fileName: exportFileName('incidents', sitesPart(siteIds), from, to),
    columns: INCIDENT_COLUMNS,
    pages: (async function* () {
      for (const incident of visible) {
        const impact = await getIncidentImpact(db, actor, { id: incident.id });
        const tallies = await listTallies(db, actor, {
          siteIds: impact.sites.map((s) => s.siteId ?? ''),
          from: impact.window.from,
          to: impact.window.to,
        });
        const manual = (siteId: string | null) =>
          MANUAL_TALLY_MEASURES.map((m) => {
            const some = tallies.filter((t) => t.measure === m && (siteId === null || t.siteId === siteId));
            return some.length === 0 ? null : some.reduce((sum, t) => sum + t.count, 0);
          });
        const shown = impact.sites.map((s) => s.siteId ?? '');
        const end = windowEnd(incident);
        const row = (s: ImpactScope): Cell[] => [
          referenceOf(incident),
          incident.id,
          incident.title,
          incident.type,
          incident.eprrLevel,
          incident.stage,
          s.siteId ?? '',
          shown.join(';'),
          incident.systemIds.join(';'),
          incident.declaredBy,
          incident.startedAt.getTime(),
          incident.startedAt.getTime(),
          incident.startedAt.getTime(),
          end ? end.getTime() : null,
          Date.parse(s.window.from),
          Date.parse(s.window.to),
          impact.live,
          ...INCIDENT_MEASURE_FIELDS.map((f) => s.current[f]),
          ...INCIDENT_MEASURE_FIELDS.map((f) => s.baseline[f]),
          s.baselineWeeks,
          s.missingWeeks,
          s.extraOver60s,
          s.extraAbandoned,
          s.extraWaitHours,
          ...manual(s.siteId),
        ];
        yield [row(impact), ...(impact.sites.length > 1 ? impact.sites.map(row) : [])];
      }
    })(),
  };
}
