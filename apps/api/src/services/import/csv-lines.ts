import { parse } from 'csv-parse/sync';

/** One CSV record and the file line it ends on (the header is line 1). */
export interface CsvRecord {
  record: string[];
  line: number;
}

/** A record that is not valid CSV (an unclosed or stray quote), with the line it ends on. */
export class CsvLineError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/** Longest record taken (a line, or a quoted record over several): far above any ACD export's, and a bound. */
export const MAX_RECORD_CHARS = 64 * 1024;

const quotesIn = (text: string) => {
  let n = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) n++;
  return n;
};

/**
 * Reads RFC 4180 CSV a chunk at a time and hands back each chunk's records (a batch, so the caller does not
 * pay an await per row). A line without a quote — nearly every line of an ACD export — is split on commas
 * directly; a line with quotes (and a quoted field that runs over several lines) is read by csv-parse.
 * A byte-order mark is dropped, CRLF and LF both end records, empty lines are skipped (but counted).
 * `onBytes` hears how many bytes have been read, for a progress bar.
 */
export async function* csvBatches(
  input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<CsvRecord[]> {
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  let line = 0;
  let bytes = 0;
  let started = false;
  /** A record with an odd number of quotes so far: its lines, joined as read. */
  let open: string | null = null;
  let openQuotes = 0;

  const take = (raw: string, out: CsvRecord[]) => {
    line++;
    if (open !== null) {
      if (open.length + raw.length > MAX_RECORD_CHARS)
        throw new CsvLineError(line, `not valid CSV: a record longer than ${MAX_RECORD_CHARS} characters`);
      open += `\n${raw}`;
      openQuotes += quotesIn(raw);
      if (openQuotes % 2 === 0) {
        const whole: string = open;
        out.push({ record: quoted(whole.endsWith('\r') ? whole.slice(0, -1) : whole, line), line });
        open = null;
      }
      return;
    }
    const text = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (text === '') return;
    if (text.indexOf('"') < 0) {
      out.push({ record: text.split(','), line });
      return;
    }
    const quotes = quotesIn(text);
    if (quotes % 2 === 0) out.push({ record: quoted(text, line), line });
    else {
      open = raw;
      openQuotes = quotes;
    }
  };

  for await (const chunk of input) {
    bytes += chunk.length;
    let text = carry + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (!started && text.length > 0) {
      started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const out: CsvRecord[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      take(text.slice(start, nl), out);
      start = nl + 1;
    }
    carry = text.slice(start);
    if (carry.length > MAX_RECORD_CHARS)
      throw new CsvLineError(line + 1, `not valid CSV: a line longer than ${MAX_RECORD_CHARS} characters`);
    onBytes?.(bytes);
    if (out.length > 0) yield out;
  }
  carry += decoder.decode();
  if (!started && carry.charCodeAt(0) === 0xfeff) carry = carry.slice(1);
  const out: CsvRecord[] = [];
  if (carry !== '') take(carry, out);
  if (open !== null) throw new CsvLineError(line, 'not valid CSV: a quoted field is not closed');
  if (out.length > 0) yield out;
}

/** One record holding quotes, read by csv-parse (doubled quotes, commas and line breaks inside quotes). */
function quoted(text: string, line: number): string[] {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, record_delimiter: ['\r\n', '\n'] }) as string[][];
  } catch (error) {
    const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : 'CSV_INVALID';
    throw new CsvLineError(line, `not valid CSV (${code})`);
  }
  if (records.length !== 1 || !records[0])
    throw new CsvLineError(line, 'not valid CSV (a quote splits the line into more than one record)');
  return records[0];
}
