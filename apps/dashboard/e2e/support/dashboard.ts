import { type Child, spawnUntil, stopChild } from '@switchboard/api/testing/spawn';
import { DASHBOARD_DIR, DASHBOARD_SERVER } from './paths.ts';

/** The built dashboard's server (server.ts) on `port` of 127.0.0.1, talking to `apiUrl`. */
export async function startDashboard(
  apiUrl: string,
  port: number,
): Promise<{ url: string; pid: number | undefined; stop(): Promise<void> }> {
  const child: Child = await spawnUntil(process.execPath, ['--import', 'tsx', DASHBOARD_SERVER], {
    cwd: DASHBOARD_DIR,
    env: {
      ...process.env,
      API_URL: apiUrl,
      DASHBOARD_HOST: '127.0.0.1',
      DASHBOARD_PORT: String(port),
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
    },
    ready: /✓ Ready: Switchboard dashboard/,
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.process.pid,
    stop: () => stopChild(child.process),
  };
}
