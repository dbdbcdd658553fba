import { callEventsInput, queueSnapshotsInput, systemStatusInput } from '@switchboard/contracts';
import type { TRPCRouterRecord } from '@trpc/server';
import { feedProcedure } from '../init.ts';

/**
 * Ingestion contract v1: one procedure per stream, each answering `{ accepted, duplicates }`. Never batched
 * over HTTP (app.ts refuses it): one batch is one request, stored all or nothing.
 */
export const ingestRouter = {
  callEvents: feedProcedure
    .input(callEventsInput)
    .mutation(({ ctx, input }) => ctx.ingest.callEvents(ctx.key, input)),
  queueSnapshots: feedProcedure
    .input(queueSnapshotsInput)
    .mutation(({ ctx, input }) => ctx.ingest.queueSnapshots(ctx.key, input)),
  systemStatus: feedProcedure
    .input(systemStatusInput)
    .mutation(({ ctx, input }) => ctx.ingest.systemStatus(ctx.key, input)),
} satisfies TRPCRouterRecord;
