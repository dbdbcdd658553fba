import { READ_LIMITS } from '@switchboard/contracts';
import type { Db } from '@switchboard/db';
import type { Access } from '../auth/access.ts';
import type { Principal } from '../auth/principal.ts';
import type { LiveHub } from '../live/hub.ts';
import type { Metrics } from '../metrics.ts';
import type { DeliveryOptions } from '../services/alerts/deliver.ts';
import type { IngestLookups } from '../services/ingest/lookups.ts';
import type { IngestService } from '../services/ingest/service.ts';
import type { OverviewCache } from '../services/queries/overview-cache.ts';
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
  /** The overview shared by every caller on this instance for up to a second, forgotten on every change. */
  overviewCache: OverviewCache;
  /** Ingestion with its metrics, cache invalidation and live publishing (services/ingest/service.ts). */
  ingest: IngestService;
  /** This instance's remembered keys, sites and systems (services/ingest/lookups.ts). */
  lookups: IngestLookups;
  /** Live subscriptions open on this instance (capped at `settings.maxSubscribers`). */
  subscriptions: { open: number };
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

/**
 * Query settings (from env.ts): when a feed counts as stale, how long a heartbeat holds, the series cache's
 * memory budget and the most live subscribers this instance serves.
 */
export interface QuerySettings {
  staleAfterS: number;
  heartbeatTimeoutS: number;
  seriesCacheMb: number;
  maxSubscribers: number;
  /** How alerts are sent (SMTP server, timeouts, back-off): see services/alerts/deliver.ts. */
  alertDelivery?: DeliveryOptions;
}
export const DEFAULT_SETTINGS: QuerySettings = {
  staleAfterS: 120,
  heartbeatTimeoutS: 90,
  seriesCacheMb: 64,
  maxSubscribers: READ_LIMITS.maxSubscribers,
};
