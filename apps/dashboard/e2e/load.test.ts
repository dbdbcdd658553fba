import { describe, expect, it } from 'vitest';
import { runLoad } from '../bench/load-run.ts';

/**
 * The CI version of the load benchmark (bench/load.ts): 60 s at 10× the national peak with 200 live
 * subscribers. It asserts what must hold on any machine — no errors, nothing acknowledged is lost — and
 * leaves the timing figures to the benchmark. Two instances of each on PostgreSQL (TEST_DATABASE_URL), one
 * of each on the embedded database otherwise.
 */
const backend = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

describe(`the product under load (${backend})`, () => {
  it('answers every ingest and live refetch, and stores every acknowledged event once', async () => {
    const result = await runLoad({
      backend,
      seconds: 60,
      instances: backend === 'postgres' ? 2 : 1,
      subscribers: 200,
      callsPerSecond: (10 * 10_000) / 3600,
    });
    expect(result.errorSamples).toEqual([]);
    expect(result.ingest.errors).toBe(0);
    expect(result.live.errors).toBe(0);
    expect(result.live.refetchErrors).toBe(0);
    expect(result.ingest.eventsAcked).toBeGreaterThan(10_000);
    expect(result.stored).toBe(result.ingest.eventsAcked);
    expect(result.live.changes).toBeGreaterThan(0);
  }, 240_000);
});
