import { connect } from 'node:net';
import { parseHostPort } from '@switchboard/contracts';
import { bySpeed, type CheckResult } from './result.ts';

export interface TcpCheck {
  /** host:port */
  target: string;
  timeoutMs: number;
  degradedMs?: number | null;
}

/** One TCP connect (closed at once): up when it connects in time, down when refused or timed out. */
export function checkTcp(check: TcpCheck, now: () => number = Date.now): Promise<CheckResult> {
  const address = parseHostPort(check.target);
  if (!address) return Promise.resolve({ status: 'down', detail: 'target is not host:port', responseMs: 0 });
  const started = now();
  return new Promise((resolve) => {
    const socket = connect({ host: address.host, port: address.port });
    const elapsed = () => Math.max(0, Math.round(now() - started));
    const done = (result: CheckResult) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () => done({ status: 'down', detail: `timed out after ${check.timeoutMs} ms`, responseMs: elapsed() }),
      check.timeoutMs,
    );
    socket.once('connect', () => {
      const ms = elapsed();
      const status = bySpeed(ms, check.degradedMs);
      done({
        status,
        detail:
          status === 'degraded'
            ? `connected in ${ms} ms, slower than ${check.degradedMs} ms`
            : `connected in ${ms} ms`,
        responseMs: ms,
      });
    });
    socket.once('error', (error: Error & { code?: string }) => {
      const reason =
        error.code === 'ECONNREFUSED'
          ? 'connection refused'
          : error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN'
            ? 'host not found'
            : `connection failed (${error.code ?? 'error'})`;
      done({ status: 'down', detail: reason, responseMs: elapsed() });
    });
  });
}
