import { fileURLToPath } from 'node:url';
import { type Child, freePort, spawnUntil, stopChild } from './spawn.ts';

const SERVER = fileURLToPath(new URL('../../src/server.ts', import.meta.url));
const API_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const SECRET = 'a-test-secret-shared-by-every-instance-0123456789';

/**
 * One API instance as its own process (`tsx src/server.ts`), on a port of its own that it keeps across
 * restarts, so a feed can address "instance 2" whether it is up or not.
 */
export interface ApiProcess {
  readonly url: string;
  /** The running child (undefined while stopped). */
  child(): Child | undefined;
  /** Everything it printed, across restarts. */
  output(): string;
  start(): Promise<void>;
  /** SIGTERM: the graceful stop (drain, finish in-flight batches, exit). Resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: the crash. */
  kill(): Promise<void>;
}

export async function apiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  let child: (Child & { process: Child['process'] }) | undefined;
  let previous = '';
  const exited = (c: Child) =>
    new Promise<number | null>((resolve) => {
      if (c.process.exitCode !== null || c.process.signalCode !== null) resolve(c.process.exitCode);
      else c.process.once('exit', (code) => resolve(code));
    });
  const api: ApiProcess = {
    url: `http://127.0.0.1:${port}`,
    child: () => child,
    output: () => previous + (child?.output() ?? ''),
    async start() {
      child = await spawnUntil(process.execPath, ['--import', 'tsx', SERVER], {
        cwd: API_DIR,
        env: {
          ...process.env,
          BETTER_AUTH_SECRET: SECRET,
          HOST: '127.0.0.1',
          API_PORT: String(port),
          INGEST_MAX_REQUESTS_PER_S: '100000',
          ...env,
        },
        ready: /listening on http:\/\/127\.0\.0\.1:\d+/,
      });
    },
    async stop() {
      const c = child;
      if (!c) return null;
      const code = exited(c);
      c.process.kill('SIGTERM');
      const result = await code;
      previous += c.output();
      child = undefined;
      return result;
    },
    async kill() {
      const c = child;
      if (!c) return;
      const gone = exited(c);
      c.process.kill('SIGKILL');
      await gone;
      previous += c.output();
      child = undefined;
    },
  };
  await api.start();
  return api;
}

/** Stops every instance still running (afterAll): SIGTERM, then SIGKILL after a grace period. */
export async function stopAll(apis: (ApiProcess | undefined)[]): Promise<void> {
  await Promise.all(
    apis.map(async (api) => {
      const c = api?.child();
      if (c) await stopChild(c.process, 10_000);
    }),
  );
}

/** GET /readyz: the status code, or 0 when the instance does not answer. */
export async function readiness(url: string): Promise<number> {
  try {
    const reply = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) });
    await reply.arrayBuffer();
    return reply.status;
  } catch {
    return 0;
  }
}

/** Resolves once `condition` holds (polled every 50 ms); rejects after `ms` with what it waited for. */
export async function eventually(what: string, condition: () => boolean | Promise<boolean>, ms = 30_000) {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
