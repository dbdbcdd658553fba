import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DASHBOARD_DIR = fileURLToPath(new URL('..', import.meta.url));
const REPO_ROOT = join(DASHBOARD_DIR, '..', '..');
const NEXT_BIN = join(REPO_ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

const SOURCES = [
  ...[
    'app',
    'components',
    'lib',
    'loaders',
    'public',
    'env.ts',
    'next.config.ts',
    'package.json',
    'tsconfig.json',
  ].map((p) => join(DASHBOARD_DIR, p)),
  ...['packages/contracts/src', 'packages/metrics/src'].map((p) => join(REPO_ROOT, p)),
];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const BUILD_ID = join(DASHBOARD_DIR, '.next', 'BUILD_ID');
/** Held by the process that builds: another test or benchmark run in this checkout waits for it. */
const LOCK = join(DASHBOARD_DIR, '.next-build.lock');
const LOCK_WAIT_MS = 15 * 60_000;

const fresh = () => existsSync(BUILD_ID) && statSync(BUILD_ID).mtimeMs > Math.max(...SOURCES.map(newest));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Takes the build lock (true), or answers false while a live process holds it; a dead holder's is taken over. */
function takeLock(): boolean {
  try {
    const fd = openSync(LOCK, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch {
    const holder = existsSync(LOCK) ? Number(readFileSync(LOCK, 'utf8')) : 0;
    if (Number.isInteger(holder) && holder > 0 && alive(holder)) return false;
    // Its holder died (or it went meanwhile): remove it and try again, on the next turn of the wait.
    if (holder > 0) unlinkSync(LOCK);
    return false;
  }
}

/**
 * Runs `next build` unless `.next/BUILD_ID` is newer than every source the build reads. Test and benchmark
 * runs in one checkout (`npm test` beside `npm run bench`) take turns through a lock file: a second build
 * would replace `.next` under the first one's running servers. Whoever waited checks freshness again.
 */
export function buildIfStale(): void {
  if (fresh()) return;
  const giveUpAt = Date.now() + LOCK_WAIT_MS;
  while (!takeLock()) {
    if (Date.now() > giveUpAt) throw new Error(`another dashboard build held ${LOCK} for 15 minutes`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1_000);
  }
  try {
    if (fresh()) return;
    console.log('Building the dashboard (next build)…');
    const result = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
      cwd: DASHBOARD_DIR,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    unlinkSync(LOCK);
  }
}
