import {
  type CallEvent,
  type IngestResult,
  LIMITS,
  type QueueSnapshot,
  type SystemStatusReport,
} from '@switchboard/contracts';

/** The ingestion procedures, what each takes, and the key of its body. */
export interface Feeds {
  callEvents: CallEvent;
  queueSnapshots: QueueSnapshot;
  systemStatus: SystemStatusReport;
}
export type Feed = keyof Feeds;

const BODY_KEY: Record<Feed, string> = {
  callEvents: 'events',
  queueSnapshots: 'snapshots',
  systemStatus: 'statuses',
};

/** The API refused a batch (4xx): retrying the same request would not help. */
export class IngestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'IngestError';
  }
}

export interface PostOptions {
  /** Attempts per chunk on network errors, 5xx and 429 (default 6). */
  attempts?: number;
  /** First backoff delay, doubled each retry up to 10 s (default 250 ms). */
  backoffMs?: number;
  /** Items per request (default and maximum LIMITS.maxBatch = 5,000). */
  chunkSize?: number;
  signal?: AbortSignal;
}

/**
 * Posts items to `${apiUrl}/trpc/ingest.<feed>` in chunks of at most 5,000, retrying network errors and 5xx
 * with exponential backoff (safe: ingestion is idempotent), and throwing IngestError on 4xx with the API's
 * message. Returns the summed counts.
 */
export async function postBatch<F extends Feed>(
  apiUrl: string,
  key: string,
  feed: F,
  items: readonly Feeds[F][],
  opts: PostOptions = {},
): Promise<IngestResult> {
  const size = Math.min(opts.chunkSize ?? LIMITS.maxBatch, LIMITS.maxBatch);
  const total: IngestResult = { accepted: 0, duplicates: 0 };
  const url = `${apiUrl.replace(/\/+$/, '')}/trpc/ingest.${feed}`;
  for (let i = 0; i < items.length; i += size) {
    const body = JSON.stringify({ [BODY_KEY[feed]]: items.slice(i, i + size) });
    const result = await postWithRetry(url, key, body, opts);
    total.accepted += result.accepted;
    total.duplicates += result.duplicates;
  }
  return total;
}

async function postWithRetry(
  url: string,
  key: string,
  body: string,
  opts: PostOptions,
): Promise<IngestResult> {
  const attempts = Math.max(1, opts.attempts ?? 6);
  let delay = opts.backoffMs ?? 250;
  for (let attempt = 1; ; attempt++) {
    let failure: string;
    try {
      const init: RequestInit = {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body,
      };
      if (opts.signal) init.signal = opts.signal;
      const response = await fetch(url, init);
      const text = await response.text();
      if (response.ok) return parseResult(text);
      const { message, code } = parseError(text, response.status);
      if (response.status < 500 && response.status !== 429)
        throw new IngestError(message, response.status, code);
      failure = `HTTP ${response.status}: ${message}`;
    } catch (error) {
      if (error instanceof IngestError || opts.signal?.aborted) throw error;
      failure = error instanceof Error ? `${error.message}${causeOf(error)}` : String(error);
    }
    if (attempt >= attempts) throw new Error(`POST ${url} failed after ${attempt} attempts: ${failure}`);
    await sleep(delay * (0.75 + Math.random() / 2), opts.signal);
    delay = Math.min(delay * 2, 10_000);
  }
}

function parseResult(text: string): IngestResult {
  const json = JSON.parse(text) as { result?: { data?: unknown } };
  const data = json.result?.data as { accepted?: unknown; duplicates?: unknown } | undefined;
  if (typeof data?.accepted !== 'number' || typeof data.duplicates !== 'number') {
    throw new Error(`unexpected ingest answer: ${text.slice(0, 200)}`);
  }
  return { accepted: data.accepted, duplicates: data.duplicates };
}

function parseError(text: string, status: number): { message: string; code: string | undefined } {
  try {
    type ErrorShape = { message?: unknown; code?: unknown; data?: { code?: unknown } };
    const error = (JSON.parse(text) as { error?: ErrorShape }).error;
    if (typeof error?.message === 'string') {
      const code = typeof error.data?.code === 'string' ? error.data.code : error.code;
      return { message: error.message, code: code === undefined ? undefined : String(code) };
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return { message: text.slice(0, 500) || `HTTP ${status}`, code: undefined };
}

function causeOf(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? ` (${cause.message})` : '';
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
