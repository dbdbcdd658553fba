import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export type Stream = 'call_events' | 'queue_snapshots' | 'system_status';

/** Prometheus metrics of one API instance (its own registry, so tests can run several apps). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'switchboard_' });
  const accepted = new Counter({
    name: 'switchboard_ingest_accepted_total',
    help: 'Items stored by ingestion',
    labelNames: ['stream'] as const,
    registers: [registry],
  });
  const duplicates = new Counter({
    name: 'switchboard_ingest_duplicates_total',
    help: 'Items received again and not stored twice',
    labelNames: ['stream'] as const,
    registers: [registry],
  });
  const rejected = new Counter({
    name: 'switchboard_ingest_rejected_total',
    help: 'Requests refused, by reason',
    labelNames: ['path', 'reason'] as const,
    registers: [registry],
  });
  const batchSeconds = new Histogram({
    name: 'switchboard_ingest_batch_seconds',
    help: 'Time to validate and store one ingestion batch',
    labelNames: ['stream'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return { registry, accepted, duplicates, rejected, batchSeconds };
}
export type Metrics = ReturnType<typeof createMetrics>;
