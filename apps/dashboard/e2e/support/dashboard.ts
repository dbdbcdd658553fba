import { type Child, spawnUntil, stopChild } from '@switchboard/api/testing/spawn';
import { DASHBOARD_DIR, NEXT_BIN } from './paths.ts';

/** The built dashboard under `next start` on `port` of 127.0.0.1, talking to `apiUrl`. */
export async function startDashboard(
  apiUrl: string,
  port: number,
): Promise<{ url: string; pid: number | undefined; stop(): Promise<void> }> {
  const child: Child = await spawnUntil(
    process.execPath,
    [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: DASHBOARD_DIR,
      env: { ...process.env, API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
      ready: /Ready in|✓ Ready/,
    },
  );
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.process.pid,
    stop: () => stopChild(child.process),
  };
}
