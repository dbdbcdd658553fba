import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvLineError, csvBatches, MAX_RECORD_CHARS } from '../src/services/import/csv-lines.ts';

/** Every record of a text read in chunks of the given sizes. */
async function read(text: string, sizes: number[] = [text.length]) {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  const out: { record: string[]; line: number }[] = [];
  for await (const batch of csvBatches(chunks)) out.push(...batch);
  return out;
}

const cell = fc.oneof(
  fc.stringMatching(/^[a-zA-Z0-9 :.-]{0,8}$/),
  fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r\n', 'é', '😀', ' '), maxLength: 6 }),
);
const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

describe('the import’s CSV reader', () => {
  it('reads what csv-parse reads, in any chunking (quotes, commas, line breaks, multi-byte text)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
        async (records, crlf, sizes) => {
          const eol = crlf ? '\r\n' : '\n';
          // (a record of one empty cell is an empty line, which both skip)
          const rows = records.filter((r) => r.some((c) => c !== ''));
          const text = rows.map((r) => r.map(quote).join(',')).join(eol) + eol;
          const expected = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
          expect((await read(text, sizes)).map((r) => r.record)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('numbers records by the line they end on, counting empty lines, dropping a BOM', async () => {
    const text = '\uFEFFcallId,kind\r\na,offered\r\n\r\n"multi\nline",x\nlast,one';
    expect(await read(text, [3])).toEqual([
      { record: ['callId', 'kind'], line: 1 },
      { record: ['a', 'offered'], line: 2 },
      { record: ['multi\nline', 'x'], line: 5 },
      { record: ['last', 'one'], line: 6 },
    ]);
  });

  it('names the line of an unclosed or stray quote', async () => {
    for (const [text, line] of [
      ['a,b\n"open,x\nmore\n', 3],
      ['a,b\nx,y"z"w\n', 2],
    ] as const) {
      const error = await read(text).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CsvLineError);
      expect((error as CsvLineError).line).toBe(line);
      expect((error as CsvLineError).message).toContain('not valid CSV');
    }
  });

  it('bounds a record: a line, or a quoted record over many lines, longer than the limit is refused', async () => {
    const long = await read(`a,b\nc,d\n${'x'.repeat(MAX_RECORD_CHARS + 1)}`, [4096]).catch((e: unknown) => e);
    expect(long).toBeInstanceOf(CsvLineError);
    expect((long as CsvLineError).line).toBe(3);
    expect((long as CsvLineError).message).toContain('longer than');
    const open = await read(`a,b\n"${`${'y'.repeat(999)}\n`.repeat(100)}`, [4096]).catch((e: unknown) => e);
    expect(open).toBeInstanceOf(CsvLineError);
    expect((open as CsvLineError).message).toContain('a record longer than');
  });
});
