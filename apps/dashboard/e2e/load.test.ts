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
    const seconds = 60;
    const callsPerSecond = (10 * 10_000) / 3600;
    const result = await runLoad({
      backend,
      seconds,
      instances: backend === 'postgres' ? 2 : 1,
      subscribers: 200,
      callsPerSecond,
    });
    expect(result.errorSamples).toEqual([]);
    expect(result.ingest.errors).toBe(0);
    expect(result.live.errors).toBe(0);
    expect(result.live.refetchErrors).toBe(0);
    // About 2.9 events a call (one in twenty is abandoned: two events, not three); the feed may fall a little
    // behind on a loaded machine, never far.
    expect(result.ingest.eventsAcked).toBeGreaterThan(0.8 * seconds * callsPerSecond * 2.9);
    expect(result.stored).toBe(result.ingest.eventsAcked);
    expect(result.live.changes).toBeGreaterThan(0);
  }, 240_000);
});
