import { randomBytes } from 'node:crypto';

/**
 * A feed as a real one behaves: batches of call events posted to the API instances in turn, each batch
 * with ids of its own (`<batch>-<n>`), and its own log of what was acknowledged (a 2xx). With `retry`, a
 * batch that failed (an error status, a cut connection) is sent again with the same ids, to the next
 * instance, until it is acknowledged — safe because ingestion is idempotent.
 */
export interface FeederOptions {
  /** The instances to post to, in turn (read on every attempt). */
  targets: () => string[];
  key: string;
  siteId: string;
  /** Events a batch (even: each call is offered, then answered). */
  batchSize: number;
  /** Batches in flight at once. */
  concurrency: number;
  retry: boolean;
  /** Pause of each worker between two acknowledged batches. */
  pauseMs?: number;
  /** A batch not acknowledged after this long is given up (and listed in `gaveUp`). */
  giveUpMs?: number;
}

export interface FeedLog {
  /** Every batch sent at least once: its id and number of events. */
  sent: Map<string, number>;
  /** Acknowledged batches: id → the reply's counts. */
  acked: Map<string, { accepted: number; duplicates: number }>;
  /** Batches that had at least one failed attempt before (or without) their acknowledgement. */
  retried: Set<string>;
  /** Attempts that failed (error status or no answer). */
  failedAttempts: number;
  /** Failed attempts by HTTP status (0: no answer). */
  failures: Record<number, number>;
  /** Batches never acknowledged (with retry: a failure of the test). */
  gaveUp: string[];
  /** A few failure messages, for the test's output. */
  samples: string[];
}

export interface Feeder {
  /** Batches acknowledged so far. */
  acked(): number;
  failedAttempts(): number;
  /** Stops starting batches, waits for those in flight (retried until acknowledged), returns the log. */
  stop(): Promise<FeedLog>;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The events of batch `id`: calls `<id>-<n>` offered at `start` (a minute ago) and answered within 90 s. */
export function batchEvents(id: string, size: number, siteId: string, start = Date.now() - 60_000) {
  return Array.from({ length: size }, (_, i) => {
    const call = `${id}-${Math.floor(i / 2)}`;
    return i % 2 === 0
      ? { siteId, callId: call, kind: 'offered', at: new Date(start).toISOString(), queue: 'main' }
      : {
          siteId,
          callId: call,
          kind: 'answered',
          at: new Date(start + (i % 90) * 1000).toISOString(),
          waitMs: (i % 90) * 1000,
          queue: 'main',
        };
  });
}

export function startFeeder(options: FeederOptions): Feeder {
  const run = randomBytes(3).toString('hex');
  const log: FeedLog = {
    sent: new Map(),
    acked: new Map(),
    retried: new Set(),
    failedAttempts: 0,
    failures: {},
    gaveUp: [],
    samples: [],
  };
  let stopping = false;
  let next = 0;
  let turn = 0;
  const fail = (id: string, status: number, what: string) => {
    log.retried.add(id);
    log.failedAttempts += 1;
    log.failures[status] = (log.failures[status] ?? 0) + 1;
    if (log.samples.length < 10) log.samples.push(what.slice(0, 200));
  };

  async function send(id: string, body: string): Promise<boolean> {
    const targets = options.targets();
    const url = targets[turn++ % targets.length];
    try {
      const reply = await fetch(`${url}/trpc/ingest.callEvents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.key}`, 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(30_000),
      });
      const text = await reply.text();
      if (!reply.ok) {
        fail(id, reply.status, `${reply.status} ${text}`);
        return false;
      }
      const counts = (JSON.parse(text) as { result: { data: { accepted: number; duplicates: number } } })
        .result.data;
      log.acked.set(id, counts);
      return true;
    } catch (error) {
      fail(id, 0, `${url}: ${(error as Error).message}`);
      return false;
    }
  }

  async function worker() {
    while (!stopping) {
      const id = `r${run}b${next++}`;
      const body = JSON.stringify({ events: batchEvents(id, options.batchSize, options.siteId) });
      log.sent.set(id, options.batchSize);
      const giveUpAt = Date.now() + (options.giveUpMs ?? 60_000);
      for (let attempt = 1; !(await send(id, body)); attempt++) {
        if (!options.retry || Date.now() > giveUpAt) {
          log.gaveUp.push(id);
          break;
        }
        await sleep(Math.min(1_000, 50 * attempt));
      }
      if (options.pauseMs) await sleep(options.pauseMs);
    }
  }

  const workers = Array.from({ length: options.concurrency }, () => worker());
  return {
    acked: () => log.acked.size,
    failedAttempts: () => log.failedAttempts,
    async stop() {
      stopping = true;
      await Promise.all(workers);
      return log;
    },
  };
}
