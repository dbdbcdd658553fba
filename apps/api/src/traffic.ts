import type { MiddlewareHandler } from 'hono';

/**
 * Requests in flight and whether the instance is draining, for a graceful stop: readiness turns 503 first
 * (the load balancer stops sending), then the server stops accepting, waits for the requests in flight (a
 * batch being stored is finished and acknowledged), and only then cuts what is left: live streams, whose
 * clients reconnect to another instance. A streamed response (live, CSV) counts until its handler returns.
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
    async middleware(_c, next) {
      inFlight += 1;
      try {
        await next();
      } finally {
        inFlight -= 1;
        if (inFlight === 0) for (const wake of waiters) wake();
      }
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
