import type { LiveChange } from '@switchboard/contracts';
import type { Query, QueryClient } from '@tanstack/react-query';

/**
 * What pending changes touch: some sites (or every site) over a span, or everything (catch-up after a gap).
 * A change naming no site means any site may have changed (a national system, a catch-up).
 */
export type Affected = 'all' | { siteIds: Set<string> | 'all'; from: number; to: number };

export function mergeAffected(a: Affected | null, change: LiveChange | 'all'): Affected {
  if (change === 'all' || a === 'all') return 'all';
  const from = Date.parse(change.from);
  const to = Date.parse(change.to);
  const sites = (current: Set<string> | 'all'): Set<string> | 'all' => {
    if (current === 'all' || change.siteIds.length === 0) return 'all';
    for (const id of change.siteIds) current.add(id);
    return current;
  };
  if (!a) return { siteIds: sites(new Set()), from, to };
  return { siteIds: sites(a.siteIds), from: Math.min(a.from, from), to: Math.max(a.to, to) };
}

type KeyInput = { siteIds?: unknown; from?: unknown; to?: unknown } | undefined;

/** Whether a tRPC query (key `[path[], { input, type }]`) may show data that `affected` changed. */
export function queryAffected(queryKey: readonly unknown[], affected: Affected): boolean {
  const path = queryKey[0];
  if (!Array.isArray(path)) return false;
  const [router, procedure] = path as string[];
  // Registers (site and system lists) are not fed by ingestion.
  if (router === 'sites' || (router === 'systems' && procedure === 'list')) return false;
  if (affected === 'all') return true;
  const input = (queryKey[1] as { input?: KeyInput } | undefined)?.input;
  const sites = affected.siteIds;
  if (sites !== 'all' && Array.isArray(input?.siteIds) && input.siteIds.length > 0) {
    if (!input.siteIds.some((id) => sites.has(String(id)))) return false;
  }
  if (typeof input?.from === 'string' && typeof input.to === 'string') {
    if (affected.from > Date.parse(input.to) || affected.to < Date.parse(input.from)) return false;
  }
  return true;
}

/**
 * Coalesces live changes into query invalidations: one refresh runs at a time, and changes arriving
 * meanwhile are merged into the next one, so a busy feed never piles up requests.
 */
export function createRefresher(queryClient: QueryClient) {
  let running = false;
  let pending: Affected | null = null;

  async function run(): Promise<void> {
    if (running || !pending) return;
    running = true;
    const affected = pending;
    pending = null;
    try {
      await queryClient.invalidateQueries({
        predicate: (query: Query) => queryAffected(query.queryKey, affected),
      });
    } catch {
      // A failed refetch keeps the data on screen; the next change or reconnect tries again.
    } finally {
      running = false;
      void run();
    }
  }

  return {
    change(change: LiveChange | 'all') {
      pending = mergeAffected(pending, change);
      void run();
    },
  };
}
