import { describe, expect, it } from 'vitest';
import { serverFigures } from '../bench/server-metrics.ts';

const TEXT = `# HELP switchboard_ingest_batch_seconds Time to validate and store one ingestion batch
# TYPE switchboard_ingest_batch_seconds histogram
switchboard_ingest_batch_seconds_bucket{le="0.025",stream="queue_snapshots"} 3
switchboard_ingest_batch_seconds_bucket{le="0.05",stream="queue_snapshots"} 4
switchboard_ingest_batch_seconds_bucket{le="+Inf",stream="queue_snapshots"} 5
switchboard_ingest_batch_seconds_bucket{le="0.025",stream="call_events"} 425
switchboard_ingest_batch_seconds_bucket{le="0.05",stream="call_events"} 441
switchboard_ingest_batch_seconds_bucket{le="+Inf",stream="call_events"} 445
switchboard_nodejs_eventloop_lag_max_seconds 0.273678335
switchboard_nodejs_eventloop_lag_p99_seconds 0.023216127
switchboard_nodejs_gc_duration_seconds_sum{kind="major"} 0.11669789100019261
switchboard_nodejs_gc_duration_seconds_sum{kind="minor"} 3.3396038869973297
switchboard_nodejs_gc_duration_seconds_count{kind="minor"} 342
`;

describe('the load benchmark’s server-side figures', () => {
  it('reads the call-event batches, the event-loop delay and the scavenges', () => {
    const figures = serverFigures(TEXT);
    expect(figures).toMatchObject({ batches: 445, within25ms: 425, within50ms: 441, minorGcs: 342 });
    expect(figures.loopLagP99Ms).toBeCloseTo(23.216, 3);
    expect(figures.loopLagMaxMs).toBeCloseTo(273.678, 3);
    expect(figures.minorGcMs).toBeCloseTo(3339.6, 1);
  });

  it('says NaN for what the text does not hold', () => {
    const figures = serverFigures('switchboard_nodejs_eventloop_lag_p99_seconds_other 1\n');
    expect(figures.batches).toBeNaN();
    expect(figures.loopLagP99Ms).toBeNaN();
  });
});
