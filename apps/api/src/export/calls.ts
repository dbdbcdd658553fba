import { CALL_COLUMNS, type CallsExportInput, type ExportProfile } from '@switchboard/contracts';
import { copyOut, type Db, sqlLiteral } from '@switchboard/db';
import { callCsvQuery } from './calls-sql.ts';
import { exportFileName, sitesPart } from './names.ts';
import { type ExportScope, requireRole, sitesInScope } from './scope.ts';
import { exportSites } from './sites.ts';
import type { ExportPlan } from './stream.ts';

/**
 * Each database read covers one site and at most a week: a bounded page (what a client that goes away still
 * costs the database, and on PGlite what is held at once). Pages of a day were measured much slower (each
 * statement is planned and waited for on its own; bench/csv.ts).
 */
export const CALL_PAGE_MS = 7 * 86_400_000;

/**
 * Raw call events per site in (at, call, kind) order. The database writes the CSV rows itself (COPY, with
 * the cell rules of calls-sql.ts), a site-day per statement, and the API only passes the bytes on: nothing
 * is built per row in JavaScript, so memory stays flat and the rows go out at the speed PostgreSQL writes
 * them. The next site-day is read only when the client has taken the previous one; a client that goes away
 * means no next read.
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
    csv: (profile) =>
      callChunks(
        db,
        sites.map((site) => site.id),
        from,
        to,
        profile,
      ),
  };
}

async function* callChunks(
  db: Db,
  siteIds: string[],
  from: number,
  to: number,
  profile: ExportProfile,
): AsyncGenerator<Uint8Array> {
  for (const siteId of siteIds)
    for (let start = from; start < to; start += CALL_PAGE_MS) {
      const end = Math.min(to, start + CALL_PAGE_MS);
      const where = `site_id = ${sqlLiteral(siteId)} and at >= ${sqlLiteral(new Date(start).toISOString())}::timestamptz
        and at < ${sqlLiteral(new Date(end).toISOString())}::timestamptz`;
      yield* copyOut(db, callCsvQuery(profile, where));
    }
}
