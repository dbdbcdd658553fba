import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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

/** Runs `next build` unless `.next/BUILD_ID` is newer than every source the build reads. */
export function buildIfStale(): void {
  const buildId = join(DASHBOARD_DIR, '.next', 'BUILD_ID');
  if (existsSync(buildId) && statSync(buildId).mtimeMs > Math.max(...SOURCES.map(newest))) return;
  console.log('Building the dashboard (next build)…');
  const result = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
    cwd: DASHBOARD_DIR,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
}
