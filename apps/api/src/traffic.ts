import type { ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'hono';

/**
 * Requests in flight and whether the instance is draining, for a graceful stop: readiness turns 503 first
 * (the load balancer stops sending), then the server stops accepting, waits for the requests in flight (a
 * batch being stored is finished and acknowledged), and only then cuts what is left: live streams, whose
 * clients reconnect to another instance. A response counts until it is written (a CSV export until its last
 * row), a live stream until its handler returns.
 */
export interface Traffic {
  readonly draining: boolean;
  readonly inFlight: number;
  middleware: MiddlewareHandler;
  /** From now on /readyz answers 503. */
  drain(): void;
  /** Resolves when no request is in flight, or after `timeoutMs` (true when idle). */
  idle(timeoutMs: number): Promise<boolean>;
}

export function createTraffic(): Traffic {
  let draining = false;
  let inFlight = 0;
  const waiters = new Set<() => void>();
  return {
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight;
    },
    async middleware(c, next) {
      inFlight += 1;
      const done = () => {
        inFlight -= 1;
        if (inFlight === 0) for (const wake of waiters) wake();
      };
      try {
        await next();
      } catch (error) {
        done();
        throw error;
      }
      // The handler has returned, but its answer is written to the socket after this: an acknowledgement
      // counts until it is written (or the connection is gone), so a stop never cuts a stored batch's reply.
      // A live stream counts only until its handler returns (it is cut last, and its client reconnects).
      const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
      const live = c.res.headers.get('content-type')?.startsWith('text/event-stream');
      if (outgoing && !live && !outgoing.writableFinished && !outgoing.destroyed)
        outgoing.once('close', done);
      else done();
    },
    drain() {
      draining = true;
    },
    idle(timeoutMs) {
      if (inFlight === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const done = (idle: boolean) => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(idle);
        };
        const wake = () => done(true);
        const timer = setTimeout(() => done(false), timeoutMs);
        waiters.add(wake);
      });
    },
  };
}
