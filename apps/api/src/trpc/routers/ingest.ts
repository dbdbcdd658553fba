import { callEventsInput, queueSnapshotsInput, systemStatusInput } from '@switchboard/contracts';
import type { TRPCRouterRecord } from '@trpc/server';
import { changeOfBatch, type LiveStream } from '../../live/change.ts';
import type { Stream } from '../../metrics.ts';
import { ingestCallEvents } from '../../services/ingest/call-events.ts';
import { ingestQueueSnapshots } from '../../services/ingest/queue-snapshots.ts';
import { ingestSystemStatus } from '../../services/ingest/system-status.ts';
import type { Context } from '../context.ts';
import { feedProcedure } from '../init.ts';

const LIVE_STREAMS = {
  call_events: 'calls',
  queue_snapshots: 'queue',
  system_status: 'status',
} as const satisfies Record<Stream, LiveStream>;

/**
 * Times a batch and counts what it stored; rejected batches are counted by the HTTP layer. Once the batch
 * has committed and stored anything, tells live subscribers (without waiting for them) which sites and
 * instants it touched: the whole batch's span, as the services count rather than list what was new.
 */
async function measured<T extends { accepted: number; duplicates: number }>(
  ctx: Context,
  stream: Stream,
  items: Parameters<typeof changeOfBatch>[1],
  store: () => Promise<T>,
): Promise<T> {
  const stop = ctx.metrics.batchSeconds.startTimer({ stream });
  const result = await store();
  stop();
  ctx.metrics.accepted.inc({ stream }, result.accepted);
  ctx.metrics.duplicates.inc({ stream }, result.duplicates);
  const change = changeOfBatch(LIVE_STREAMS[stream], items, result.accepted);
  if (change) {
    // This instance's cache forgets at once; other instances' caches when the hub brings them the change.
    ctx.seriesCache.invalidate(change);
    void ctx.live.publish(change);
  }
  return result;
}

/** Ingestion contract v1: one procedure per stream, each answering `{ accepted, duplicates }`. */
export const ingestRouter = {
  callEvents: feedProcedure
    .input(callEventsInput)
    .mutation(({ ctx, input }) =>
      measured(ctx, 'call_events', input.events, () => ingestCallEvents(ctx.db, ctx.key, input.events)),
    ),
  queueSnapshots: feedProcedure
    .input(queueSnapshotsInput)
    .mutation(({ ctx, input }) =>
      measured(ctx, 'queue_snapshots', input.snapshots, () =>
        ingestQueueSnapshots(ctx.db, ctx.key, input.snapshots),
      ),
    ),
  systemStatus: feedProcedure
    .input(systemStatusInput)
    .mutation(({ ctx, input }) =>
      measured(ctx, 'system_status', input.statuses, () =>
        ingestSystemStatus(ctx.db, ctx.key, input.statuses),
      ),
    ),
} satisfies TRPCRouterRecord;
