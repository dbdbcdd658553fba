import type { ExportColumn, ExportProfile } from '@switchboard/contracts';
import { stringify } from 'csv-stringify/sync';
import { type Cell, formatCell } from './cells.ts';

/** What an export produces: its columns, a file name, and its rows a page at a time (read lazily). */
export interface ExportPlan {
  fileName: string;
  columns: ExportColumn[];
  pages: AsyncIterable<Cell[][]>;
  /** Extra response headers (e.g. column notes). */
  headers?: Record<string, string>;
}

/**
 * The CSV text of one page. The header row goes first on the first page, and in the Excel profile the
 * byte-order mark before it; records end in CRLF (Excel) or LF (raw); a field holding a line break, comma
 * or quote is quoted.
 */
export function csvPage(
  rows: Cell[][],
  columns: readonly ExportColumn[],
  profile: ExportProfile,
  first: boolean,
): string {
  const records = rows.map((row) => columns.map((column, i) => formatCell(row[i], column.kind, profile)));
  if (first) records.unshift(columns.map((column) => column.name));
  return stringify(records, {
    bom: first && profile === 'excel',
    record_delimiter: profile === 'excel' ? 'windows' : 'unix',
    quoted_match: /[\r\n]/,
  });
}

/**
 * Streams a plan as an HTTP response. The next page is read only when the client has taken the previous
 * one (back-pressure), so memory stays flat at any size; a client that goes away cancels the stream, which
 * ends the page iterator, so no further database read starts. The first page is read before the response
 * starts, so a failure there still gets a proper status.
 */
export async function csvResponse(plan: ExportPlan, profile: ExportProfile): Promise<Response> {
  const pages = plan.pages[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const first = await pages.next();
  let pending: string | null = csvPage(first.done ? [] : first.value, plan.columns, profile, true);
  const done = first.done === true;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pending !== null) {
        controller.enqueue(encoder.encode(pending));
        pending = null;
        if (done) controller.close();
        return;
      }
      try {
        for (;;) {
          const next = await pages.next();
          if (next.done) {
            controller.close();
            return;
          }
          if (next.value.length > 0) {
            controller.enqueue(encoder.encode(csvPage(next.value, plan.columns, profile, false)));
            return;
          }
        }
      } catch (error) {
        // Headers are gone: the client sees a truncated transfer, never a half file that looks whole.
        console.error(`[export] ${plan.fileName}:`, error);
        controller.error(new Error('export failed'));
      }
    },
    async cancel() {
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
