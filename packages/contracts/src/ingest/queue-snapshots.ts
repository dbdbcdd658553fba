import { z } from 'zod';
import { batchOf, countField, durationMsField, idField, instantField } from '../fields.ts';

export const queueSnapshotSchema = z.strictObject({
  siteId: idField('siteId'),
  queue: idField('queue'),
  at: instantField,
  callsWaiting: countField,
  longestWaitMs: durationMsField,
  agentsAvailable: countField,
  agentsOnCall: countField,
  agentsWrapUp: countField,
});
export type QueueSnapshot = z.infer<typeof queueSnapshotSchema>;

export const queueSnapshotsInput = z.strictObject({ snapshots: batchOf(queueSnapshotSchema, 'snapshots') });
export type QueueSnapshotsInput = z.infer<typeof queueSnapshotsInput>;
