import type { LiveChange } from '@switchboard/contracts';
import { mergeChanges, narrowChange } from './change.ts';

/** Per subscriber, at most one message leaves every this many milliseconds. */
export const COALESCE_WINDOW_MS = 250;

/**
 * A new subscriber's window: 250–375 ms, drawn at random. Every screen hears the same changes, so with one
 * window for all, 200 wallboards would refetch in the same millisecond after every change, and a feed's
 * batch arriving then would wait behind all of them. Windows of different lengths drift apart after a few
 * messages and spread the refetches over the window, at the cost of at most 125 ms more for a screen.
 */
export function subscriberWindowMs(random: () => number = Math.random): number {
  return Math.floor(COALESCE_WINDOW_MS * (1 + Math.min(Math.max(random(), 0), 0.999) / 2));
}

/**
 * One subscriber's view of the hub: changes for its sites only, coalesced. The first change after a quiet
 * spell leaves at once; changes arriving within the window after a message are merged (union of sites and
 * streams, earliest `from`, latest `to` and `at`) and leave together when the window ends. A slow reader
 * holds one merged change, never a queue.
 */
export class LiveFeed {
  readonly #windowMs: number;
  readonly #siteIds: ReadonlySet<string> | undefined;
  #pending: LiveChange | undefined;
  #lastSentAt = Number.NEGATIVE_INFINITY;
  #wake: (() => void) | undefined;
  #closed = false;

  constructor(options: { siteIds?: readonly string[] | undefined; windowMs?: number } = {}) {
    this.#windowMs = options.windowMs ?? COALESCE_WINDOW_MS;
    this.#siteIds = options.siteIds?.length ? new Set(options.siteIds) : undefined;
  }

  /** Offers a change; ignored when none of the subscriber's sites changed. */
  push(change: LiveChange): void {
    const mine = narrowChange(change, this.#siteIds);
    if (!mine) return;
    this.#pending = this.#pending ? mergeChanges(this.#pending, mine) : mine;
    this.#wake?.();
  }

  close(): void {
    this.#closed = true;
    this.#wake?.();
  }

  /** The next coalesced change, or undefined once the feed is closed or the signal aborts. */
  async next(signal?: AbortSignal): Promise<LiveChange | undefined> {
    while (!this.#closed && !signal?.aborted) {
      if (!this.#pending) {
        await this.#wait(undefined, signal);
        continue;
      }
      const wait = this.#lastSentAt + this.#windowMs - performance.now();
      if (wait > 0) {
        await this.#wait(wait, signal);
        continue;
      }
      const change = this.#pending;
      this.#pending = undefined;
      this.#lastSentAt = performance.now();
      return change;
    }
    return undefined;
  }

  /** Resolves after `ms` (when given), on the next push or close, or when the signal aborts; the caller re-checks. */
  #wait(ms: number | undefined, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      if (ms !== undefined) timer = setTimeout(done, ms);
      this.#wake = done;
      signal?.addEventListener('abort', done);
    });
  }
}
