import { pgEnum } from 'drizzle-orm/pg-core';

export const callEventKind = pgEnum('call_event_kind', [
  'offered',
  'answered',
  'abandoned',
  'ended',
  'callback_requested',
  'callback_made',
  'transferred',
]);
export const systemStatusValue = pgEnum('system_status_value', ['up', 'degraded', 'down', 'unknown']);
export const statusSource = pgEnum('status_source', ['heartbeat', 'probe', 'manual']);
