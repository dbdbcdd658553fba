import { randomUUID } from 'node:crypto';
import type { LiveChange } from '@switchboard/contracts';
import type { Database } from '@switchboard/db';
import { catchUpChange, decodeChange, encodeChange, mergeChanges } from './change.ts';

export type LiveListener = (change: LiveChange) => void;

/**
 * Carries "this data changed" from whichever instance committed it to every subscriber of every instance.
 * Each change reaches each listener once, including listeners on the instance that published it.
 */
export interface LiveHub {
  /** `memory`: one process (PGlite). `notify`: every instance on one PostgreSQL, through LISTEN/NOTIFY. */
  readonly kind: 'memory' | 'notify';
  /** Announces a committed change. Never rejects: a failure is logged, the data is stored regardless. */
  publish(change: LiveChange): Promise<void>;
  /** Calls `listener` for every change; returns the function that stops it. */
  subscribe(listener: LiveListener): () => void;
  /** How many listeners this instance has now. */
  subscribers(): number;
  /** Resolves once changes from other instances can arrive (LISTEN is active); rejects if it could not start. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Waits before each further NOTIFY attempt of a change; `undefined` ends the attempts. */
const NOTIFY_RETRY_MS = [100, 300, 600, undefined] as const;

/** The one PostgreSQL channel every instance listens on. */
export const LIVE_CHANNEL = 'switchboard_live';

export interface LiveHubOptions {
  channel?: string;
  /** Changes published within this window are sent as one NOTIFY (the first after a quiet spell at once). */
  publishWindowMs?: number;
  /** How often the instance checks, with a NOTIFY to itself, that its LISTEN connection still hears. */
  heartbeatMs?: number;
}

/** The hub for this database: LISTEN/NOTIFY on PostgreSQL, an in-process emitter on PGlite. */
export function createLiveHub(
  database: Pick<Database, 'driver'> & Partial<Pick<Database, 'pg'>>,
  options: LiveHubOptions = {},
): LiveHub {
  if (database.driver === 'postgres' && database.pg) return createNotifyHub(database.pg, options);
  return createMemoryHub();
}

const log = (message: string, error?: unknown) =>
  console.error(`[live] ${message}`, error instanceof Error ? error.message : (error ?? ''));

/** The listeners of one instance. */
class Listeners {
  readonly #set = new Set<LiveListener>();
  add(listener: LiveListener): () => void {
    // Wrapped, so the same function subscribed twice is two subscriptions.
    const entry: LiveListener = (change) => listener(change);
    this.#set.add(entry);
    return () => this.#set.delete(entry);
  }
  emit(change: LiveChange) {
    for (const listener of this.#set) {
      try {
        listener(change);
      } catch (error) {
        log('a listener failed', error);
      }
    }
  }
  get size() {
    return this.#set.size;
  }
  clear() {
    this.#set.clear();
  }
}

/** PGlite: the API is the only process on the data folder, so an in-process emitter reaches everyone. */
function createMemoryHub(): LiveHub {
  const listeners = new Listeners();
  return {
    kind: 'memory',
    async publish(change) {
      listeners.emit(change);
    },
    subscribe: (listener) => listeners.add(listener),
    subscribers: () => listeners.size,
    ready: async () => {},
    async close() {
      listeners.clear();
    },
  };
}

/**
 * PostgreSQL: every instance LISTENs on one channel and publishes with NOTIFY. A local publish is delivered
 * only through the NOTIFY round trip, so it reaches local listeners once, in the same order as everyone
 * else's. NOTIFY is delivered only after the publishing transaction commits; ours are sent after the ingest
 * committed. Payloads stay far below NOTIFY's 8000-byte limit (see `encodeChange`).
 *
 * If the LISTEN connection drops, postgres.js reconnects and listens again; as notifications sent meanwhile
 * are lost, local listeners then get a catch-up change ("anything may have changed"). A self-addressed
 * heartbeat (every 5 s) catches the case where that reconnection itself failed — the server was still
 * restarting, and postgres.js does not try again — and listens afresh, with back-off, until it hears.
 */
function createNotifyHub(pg: NonNullable<Database['pg']>, options: LiveHubOptions): LiveHub {
  const channel = options.channel ?? LIVE_CHANNEL;
  const publishWindowMs = options.publishWindowMs ?? 50;
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  const instance = randomUUID();
  const heartbeatPrefix = `hb:${instance}:`;
  const listeners = new Listeners();

  let closed = false;
  /** Bumped for each LISTEN we start; notifications reaching an older registration are ignored. */
  let generation = 0;
  let heard = false;
  let unlisten: (() => Promise<void>) | undefined;
  let heartbeatSent = 0;
  let heartbeatHeard = 0;

  function listen(): Promise<void> {
    const mine = ++generation;
    let first = true;
    const onNotify = (payload: string) => {
      if (closed || mine !== generation) return;
      if (payload.startsWith(heartbeatPrefix)) {
        heartbeatHeard = Math.max(heartbeatHeard, Number(payload.slice(heartbeatPrefix.length)));
        return;
      }
      if (payload.startsWith('hb:')) return;
      const change = decodeChange(payload);
      if (change) listeners.emit(change);
      else log(`ignored a malformed notification on ${channel}`);
    };
    const onListen = () => {
      if (closed || mine !== generation) return;
      heard = true;
      // The first LISTEN of the hub misses nothing; any later one (a reconnection) may have.
      if (!first || mine > 1) listeners.emit(catchUpChange());
      first = false;
    };
    return pg.listen(channel, onNotify, onListen).then((meta) => {
      unlisten = meta.unlisten;
    });
  }

  const started = listen();
  started.catch((error) => log(`could not LISTEN on ${channel}`, error));

  /** Listens afresh; while that fails (the server is still away) tries again, waiting 250 ms doubling to 5 s. */
  let relistening = false;
  async function relisten() {
    if (relistening) return;
    relistening = true;
    try {
      for (let wait = 250; !closed; wait = Math.min(wait * 2, 5_000)) {
        heard = false;
        const previous = unlisten;
        unlisten = undefined;
        await previous?.().catch(() => {});
        try {
          await listen();
          return;
        } catch (error) {
          log(`could not LISTEN again on ${channel}; trying again in ${wait} ms`, error);
          await new Promise((resolve) => setTimeout(resolve, wait).unref());
        }
      }
    } finally {
      relistening = false;
    }
  }

  const heartbeat = setInterval(() => {
    if (closed) return;
    if (!heard || heartbeatHeard < heartbeatSent) {
      log(`no heartbeat heard on ${channel}; listening again`);
      void relisten();
    }
    heartbeatSent += 1;
    pg.notify(channel, `${heartbeatPrefix}${heartbeatSent}`).catch((error) =>
      log('could not send a heartbeat', error),
    );
  }, heartbeatMs);
  heartbeat.unref();

  let pending: LiveChange | undefined;
  let scheduled: Promise<void> | undefined;
  let sending: Promise<void> | undefined;
  let lastSentAt = Number.NEGATIVE_INFINITY;

  /**
   * A pooled connection may have died with the server (a restart) and only fail when used: the change is
   * sent again on another connection, up to four attempts over about a second (a repeated change costs
   * subscribers one refetch; a lost one leaves their screens behind).
   */
  async function notifyWithRetry(payload: string): Promise<void> {
    for (const wait of NOTIFY_RETRY_MS) {
      try {
        await pg.notify(channel, payload);
        return;
      } catch (error) {
        if (wait === undefined || closed) return log(`could not NOTIFY ${channel}`, error);
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  async function send() {
    const merged = pending;
    pending = undefined;
    scheduled = undefined;
    lastSentAt = performance.now();
    if (!merged) return;
    sending = notifyWithRetry(encodeChange(merged));
    await sending;
  }

  return {
    kind: 'notify',
    publish(change) {
      if (closed) return Promise.resolve();
      pending = pending ? mergeChanges(pending, change) : change;
      if (!scheduled) {
        const wait = lastSentAt + publishWindowMs - performance.now();
        const start =
          wait > 0 ? new Promise<void>((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
        scheduled = start.then(send);
      }
      return scheduled;
    },
    subscribe: (listener) => listeners.add(listener),
    subscribers: () => listeners.size,
    ready: () => started,
    async close() {
      if (closed) return;
      await scheduled;
      await sending;
      closed = true;
      clearInterval(heartbeat);
      listeners.clear();
      await started.catch(() => {});
      await unlisten?.().catch(() => {});
    },
  };
}
