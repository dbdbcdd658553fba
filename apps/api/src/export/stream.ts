import type { ExportColumn, ExportProfile } from '@switchboard/contracts';
import { stringify } from 'csv-stringify/sync';
import { type Cell, formatCell } from './cells.ts';

/**
 * What an export produces: its columns, a file name, and its rows a page at a time (read lazily), as cells
 * or, for the largest exports, as CSV records the database has already written (`csv`: LF-ended, no header;
 * the header, the byte-order mark and CRLF of the Excel profile are added here).
 */
export type ExportPlan = {
  fileName: string;
  columns: ExportColumn[];
  /** Extra response headers (e.g. column notes). */
  headers?: Record<string, string>;
} & ({ pages: AsyncIterable<Cell[][]> } | { csv: (profile: ExportProfile) => AsyncIterable<Uint8Array> });

/** A cell that csv-stringify would quote: holding the delimiter, a quote or a line break. */
const NEEDS_QUOTES = /[",\r\n]/;
const STRINGIFY_OPTIONS = {
  excel: { record_delimiter: 'windows', quoted_match: /[\r\n]/ },
  raw: { record_delimiter: 'unix', quoted_match: /[\r\n]/ },
} as const;

/**
 * The CSV text of one page. The header row goes first on the first page, and in the Excel profile the
 * byte-order mark before it; records end in CRLF (Excel) or LF (raw); a field holding a line break, comma
 * or quote is quoted. csv-stringify writes every record that has something to quote; a record of plain
 * cells (numbers, times, most names) is joined directly, which is the same text at a fraction of the cost
 * (a test holds the two equal).
 */
export function csvPage(
  rows: Cell[][],
  columns: readonly ExportColumn[],
  profile: ExportProfile,
  first: boolean,
): string {
  const eol = profile === 'excel' ? '\r\n' : '\n';
  const options = STRINGIFY_OPTIONS[profile];
  let out = first
    ? stringify([columns.map((column) => column.name)], { ...options, bom: profile === 'excel' })
    : '';
  const cells: string[] = new Array(columns.length);
  for (const row of rows) {
    let plain = true;
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i] as ExportColumn;
      const text = formatCell(row[i], column.kind, profile);
      cells[i] = text;
      if (plain && column.kind === 'text' && NEEDS_QUOTES.test(text)) plain = false;
    }
    out += plain ? cells.join(',') + eol : stringify([cells], options);
  }
  return out;
}

/**
 * Streams a plan as an HTTP response. The next page is read only when the client has taken the previous
 * one (back-pressure), so memory stays flat at any size; a client that goes away cancels the stream, which
 * ends the page iterator, so no further database read starts. The first page is read before the response
 * starts, so a failure there still gets a proper status.
 */
export async function csvResponse(plan: ExportPlan, profile: ExportProfile): Promise<Response> {
  const pages: AsyncIterator<Cell[][] | Uint8Array> =
    'csv' in plan ? written(plan.csv(profile), profile) : plan.pages[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const first = await pages.next();
  let pending: string | Uint8Array | null = csvPage(
    first.done || 'csv' in plan ? [] : (first.value as Cell[][]),
    plan.columns,
    profile,
    true,
  );
  const firstBytes = 'csv' in plan && !first.done ? (first.value as Uint8Array) : null;
  const done = first.done === true;
  /** Set when the client goes away: a page read in flight then ends quietly instead of enqueuing. */
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (cancelled) return;
      if (pending !== null) {
        controller.enqueue(typeof pending === 'string' ? encoder.encode(pending) : pending);
        pending = firstBytes && typeof pending === 'string' ? firstBytes : null;
        if (done && pending === null) controller.close();
        return;
      }
      try {
        for (;;) {
          const next = await pages.next();
          if (cancelled) return;
          if (next.done) {
            controller.close();
            return;
          }
          if (next.value.length > 0) {
            controller.enqueue(
              next.value instanceof Uint8Array
                ? next.value
                : encoder.encode(csvPage(next.value, plan.columns, profile, false)),
            );
            return;
          }
        }
      } catch (error) {
        if (cancelled) return;
        // Headers are gone: the client sees a truncated transfer, never a half file that looks whole.
        console.error(`[export] ${plan.fileName}:`, error);
        controller.error(new Error('export failed'));
      }
    },
    async cancel() {
      cancelled = true;
      await pages.return?.();
    },
  });
  const charset = 'text/csv; charset=utf-8; header=present';
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': charset,
      'content-disposition': `attachment; filename="${plan.fileName}"`,
      'cache-control': 'no-store',
      ...plan.headers,
    },
  });
}

const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * CSV bytes as the profile writes them: LF-ended records as they are (raw), or with CRLF (Excel), where a
 * line break inside a quoted field stays as it is (quote parity is followed across chunks).
 */
async function* written(
  chunks: AsyncIterable<Uint8Array>,
  profile: ExportProfile,
): AsyncGenerator<Uint8Array> {
  if (profile === 'raw') {
    yield* chunks;
    return;
  }
  let quoted = false;
  for await (const chunk of chunks) {
    let breaks = 0;
    for (const byte of chunk) if (byte === LF) breaks++;
    const out = new Uint8Array(chunk.length + breaks);
    let j = 0;
    for (const byte of chunk) {
      if (byte === QUOTE) quoted = !quoted;
      else if (byte === LF && !quoted) out[j++] = CR;
      out[j++] = byte;
    }
    yield j === out.length ? out : out.subarray(0, j);
  }
}
