import type { CallEvent } from '@switchboard/contracts';

/**
 * Deterministic call events shaped like an ACD feed: each call is offered, then answered (or abandoned),
 * then ended, spread over the last few hours across the given sites.
 */
export function generateEvents(count: number, siteIds: string[], prefix = 'b'): CallEvent[] {
  const events: CallEvent[] = [];
  const start = Date.now() - 6 * 3_600_000;
  let call = 0;
  while (events.length < count) {
    const siteId = siteIds[call % siteIds.length] ?? 'site-00';
    const offeredAt = start + call * 97;
    const waitMs = (call * 7919) % 180_000;
    const callId = `${prefix}-${call}`;
    const abandoned = call % 17 === 0;
    events.push({ siteId, callId, kind: 'offered', at: new Date(offeredAt).toISOString(), queue: 'main' });
    events.push({
      siteId,
      callId,
      kind: abandoned ? 'abandoned' : 'answered',
      at: new Date(offeredAt + waitMs).toISOString(),
      waitMs,
      queue: 'main',
      ...(abandoned ? {} : { agentId: `agent-${call % 60}` }),
    });
    if (!abandoned) {
      events.push({
        siteId,
        callId,
        kind: 'ended',
        at: new Date(offeredAt + waitMs + 480_000).toISOString(),
        queue: 'main',
      });
    }
    call++;
  }
  return events.slice(0, count);
}

/** The same events as COPY text rows for call_events (site_id, call_id, kind, at, wait_ms, queue, agent_id). */
export function copyRows(events: CallEvent[]): string {
  return events
    .map((e) =>
      [e.siteId, e.callId, e.kind, e.at, e.waitMs ?? '\\N', e.queue ?? 'default', e.agentId ?? '\\N'].join(
        '\t',
      ),
    )
    .join('\n')
    .concat('\n');
}
