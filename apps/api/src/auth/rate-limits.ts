import { type Database, rateLimits } from '@switchboard/db';
import { RateLimiterDrizzle, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AccessConfig } from './config.ts';

/** A counter per key over a window: in PostgreSQL when the API runs on it (shared by every instance), else in memory. */
export interface Limit {
  /** Spends points; answers the seconds to wait when the key had none left. */
  consume(key: string, points?: number): Promise<{ retryAfterS: number } | null>;
  /** The seconds to wait when the key has no points left, without spending any. */
  blocked(key: string): Promise<{ retryAfterS: number } | null>;
  reset(key: string): Promise<void>;
}

const retryAfter = (res: RateLimiterRes) => ({
  retryAfterS: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
});

function limit(
  database: Pick<Database, 'db' | 'driver'>,
  keyPrefix: string,
  points: number,
  durationS: number,
  where: 'shared' | 'per-instance' = 'shared',
): Limit {
  const limiter =
    database.driver === 'postgres' && where === 'shared'
      ? new RateLimiterDrizzle({
          storeClient: database.db,
          schema: rateLimits,
          keyPrefix,
          points,
          duration: durationS,
        })
      : new RateLimiterMemory({ keyPrefix, points, duration: durationS });
  return {
    async consume(key, spend = 1) {
      try {
        await limiter.consume(key, spend);
        return null;
      } catch (error) {
        if (error instanceof RateLimiterRes) return retryAfter(error);
        throw error;
      }
    },
    async blocked(key) {
      const res = await limiter.get(key);
      return res && res.consumedPoints >= points ? retryAfter(res) : null;
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}

export type Limits = ReturnType<typeof createLimits>;

/**
 * Failed sign-ins per account and per address within a window (then 429 until the window ends), shared
 * by every instance; ingestion requests per feed key per second, per instance; and wallboard pairing
 * requests per address.
 */
export function createLimits(database: Pick<Database, 'db' | 'driver'>, config: AccessConfig) {
  const { maxFailuresPerAccount, maxFailuresPerAddress, windowS } = config.signIn;
  return {
    signInAccount: limit(database, 'signin_account', maxFailuresPerAccount, windowS),
    signInAddress: limit(database, 'signin_address', maxFailuresPerAddress, windowS),
    // Per instance, in memory: a guard of each instance's capacity, and it costs an ingest request no
    // database write (a shared counter committed a row, and waited for its WAL flush, on every request).
    ingest: limit(database, 'ingest_key', config.ingestMaxRequestsPerS, 1, 'per-instance'),
    /** Screens starting to pair, per address per minute, and their polls for approval. */
    pairingStart: limit(database, 'pairing_start', 10, 60),
    pairingClaim: limit(database, 'pairing_claim', 120, 60),
  };
}
