import type { Db } from '@switchboard/db';
import type { Metrics } from '../metrics.ts';

/** What every procedure sees: the database, this instance's metrics and the caller's headers. */
export interface Context {
  db: Db;
  metrics: Metrics;
  authorization: string | null;
}
