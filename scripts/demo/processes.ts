import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Nothing phones home: Turborepo's and Next.js's anonymous telemetry are off in every process we start. */
export const NO_TELEMETRY = {
  TURBO_TELEMETRY_DISABLED: '1',
  NEXT_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
};

export interface Service {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** Starts a child process whose output lines are prefixed with its name. */
export function startService(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Service {
  const child = spawn(command, args, {
    env: { ...process.env, ...NO_TELEMETRY, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (line) => console.log(`[${name}] ${line}`));
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, child, exited };
}

/**
 * Asks a service to stop (SIGTERM), and kills it if it has not stopped within `graceMs`. The default is longer
 * than the API's own bound on a graceful stop (SHUTDOWN_TIMEOUT_S, 15 s, plus 5 s to close the database):
 * killed sooner, a slow stop on a loaded machine left the embedded folder's lock file and an unclosed database.
 */
export async function stopService(service: Service, graceMs = 30_000): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  service.child.kill('SIGTERM');
  const timer = setTimeout(() => service.child.kill('SIGKILL'), graceMs);
  await service.exited;
  clearTimeout(timer);
}

/** Resolves once `url` answers 2xx, or rejects when the service exits or `timeoutMs` passes. */
export async function waitForHttp(url: string, service: Service, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (service.child.exitCode !== null)
      throw new Error(`${service.name} exited with code ${service.child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${service.name} did not answer ${url} within ${timeoutMs / 1000} s`);
}

/** Runs a command to completion, inheriting output; rejects on a non-zero exit. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...NO_TELEMETRY, ...env },
      stdio: 'inherit',
    });
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}
