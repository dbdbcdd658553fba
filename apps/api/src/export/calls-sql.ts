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
 */
const FORMULA_START = `('^[-=+@' || chr(9) || chr(13) || chr(10) || '＝＋－＠]')`;
const text = (column: string) =>
  `case when ${column} ~ ${FORMULA_START} then '''' || ${column} else nullif(${column}, '') end`;

/** `YYYY-MM-DD<sep>HH:MM:SS[.mmm]` of a timestamp (without time zone) expression. */
function wallClock(timestamp: string, separator: ' ' | 'T'): string {
  return `to_char(${timestamp}, 'YYYY-MM-DD"${separator}"HH24:MI:SS')
    || case when to_char(${timestamp}, 'MS') = '000' then '' else '.' || to_char(${timestamp}, 'MS') end`;
}

const UTC = `(at at time zone 'UTC')`;
const LOCAL = `(at at time zone 'Europe/London')`;
/** London's offset in minutes at `at`. */
const OFFSET_MINUTES = `(extract(epoch from ${LOCAL} - ${UTC}) / 60)::int`;
const OFFSET = `case when ${OFFSET_MINUTES} < 0 then '-' else '+' end
  || lpad((abs(${OFFSET_MINUTES}) / 60)::text, 2, '0') || ':' || lpad((abs(${OFFSET_MINUTES}) % 60)::text, 2, '0')`;

/** `select <the CALL_COLUMNS cells> from call_events` for a profile; the caller adds where and order. */
export function callCsvSelect(profile: ExportProfile): string {
  const excel = profile === 'excel';
  const atUtc = excel ? wallClock(UTC, ' ') : `${wallClock(UTC, 'T')} || 'Z'`;
  const atLocal = excel ? wallClock(LOCAL, ' ') : `${wallClock(LOCAL, 'T')} || ${OFFSET}`;
  return `select ${text('site_id')}, ${text('call_id')}, kind, ${atUtc}, ${atLocal}, ${OFFSET}, wait_ms,
    ${text('queue')}, ${text('agent_id')} from call_events`;
}
