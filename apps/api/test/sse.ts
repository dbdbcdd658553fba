import type { LiveChange } from '@switchboard/contracts';
import { createTRPCClient, httpSubscriptionLink } from '@trpc/client';
import type { AppRouter } from '../src/trpc/router.ts';

/**
 * A minimal EventSource over fetch, as Node 20 has none: enough for tRPC's `httpSubscriptionLink` (named
 * events, ids, and a reconnection that sends `Last-Event-ID`, as a browser's EventSource does).
 * `drop()` cuts the connection as a network would, so the source reconnects.
 */
export class FetchEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;
  readyState = 0;
  /** Every `Last-Event-ID` this source sent, one entry per connection ('' for none). */
  readonly sentLastEventIds: string[] = [];
  readonly url: string;
  #lastEventId = '';
  #retryMs = 50;
  #controller: AbortController | undefined;

  readonly #headers: Record<string, string>;

  constructor(url: string, init?: { withCredentials?: boolean; headers?: Record<string, string> }) {
    super();
    this.url = url;
    this.#headers = init?.headers ?? {};
    void this.#connect();
  }

  close() {
    this.readyState = this.CLOSED;
    this.#controller?.abort();
  }

  drop() {
    this.#controller?.abort();
  }

  async #connect() {
    if (this.readyState === this.CLOSED) return;
    const controller = new AbortController();
    this.#controller = controller;
    this.readyState = this.CONNECTING;
    try {
      const headers: Record<string, string> = { ...this.#headers, accept: 'text/event-stream' };
      if (this.#lastEventId) headers['last-event-id'] = this.#lastEventId;
      this.sentLastEventIds.push(this.#lastEventId);
      const response = await fetch(this.url, { headers, signal: controller.signal });
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      this.readyState = this.OPEN;
      this.dispatchEvent(new Event('open'));
      await this.#read(response.body);
    } catch {
      // A dropped or refused connection: reconnect below, unless closed.
    }
    if (this.readyState === this.CLOSED) return;
    this.readyState = this.CONNECTING;
    this.dispatchEvent(new Event('error'));
    setTimeout(() => void this.#connect(), this.#retryMs);
  }

  /** Parses the stream as the HTML spec says (fields data, event, id, retry; a blank line dispatches). */
  async #read(body: ReadableStream<Uint8Array>) {
    const decoder = new TextDecoder();
    let buffer = '';
    let data: string[] = [];
    let type = '';
    for await (const chunk of body) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
        const line = buffer.slice(0, end).replace(/\r$/, '');
        buffer = buffer.slice(end + 1);
        if (line === '') {
          if (data.length > 0) {
            const event = new MessageEvent(type || 'message', {
              data: data.join('\n'),
              lastEventId: this.#lastEventId,
            });
            this.dispatchEvent(event);
          }
          data = [];
          type = '';
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') data.push(value);
        else if (field === 'event') type = value;
        else if (field === 'id' && !value.includes('\0')) this.#lastEventId = value;
        else if (field === 'retry' && /^\d+$/.test(value)) this.#retryMs = Number(value);
      }
    }
  }
}

export interface Received {
  id: string;
  change: LiveChange;
  /** performance.now() when it arrived. */
  receivedAt: number;
}

export interface LiveSubscription {
  received: Received[];
  /** Errors the subscription ended with (e.g. UNAUTHORIZED once its principal is revoked). */
  errors: unknown[];
  /** The EventSource of this subscription (to drop its connection). */
  source(): FetchEventSource;
  /** Resolves with the first message after `index` that arrives, or rejects after `ms`. */
  next(index?: number, ms?: number): Promise<Received>;
  close(): void;
}

/** Subscribes to `live.changes` over real HTTP SSE through tRPC's own client; resolves once connected. */
export async function subscribeLive(
  apiUrl: string,
  input: { siteIds?: string[]; lastEventId?: string } | undefined,
  /** Who subscribes: a session cookie or a display token (the harness's `api.as.…`). */
  headers: Record<string, string>,
  /** Subscribers the server's hub has (in-process APIs): the subscription is ready once it grows by one. */
  serverSubscribers?: () => number,
): Promise<LiveSubscription> {
  const before = serverSubscribers?.();
  const sources: FetchEventSource[] = [];
  class Source extends FetchEventSource {
    constructor(url: string, init?: { withCredentials?: boolean }) {
      super(url, { ...init, headers });
      sources.push(this);
    }
  }
  const client = createTRPCClient<AppRouter>({
    links: [httpSubscriptionLink({ url: `${apiUrl}/trpc`, EventSource: Source })],
  });
  const received: Received[] = [];
  const waiters = new Set<() => void>();
  let started!: () => void;
  let failed!: (error: unknown) => void;
  const errors: unknown[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    started = resolve;
    failed = reject;
  });
  const subscription = client.live.changes.subscribe(input, {
    onStarted: () => started(),
    onData: ({ id, data }) => {
      received.push({ id, change: data, receivedAt: performance.now() });
      for (const wake of waiters) wake();
    },
    onError: (error) => {
      errors.push(error);
      failed(error);
      for (const wake of waiters) wake();
    },
  });
  await ready;
  // The server subscribes to its hub as the stream starts, just after the client hears it started.
  if (serverSubscribers && before !== undefined) {
    await until('the server to subscribe to its hub', () => serverSubscribers() > before);
  } else {
    // A server in another process: nothing to observe, so leave it a moment (cross-instance tests only).
    await sleep(50);
  }
  return {
    received,
    errors,
    source: () => {
      const source = sources.at(-1);
      if (!source) throw new Error('no EventSource yet');
      return source;
    },
    next(index = received.length, ms = WAIT_MS) {
      return new Promise<Received>((resolve, reject) => {
        const check = () => {
          const message = received[index];
          if (!message) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(message);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no live change #${index + 1} within ${ms} ms`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
    close: () => subscription.unsubscribe(),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a test waits for a condition before it fails: a hang guard, not a performance claim. */
export const WAIT_MS = 30_000;

/** Resolves once `condition` holds, polling; rejects after WAIT_MS. */
export async function until(what: string, condition: () => boolean): Promise<void> {
  const end = Date.now() + WAIT_MS;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
