import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import { formatCell, neutralise } from '../src/export/cells.ts';
import { csvPage, csvResponse } from '../src/export/stream.ts';

describe('CSV cells', () => {
  it('neutralises text that a spreadsheet would run as a formula, and nothing else', () => {
    for (const text of ['=1+1', '+44 113', '-5', '@SUM(A1)', '\tx', '\rx', '\nx', '\0x', '＝1'])
      expect(neutralise(text)).toBe(`'${text}`);
    for (const text of ['Leeds', "St John's", '5', '', ' =1']) expect(neutralise(text)).toBe(text);
    expect(formatCell(-5, 'number', 'excel')).toBe('-5');
    expect(formatCell(-0.25, 'number', 'raw')).toBe('-0.25');
    expect(formatCell('-5', 'text', 'raw')).toBe("'-5");
    expect(formatCell(null, 'number', 'raw')).toBe('');
    expect(formatCell(0, 'number', 'raw')).toBe('0');
  });

  it('parses any row back to the cells written (text neutralised, numbers exact)', () => {
    const columns = [
      { name: 'name', kind: 'text' as const },
      { name: 'value', kind: 'number' as const },
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.string({ unit: 'binary' }),
            fc.option(fc.double({ noNaN: true, noDefaultInfinity: true })),
          ),
          {
            maxLength: 10,
          },
        ),
        fc.constantFrom('excel' as const, 'raw' as const),
        (rows, profile) => {
          const text = csvPage(rows, columns, profile, true);
          const back: string[][] = parse(text, { bom: true, relax_column_count: false });
          expect(back[0]).toEqual(['name', 'value']);
          expect(back.slice(1)).toEqual(
            rows.map(([name, value]) => [neutralise(name), value === null ? '' : String(value)]),
          );
          for (const [, cell] of back.slice(1))
            if (cell !== '') expect(Number.isNaN(Number(cell))).toBe(false);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('CSV streaming', () => {
  it('stops reading pages when the client goes away', async () => {
    let pagesRead = 0;
    let finished = false;
    async function* endless() {
      try {
        for (;;) {
          pagesRead++;
          yield Array.from({ length: 1_000 }, (_, i) => [`row ${pagesRead}-${i}`, i]);
        }
      } finally {
        finished = true;
      }
    }
    const app = new Hono();
    app.get('/x.csv', () =>
      csvResponse(
        {
          fileName: 'x.csv',
          columns: [
            { name: 'a', kind: 'text' },
            { name: 'b', kind: 'number' },
          ],
          pages: endless(),
        },
        'raw',
      ),
    );
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const abort = new AbortController();
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x.csv`, {
        signal: abort.signal,
      });
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="x.csv"');
      const reader = response.body?.getReader();
      await reader?.read();
      abort.abort();
      await vi.waitFor(() => expect(finished).toBe(true), { timeout: 10_000, interval: 20 });
      const after = pagesRead;
      // Nothing pulls pages any more: wait for a few more turns of the event loop and check again.
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
      expect(pagesRead).toBe(after);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
