import type { Overview } from '@switchboard/contracts';

/** How long one computed overview serves every caller on this instance, at most. */
export const OVERVIEW_MAX_AGE_MS = 1_000;
/** Distinct `staleAfterS` values kept at once (the input allows any whole number of seconds). */
const MAX_ENTRIES = 16;

/**
 * The overview, computed once and shared by every caller on this instance: after a live change every open
 * dashboard and wallboard refetches it at once, and 200 screens must cost one query, not 200. An entry is
 * dropped by any change (ingestion on this instance or another's, through the live hub) and is never older
 * than OVERVIEW_MAX_AGE_MS, since the overview also moves with the clock (the last 60 minutes, stale feeds).
 * Callers that arrive while it is being computed share that computation; a failed one is not kept.
 */
export class OverviewCache {
  private readonly entries = new Map<number, { at: number; value: Promise<Overview> }>();

  constructor(private readonly maxAgeMs = OVERVIEW_MAX_AGE_MS) {}

  get size(): number {
    return this.entries.size;
  }

  /** Forgets every overview (something changed). */
  invalidate(): void {
    this.entries.clear();
  }

  get(staleAfterS: number, load: () => Promise<Overview>, now = Date.now()): Promise<Overview> {
    const hit = this.entries.get(staleAfterS);
    if (hit && now - hit.at < this.maxAgeMs && now >= hit.at) return hit.value;
    const value = load();
    const entry = { at: now, value };
    this.entries.delete(staleAfterS);
    this.entries.set(staleAfterS, entry);
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    value.catch(() => {
      if (this.entries.get(staleAfterS) === entry) this.entries.delete(staleAfterS);
    });
    return value;
  }
}
