import { callEventsInput, queueSnapshotsInput, systemStatusInput } from '@switchboard/contracts';
import type { TRPCRouterRecord } from '@trpc/server';
import type { Stream } from '../../metrics.ts';
import { ingestCallEvents } from '../../services/ingest/call-events.ts';
import { ingestQueueSnapshots } from '../../services/ingest/queue-snapshots.ts';
import { ingestSystemStatus } from '../../services/ingest/system-status.ts';
import type { Context } from '../context.ts';
import { feedProcedure } from '../init.ts';

/** Times a batch and counts what it stored; rejected batches are counted by the HTTP layer. */
async function measured<T extends { accepted: number; duplicates: number }>(
  ctx: Context,
  stream: Stream,
  store: () => Promise<T>,
): Promise<T> {
  const stop = ctx.metrics.batchSeconds.startTimer({ stream });
  const result = await store();
  stop();
  ctx.metrics.accepted.inc({ stream }, result.accepted);
  ctx.metrics.duplicates.inc({ stream }, result.duplicates);
  return result;
}

/** Ingestion contract v1: one procedure per stream, each answering `{ accepted, duplicates }`. */
export const ingestRouter = {
  callEvents: feedProcedure
    .input(callEventsInput)
    .mutation(({ ctx, input }) =>
      measured(ctx, 'call_events', () => ingestCallEvents(ctx.db, ctx.key, input.events)),
    ),
  queueSnapshots: feedProcedure
    .input(queueSnapshotsInput)
    .mutation(({ ctx, input }) =>
      measured(ctx, 'queue_snapshots', () => ingestQueueSnapshots(ctx.db, ctx.key, input.snapshots)),
    ),
  systemStatus: feedProcedure
    .input(systemStatusInput)
    .mutation(({ ctx, input }) =>
      measured(ctx, 'system_status', () => ingestSystemStatus(ctx.db, ctx.key, input.statuses)),
    ),
} satisfies TRPCRouterRecord;
