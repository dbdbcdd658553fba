import { type IngestResult, LIMITS } from '@switchboard/contracts';
import { type Feed, type Feeds, IngestError, postBatch } from './client.ts';

const FEEDS: readonly Feed[] = ['systemStatus', 'callEvents', 'queueSnapshots'];

export type Totals = Record<Feed, IngestResult & { posted: number }>;

/**
 * Buffers what the simulation produces and posts it in chunks of ≤ 5,000 with a few requests in flight.
 * A 4xx (IngestError) is fatal; other failures put the items back to be tried on the next flush.
 */
export class Poster {
  readonly totals: Totals = {
    systemStatus: { posted: 0, accepted: 0, duplicates: 0 },
    callEvents: { posted: 0, accepted: 0, duplicates: 0 },
    queueSnapshots: { posted: 0, accepted: 0, duplicates: 0 },
  };
  readonly #buffers: { [F in Feed]: Feeds[F][] } = { systemStatus: [], callEvents: [], queueSnapshots: [] };
  readonly #inFlight = new Set<Promise<void>>();
  #fatal: unknown;

  constructor(
    private readonly apiUrl: string,
    private readonly key: string,
    private readonly opts: { concurrency: number; dryRun: boolean; log: (line: string) => void },
  ) {}

  add<F extends Feed>(feed: F, items: readonly Feeds[F][]): void {
    const buffer = this.#buffers[feed] as Feeds[F][];
    for (const item of items) buffer.push(item);
  }

  /** Posts full chunks only (`full`), or everything buffered; rethrows a fatal error. */
  async flush(full = false): Promise<void> {
    for (const feed of FEEDS) {
      const buffer = this.#buffers[feed];
      while (buffer.length >= (full ? LIMITS.maxBatch : 1)) {
        await this.#send(feed, buffer.splice(0, LIMITS.maxBatch));
      }
    }
    if (!full) await this.drain();
    if (this.#fatal) throw this.#fatal;
  }

  /** Waits for every request in flight. */
  async drain(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
    if (this.#fatal) throw this.#fatal;
  }

  async #send<F extends Feed>(feed: F, items: Feeds[F][]): Promise<void> {
    while (this.#inFlight.size >= this.opts.concurrency) await Promise.race(this.#inFlight);
    if (this.#fatal) throw this.#fatal;
    const total = this.totals[feed];
    if (this.opts.dryRun) {
      total.posted += items.length;
      return;
    }
    const request = postBatch(this.apiUrl, this.key, feed, items).then(
      (result) => {
        total.posted += items.length;
        total.accepted += result.accepted;
        total.duplicates += result.duplicates;
      },
      (error: unknown) => {
        if (error instanceof IngestError) {
          this.#fatal = new Error(
            `${feed}: the API refused a batch (HTTP ${error.status}): ${error.message}`,
          );
          return;
        }
        this.opts.log(`${feed}: ${error instanceof Error ? error.message : String(error)}; will retry`);
        (this.#buffers[feed] as Feeds[F][]).unshift(...items);
      },
    );
    const tracked = request.finally(() => this.#inFlight.delete(tracked));
    this.#inFlight.add(tracked);
  }
}
