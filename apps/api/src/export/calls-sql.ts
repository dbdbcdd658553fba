import type { ExportProfile } from '@switchboard/contracts';

/**
 * The calls export's cells written by the database (COPY … format csv) rather than by cells.ts: the same
 * rules, in SQL, for an export that can run to millions of rows. A test (export-calls-sql.test.ts) holds the
 * two equal for formula-looking text, empty values, milliseconds and both clock changes.
 *
 * - text is neutralised when it begins with = + - @ (or their full-width forms), tab, CR or LF (a NUL
 *   cannot be stored in PostgreSQL text); an empty text is an empty cell, as is a missing value
 * - times: `YYYY-MM-DD HH:MM:SS` (Excel) or `YYYY-MM-DDTHH:MM:SS` + `Z`/offset (raw), `.mmm` only when the
 *   instant has milliseconds; local time and the offset are London's (the database's tz data)
 * - COPY quotes a field holding a comma, a quote or a line break, as csv-stringify does
 *
 * Written for speed (measured in bench/csv.ts): the first character is compared by code point, not by a
 * regular expression, and times are the ISO text of the timestamp (DateStyle ISO, which packages/db sets)
 * rather than to_char, each several times cheaper per row.
 */
const FORMULA_CODE_POINTS = [...'=+-@\t\r\n＝＋－＠'].map((c) => c.codePointAt(0)).join(', ');
const text = (column: string) =>
  `case when ascii(${column}) in (${FORMULA_CODE_POINTS}) then '''' || ${column} else nullif(${column}, '') end`;

/** `YYYY-MM-DD HH:MM:SS[.fff]` (ISO text, fraction truncated to ms and padded to three digits) → cell. */
function wallClock(isoText: string, separator: ' ' | 'T'): string {
  const padded = `${isoText} || case when length(${isoText}) = 19 then '' else repeat('0', 23 - length(${isoText})) end`;
  return separator === ' ' ? padded : `overlay(${padded} placing 'T' from 11 for 1)`;
}

/** Each event's times once, as text: UTC and London wall clock, and London's offset. */
const TIMES = `select site_id, call_id, kind, wait_ms, queue, agent_id, at,
    date_trunc('milliseconds', at at time zone 'UTC')::text as utc_text,
    date_trunc('milliseconds', at at time zone 'Europe/London')::text as local_text,
    extract(epoch from (at at time zone 'Europe/London') - (at at time zone 'UTC'))::int / 60 as offset_min
  from call_events`;
const OFFSET = `case offset_min when 60 then '+01:00' when 0 then '+00:00' else
  case when offset_min < 0 then '-' else '+' end || lpad((abs(offset_min) / 60)::text, 2, '0') || ':'
  || lpad((abs(offset_min) % 60)::text, 2, '0') end`;

/**
 * The CALL_COLUMNS cells of the events that `where` (over call_events) selects, in (at, call, kind) order,
 * as a query for COPY.
 */
export function callCsvQuery(profile: ExportProfile, where: string): string {
  const excel = profile === 'excel';
  const atUtc = excel ? wallClock('utc_text', ' ') : `${wallClock('utc_text', 'T')} || 'Z'`;
  const atLocal = excel ? wallClock('local_text', ' ') : `${wallClock('local_text', 'T')} || ${OFFSET}`;
  return `select ${text('site_id')}, ${text('call_id')}, kind, ${atUtc}, ${atLocal}, ${OFFSET}, wait_ms,
    ${text('queue')}, ${text('agent_id')}
    from (${TIMES} where ${where}) e order by at, call_id, kind`;
}
