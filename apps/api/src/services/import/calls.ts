import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { CallEvent } from '@switchboard/contracts';
import { type Database, sites } from '@switchboard/db';
import { stringify } from 'csv-stringify/sync';
import { eq, sql } from 'drizzle-orm';
import { DomainError } from '../../errors.ts';
import { catchUpChange, encodeChange } from '../../live/change.ts';
import { LIVE_CHANNEL } from '../../live/hub.ts';
import { rawPrunedBefore } from '../retention.ts';
import { callRollupCtes, callRollupCtesFromStaged } from '../rollups/call-rollups-sql.ts';
import { importRow, mapHeader } from './call-rows.ts';
import { CsvLineError, csvBatches } from './csv-lines.ts';
import { EVENT_COLUMNS } from './part.ts';
import { type Finish, withStaging } from './staging.ts';

export interface ImportProgress {
  bytes: number;
  totalBytes: number;
  rows: number;
}
export interface ImportResult {
  /** Data rows read (the header not counted). */
  rows: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Where refused rows were written (`--skip-bad`), or null. */
  rejectsFile: string | null;
}

/** A refused row: its line in the file (the header is line 1) and why. */
export class ImportError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/** The reader's CSV errors as the import's own (line and reason). */
async function* rethrowAsImportError<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* source;
  } catch (error) {
    if (error instanceof CsvLineError) throw new ImportError(error.line, error.reason);
    throw error;
  }
}

/**
 * The statements that end each part (see Finish in staging.ts): the rollups from the part's rows counted
 * in TypeScript when all its events were new, or the safe way (duplicates skipped, rollups from the rows inserted). Both
 * wake the live views once.
 */
function importStatements(siteId: string): Finish {
  const notified = sql`notified as (select pg_notify(${LIVE_CHANNEL}, ${encodeChange(catchUpChange())}))`;
  return {
    fromStaged: sql`with ${callRollupCtesFromStaged(siteId)}, ${notified} select (select count(*) from notified)::int as notified`,
    safe: sql`with inserted as (
        insert into call_events (${sql.raw(EVENT_COLUMNS)}) select ${sql.raw(EVENT_COLUMNS)} from import_staging
        order by 1, 2, 3 on conflict do nothing
        returning site_id, queue, kind, at, wait_ms
      ), ${callRollupCtes('inserted')}, ${notified}
      select (select count(*)::int from inserted) as accepted, (select count(*) from notified)::int as notified`,
  };
}

/** Rows per chunk handed to the database side, and per progress report. */
const CHUNK_ROWS = 10_000;

/**
 * Loads call events of one site from a CSV file (header: callId,kind,at,waitMs,queue,agentId), all or
 * nothing: rows are checked against the ingestion contract while they are COPYed into a staging table,
 * then one statement adds the new ones to call_events (duplicates skipped) and rolls up exactly the rows
 * it inserted, so only the minutes, hours and days they touch change. A bad row stops the import and rolls
 * back everything, unless `skipBad`, which writes it to `<file>.rejects.csv` and goes on.
 */
export async function importCalls(
  database: Pick<Database, 'db' | 'pg' | 'pglite'>,
  options: {
    siteId: string;
    /** A file on disk, or `source`: a stream (an upload) and its size as far as known (0: unknown). */
    file?: string;
    source?: { stream: Readable; totalBytes: number };
    skipBad?: boolean;
    onProgress?: (progress: ImportProgress) => void;
    /** Rows moved into the database at a time (tests; by default staging.ts's PART_ROWS). */
    partRows?: number;
  },
): Promise<ImportResult> {
  const { siteId, file } = options;
  const [site] = await database.db.select({ id: sites.id }).from(sites).where(eq(sites.id, siteId));
  if (!site) {
    options.source?.stream.destroy();
    throw new DomainError('unknown_reference', `site: no site "${siteId}"`);
  }
  if (!file && !options.source) throw new DomainError('invalid', 'file: give a file or a stream to import');
  const totalBytes = file ? (await stat(file)).size : (options.source?.totalBytes ?? 0);
  const rejectsFile = options.skipBad && file ? `${file}.rejects.csv` : null;
  // Rows older than the raw data already pruned are refused like ingestion's (see ingest/retention-guard.ts).
  const prunedBefore = await rawPrunedBefore(database.db);
  const tooOld = prunedBefore === null ? Number.NEGATIVE_INFINITY : Date.parse(prunedBefore);
  let rejects: WriteStream | undefined;
  let rows = 0;
  let rejected = 0;

  const finish = importStatements(siteId);
  const input: Readable = file ? createReadStream(file) : (options.source?.stream as Readable);
  let bytes = 0;
  const accepted = await withStaging(
    database,
    async (writer) => {
      let columns: ReturnType<typeof mapHeader> | undefined;
      let width = 0;
      let chunk: CallEvent[] = [];
      const batches = csvBatches(input, (read) => {
        bytes = read;
      });
      for await (const batch of rethrowAsImportError(batches)) {
        const now = Date.now();
        for (const { record, line } of batch) {
          if (!columns) {
            try {
              columns = mapHeader(record);
            } catch (error) {
              throw new ImportError(1, String((error as Error).message).replace(/^line 1: /, ''));
            }
            width = record.length;
            continue;
          }
          rows++;
          const parsed =
            record.length === width
              ? importRow(record, columns, siteId, now)
              : { error: `has ${record.length} fields, the header has ${width}` };
          const event =
            'error' in parsed || Date.parse(parsed.at) >= tooOld
              ? parsed
              : { error: `at: older than the raw data kept (RETENTION_RAW_DAYS), from ${prunedBefore} on` };
          if ('error' in event) {
            if (!rejectsFile) throw new ImportError(line, event.error);
            rejects ??= createWriteStream(rejectsFile);
            if (rejected === 0)
              rejects.write(stringify([['line', 'reason', ...record.map((_, i) => `field_${i + 1}`)]]));
            rejects.write(stringify([[String(line), event.error, ...record]]));
            rejected++;
            continue;
          }
          chunk.push(event);
          if (chunk.length >= CHUNK_ROWS) {
            await writer.write(chunk);
            chunk = [];
            options.onProgress?.({ bytes, totalBytes, rows });
          }
        }
      }
      if (!columns) throw new ImportError(1, 'the file is empty (expected a header row)');
      if (chunk.length > 0) await writer.write(chunk);
      options.onProgress?.({ bytes, totalBytes: Math.max(totalBytes, bytes), rows });
    },
    { siteId, finish, partRows: options.partRows },
  ).finally(async () => {
    input.destroy();
    if (rejects) {
      rejects.end();
      await finished(rejects);
    }
  });
  return {
    rows,
    accepted,
    duplicates: rows - rejected - accepted,
    rejected,
    rejectsFile: rejected > 0 ? rejectsFile : null,
  };
}
