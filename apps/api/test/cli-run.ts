import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const API_DIR = new URL('..', import.meta.url).pathname;
export const TSX = join(API_DIR, '../../node_modules/.bin/tsx');

/** Runs `src/cli/<script>.ts` as its own process, as `npm run <script>` would: exit code and output. */
export async function cli(script: string, args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(TSX, [`src/cli/${script}.ts`, ...args], {
      cwd: API_DIR,
      env: { ...process.env, ...env },
      maxBuffer: 10 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
