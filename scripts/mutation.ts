// npm run mutation: StrykerJS over the pure packages, one package after another, then the score of each.
// Not in CI (tens of minutes on two cores). Each package's stryker.config.json says what it mutates.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const PACKAGES = ['packages/metrics', 'packages/contracts', 'apps/api'];
const REPORT = 'reports/mutation/mutation.json';

type Report = { files: Record<string, { mutants: { status: string }[] }> };

const only = process.argv.slice(2);
const chosen = only.length > 0 ? PACKAGES.filter((p) => only.some((o) => p.endsWith(o))) : PACKAGES;
const lines: string[] = [];
let failed = false;
for (const pkg of chosen) {
  const dir = join(ROOT, pkg);
  rmSync(join(dir, REPORT), { force: true });
  // PGlite only: the API's mutated parts are pure, and one backend keeps the run short.
  const env = { ...process.env, TEST_DATABASE_URL: '' };
  const run = spawnSync(join(ROOT, 'node_modules/.bin/stryker'), ['run'], {
    cwd: dir,
    stdio: 'inherit',
    env,
  });
  if (run.status !== 0) {
    failed = true;
    lines.push(`${pkg}: stryker failed (exit ${run.status})`);
    continue;
  }
  const report = JSON.parse(readFileSync(join(dir, REPORT), 'utf8')) as Report;
  const count: Record<string, number> = {};
  for (const file of Object.values(report.files)) {
    for (const m of file.mutants) count[m.status] = (count[m.status] ?? 0) + 1;
  }
  const n = (s: string) => count[s] ?? 0;
  const detected = n('Killed') + n('Timeout');
  const valid = detected + n('Survived') + n('NoCoverage');
  const score = valid === 0 ? 100 : (100 * detected) / valid;
  lines.push(
    `${pkg}: mutation score ${score.toFixed(2)}% (${n('Killed')} killed, ${n('Timeout')} timed out, ` +
      `${n('Survived')} survived, ${n('NoCoverage')} without coverage, ${n('CompileError') + n('RuntimeError')} errors)`,
  );
}
console.log(`\n== mutation scores\n${lines.join('\n')}`);
process.exit(failed ? 1 : 0);
