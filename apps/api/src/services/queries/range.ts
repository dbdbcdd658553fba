import type { TimeRangeInput } from '@switchboard/contracts';
import { parseRelativeRange } from '@switchboard/metrics';

/** Resolves `{ last: "4h" }` against `now` (at query time, never at load) or parses `{ from, to }`. */
export function resolveRange(input: TimeRangeInput, now: number): { from: number; to: number } {
  if (input.last) return parseRelativeRange(input.last, now);
  return { from: Date.parse(input.from ?? ''), to: Date.parse(input.to ?? '') };
}

export const iso = (ms: number) => new Date(ms).toISOString();
