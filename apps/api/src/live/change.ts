import { LIMITS, type LiveChange } from '@switchboard/contracts';

export type LiveStream = LiveChange['streams'][number];
const STREAM_ORDER: readonly LiveStream[] = ['calls', 'queue', 'status', 'incidents'];

// An empty `siteIds` means "any site may have changed": a national system status, a catch-up after a
// reconnect, or more sites than fit in one NOTIFY. Clients treat it as a change to every site.

/** The earlier or later of two instants, as an ISO string. */
const earlier = (a: string, b: string) => new Date(Math.min(Date.parse(a), Date.parse(b))).toISOString();
const later = (a: string, b: string) => new Date(Math.max(Date.parse(a), Date.parse(b))).toISOString();

/**
 * Joins two changes: union of sites (all sites wins) and streams, earliest `from`, latest `to` and `at`
 * (compared as instants, written in ISO form).
 */
export function mergeChanges(a: LiveChange, b: LiveChange): LiveChange {
  const streams = new Set([...a.streams, ...b.streams]);
  return {
    siteIds:
      a.siteIds.length === 0 || b.siteIds.length === 0
        ? []
        : [...new Set([...a.siteIds, ...b.siteIds])].sort(),
    streams: STREAM_ORDER.filter((s) => streams.has(s)),
    from: earlier(a.from, b.from),
    to: later(a.to, b.to),
    at: later(a.at, b.at),
  };
}

/**
 * The part of a change a subscriber asked for: undefined when none of its sites changed. An all-sites
 * change is narrowed to the subscriber's own sites, so a filtered subscriber always sees its sites named.
 */
export function narrowChange(
  change: LiveChange,
  siteIds: ReadonlySet<string> | undefined,
): LiveChange | undefined {
  if (!siteIds) return change;
  if (change.siteIds.length === 0) return { ...change, siteIds: [...siteIds].sort() };
  const mine = change.siteIds.filter((id) => siteIds.has(id));
  return mine.length === 0 ? undefined : { ...change, siteIds: mine };
}

/**
 * "Something may have changed anywhere": what a subscriber that reconnects gets first, since missed
 * changes are not kept. It spans every instant the ingestion contract accepts, so every window refetches.
 */
export function catchUpChange(now = new Date()): LiveChange {
  return {
    siteIds: [],
    streams: [...STREAM_ORDER],
    from: new Date(LIMITS.earliestAt).toISOString(),
    to: new Date(now.getTime() + LIMITS.maxFutureSkewMs).toISOString(),
    at: now.toISOString(),
  };
}

/** The largest NOTIFY payload we send; PostgreSQL refuses 8000 bytes and more. */
export const MAX_PAYLOAD_BYTES = 7_000;

/** A change as a NOTIFY payload, widened to all sites when its site list would not fit. */
export function encodeChange(change: LiveChange): string {
  const payload = JSON.stringify(change);
  if (Buffer.byteLength(payload) <= MAX_PAYLOAD_BYTES) return payload;
  return JSON.stringify({ ...change, siteIds: [] });
}

const isoString = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));

/** Parses a NOTIFY payload; undefined for anything that is not a well-formed change. */
export function decodeChange(payload: string): LiveChange | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    // Equivalent mutant: an empty catch leaves `value` undefined, which the next line refuses.
    return undefined;
  }
  // Equivalent mutant: without the typeof test a number, string or boolean still has no `siteIds` list.
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (!Array.isArray(v.siteIds) || !v.siteIds.every((id) => typeof id === 'string')) return undefined;
  if (!Array.isArray(v.streams) || !v.streams.every((s) => STREAM_ORDER.includes(s as LiveStream)))
    return undefined;
  if (!isoString(v.from) || !isoString(v.to) || !isoString(v.at)) return undefined;
  return {
    siteIds: v.siteIds as string[],
    streams: v.streams as LiveStream[],
    from: v.from,
    to: v.to,
    at: v.at,
  };
}

/** What a stored ingestion batch changed, or undefined when nothing was stored. */
export function changeOfBatch(
  stream: LiveStream,
  items: readonly { siteId?: string | undefined; at: string; waitMs?: number | undefined }[],
  accepted: number,
  now = new Date(),
): LiveChange | undefined {
  if (accepted <= 0 || items.length === 0) return undefined;
  let national = false;
  const sites = new Set<string>();
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const item of items) {
    if (item.siteId === undefined) national = true;
    else sites.add(item.siteId);
    const at = Date.parse(item.at);
    // Call measures count in the minute the call was offered: an answer or abandonment minus the wait.
    from = Math.min(from, at - (stream === 'calls' ? (item.waitMs ?? 0) : 0));
    to = Math.max(to, at);
  }
  // A status report holds until the next one, so it may change availability up to now.
  if (stream === 'status') to = Math.max(to, now.getTime());
  return {
    siteIds: national ? [] : [...sites].sort(),
    streams: [stream],
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    at: now.toISOString(),
  };
}
