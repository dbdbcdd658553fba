import type { Db } from '@switchboard/db';
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
}

/** Query thresholds (from env.ts): when a feed counts as stale, how long a heartbeat holds. */
export interface QuerySettings {
  staleAfterS: number;
  heartbeatTimeoutS: number;
}
export const DEFAULT_SETTINGS: QuerySettings = { staleAfterS: 120, heartbeatTimeoutS: 90 };
