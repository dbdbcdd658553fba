import { parseArgs } from 'node:util';
import { idField } from '@switchboard/contracts';
import { fromWhereRun, readEnv } from '../env.ts';
import { type ImportProgress, importCalls } from '../services/import/calls.ts';
import { fail, withToolDb } from './tool-db.ts';

const USAGE = 'usage: npm run import -- calls --site <site-id> [--skip-bad] <file.csv>';
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { site: { type: 'string' }, 'skip-bad': { type: 'boolean', default: false } },
});
const [kind, file] = positionals;
if (kind !== 'calls' || !file || positionals.length !== 2) fail(USAGE);
const site = idField('--site').safeParse(values.site);
if (!site.success) fail(`${site.error.issues[0]?.message}\n${USAGE}`);

/** A progress bar on stderr, redrawn at most ten times a second (a plain line now and then when not a TTY). */
function progressBar(): (progress: ImportProgress) => void {
  let drawn = 0;
  const started = performance.now();
  return ({ bytes, totalBytes, rows }) => {
    const now = performance.now();
    const done = bytes >= totalBytes;
    if (!done && now - drawn < (process.stderr.isTTY ? 100 : 5_000)) return;
    drawn = now;
    const share = totalBytes > 0 ? Math.min(1, bytes / totalBytes) : 1;
    const width = 30;
    const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '-');
    const rate = Math.round(rows / Math.max((now - started) / 1000, 0.001));
    const line = `[${bar}] ${(share * 100).toFixed(0).padStart(3)}% ${rows} rows, ${rate} rows/s`;
    process.stderr.write(process.stderr.isTTY ? `\r${line}${done ? '\n' : ''}` : `${line}\n`);
  };
}

await withToolDb(async (_db, database) => {
  const started = performance.now();
  const result = await importCalls(database, {
    siteId: site.data,
    file: fromWhereRun(readEnv(), file),
    skipBad: values['skip-bad'],
    onProgress: progressBar(),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${result.rows} rows read: ${result.accepted} events stored, ${result.duplicates} already there, ` +
      `${result.rejected} refused${result.rejectsFile ? ` (written to ${result.rejectsFile})` : ''}; rollups updated; ${seconds} s`,
  );
});
