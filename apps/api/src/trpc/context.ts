import type { Db } from '@switchboard/db';
import type { Access } from '../auth/access.ts';
import type { Principal } from '../auth/principal.ts';
import type { LiveHub } from '../live/hub.ts';
import type { Metrics } from '../metrics.ts';
import type { SeriesCache } from '../services/queries/series-cache.ts';

/** What every procedure sees: the database, this instance's metrics and the caller's headers. */
export interface Context {
  db: Db;
  metrics: Metrics;
  authorization: string | null;
  settings: QuerySettings;
  /** This instance's live hub: ingestion publishes to it, `live.changes` subscribes. */
  live: LiveHub;
  /** This instance's series points, emptied by every change ingestion makes (see series-cache.ts). */
  seriesCache: SeriesCache;
  /** better-auth, rate limits, and who sent a request. */
  access: Access;
  /** Who sent this request (resolved once, on first use); `authorize` in init.ts puts it in `principal`. */
  whoIs: () => Promise<Principal | null>;
  /** Asks again, bypassing the memo: live streams re-check so a revoked principal's stream ends. */
  recheck: () => Promise<Principal | null>;
  /** The client's address (see auth/address.ts), for the audit log and rate limits. */
  address: string | null;
  /** Headers of the response (Retry-After on 429). */
  resHeaders: Headers;
}

/** Query thresholds (from env.ts): when a feed counts as stale, how long a heartbeat holds. */
export interface QuerySettings {
  staleAfterS: number;
  heartbeatTimeoutS: number;
}
export const DEFAULT_SETTINGS: QuerySettings = { staleAfterS: 120, heartbeatTimeoutS: 90 };
