import type {
  CallEventsInput,
  IngestResult,
  QueueSnapshotsInput,
  SystemStatusInput,
} from '@switchboard/contracts';
import type { Db } from '@switchboard/db';
import { changeOfBatch, type LiveStream } from '../../live/change.ts';
import type { LiveHub } from '../../live/hub.ts';
import type { Metrics, Stream } from '../../metrics.ts';
import type { FeedKey } from '../keys.ts';
import type { SeriesCache } from '../queries/series-cache.ts';
import { ingestCallEvents } from './call-events.ts';
import type { IngestLookups } from './lookups.ts';
import { ingestQueueSnapshots } from './queue-snapshots.ts';
import { ingestSystemStatus } from './system-status.ts';

/** What ingestion needs, passed in by the app (tests and benchmarks pass their own). */
export interface IngestDeps {
  db: Db;
  metrics: Pick<Metrics, 'accepted' | 'duplicates' | 'batchSeconds'>;
  seriesCache: Pick<SeriesCache, 'invalidate'>;
  live: Pick<LiveHub, 'publish'>;
  lookups: IngestLookups;
  /** HEARTBEAT_TIMEOUT_S: the hold of a stream without its own expectation (repeated heartbeats fold within it). */
  heartbeatTimeoutS: number;
}

const LIVE_STREAMS = {
  call_events: 'calls',
  queue_snapshots: 'queue',
  system_status: 'status',
} as const satisfies Record<Stream, LiveStream>;

/**
 * Ingestion with its orchestration: each batch is timed and its stored and duplicate items counted
 * (rejected batches are counted by the HTTP layer). Once a batch has committed and stored anything, this
 * instance's series cache forgets what it touched, and live subscribers (on every instance, through the
 * hub, not waited for) hear which sites and instants changed: the whole batch's span, as the stores count
 * rather than list what was new.
 */
export function createIngestService(deps: IngestDeps) {
  const { db, lookups } = deps;
  async function measured(
    stream: Stream,
    items: Parameters<typeof changeOfBatch>[1],
    store: () => Promise<IngestResult>,
  ): Promise<IngestResult> {
    const stop = deps.metrics.batchSeconds.startTimer({ stream });
    const result = await store();
    stop();
    deps.metrics.accepted.inc({ stream }, result.accepted);
    deps.metrics.duplicates.inc({ stream }, result.duplicates);
    const change = changeOfBatch(LIVE_STREAMS[stream], items, result.accepted);
    if (change) {
      deps.seriesCache.invalidate(change);
      void deps.live.publish(change);
    }
    return result;
  }
  return {
    callEvents: (key: FeedKey, input: CallEventsInput) =>
      measured('call_events', input.events, () => ingestCallEvents(db, key, input.events, { lookups })),
    queueSnapshots: (key: FeedKey, input: QueueSnapshotsInput) =>
      measured('queue_snapshots', input.snapshots, () =>
        ingestQueueSnapshots(db, key, input.snapshots, { lookups }),
      ),
    systemStatus: (key: FeedKey, input: SystemStatusInput) =>
      measured('system_status', input.statuses, () =>
        ingestSystemStatus(db, key, input.statuses, { lookups, heartbeatTimeoutS: deps.heartbeatTimeoutS }),
      ),
  };
}
export type IngestService = ReturnType<typeof createIngestService>;
