import { CALL_COLUMNS, type CallsExportInput } from '@switchboard/contracts';
import { type Db, rowsOf } from '@switchboard/db';
import { sql } from 'drizzle-orm';
import type { Cell } from './cells.ts';
import { exportFileName, sitesPart } from './names.ts';
import { type ExportScope, requireRole, sitesInScope } from './scope.ts';
import { exportSites } from './sites.ts';
import type { ExportPlan } from './stream.ts';

/** Rows per database read: big enough to be fast, small enough to keep memory flat. */
export const CALL_PAGE_ROWS = 10_000;

type EventRow = {
  call_id: string;
  kind_name: string;
  at_us: string | number | bigint;
  wait_ms: number | null;
  queue: string;
  agent_id: string | null;
};

/**
 * Raw call events per site in time order, read by keyset (at, call, kind) a page at a time: no cursor held
 * open between pages, so a client that goes away simply means no next page.
 */
export async function callsExport(db: Db, input: CallsExportInput, scope: ExportScope): Promise<ExportPlan> {
  requireRole(scope, 'analyst', 'the calls export');
  const siteIds = sitesInScope(scope, input.siteIds);
  const sites = await exportSites(db, siteIds);
  const from = Date.parse(input.from);
  const to = Date.parse(input.to);
  return {
    fileName: exportFileName('calls', sitesPart(siteIds), from, to),
    columns: CALL_COLUMNS,
    pages: callPages(
      db,
      sites.map((site) => site.id),
      input.from,
      input.to,
    ),
  };
}

/** One page of a site's events after `after` (in (at, call, kind) order), at most CALL_PAGE_ROWS. */
function readPage(db: Db, siteId: string, from: string, to: string, after: EventRow | undefined) {
  // The plain `at >=` lets the (site_id, at) index start where the last page ended.
  const at = after && sql`(timestamptz 'epoch' + ${String(after.at_us)}::int8 * interval '1 microsecond')`;
  const keyset = after
    ? sql`and at >= ${at} and (at, call_id, kind) > (${at}, ${after.call_id}, ${after.kind_name}::call_event_kind)`
    : sql``;
  return rowsOf<EventRow>(
    db,
    sql`select call_id, kind::text as kind_name, (extract(epoch from at) * 1000000)::int8 as at_us, wait_ms, queue, agent_id
        from call_events
        where site_id = ${siteId} and at >= ${from}::timestamptz and at < ${to}::timestamptz ${keyset}
        order by at, call_id, kind limit ${CALL_PAGE_ROWS}`,
  );
}

/**
 * Pages of events, site after site. The next page is read only once the client has taken the current one:
 * one page in memory, and no read still running after the client has gone. (Reading ahead was measured
 * slower on two shared cores, where the database and the API compete for the same CPU: bench/csv.ts.)
 */
async function* callPages(db: Db, siteIds: string[], from: string, to: string): AsyncGenerator<Cell[][]> {
  for (const siteId of siteIds) {
    let page = await readPage(db, siteId, from, to, undefined);
    while (page.length > 0) {
      const last = page.length === CALL_PAGE_ROWS ? page[page.length - 1] : undefined;
      yield page.map((e) => {
        const ms = Number(e.at_us) / 1000;
        return [siteId, e.call_id, e.kind_name, ms, ms, ms, e.wait_ms, e.queue, e.agent_id];
      });
      page = last ? await readPage(db, siteId, from, to, last) : [];
    }
  }
}
