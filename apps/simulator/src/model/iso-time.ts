let cachedMinute = Number.NaN;
let cachedPrefix = '';

/**
 * `new Date(ms).toISOString()` for whole milliseconds, reusing the formatted minute: the simulator stamps
 * millions of events in time order, and formatting dates was its hottest path.
 */
export function isoAt(ms: number): string {
  const minute = Math.floor(ms / 60_000);
  if (minute !== cachedMinute) {
    cachedMinute = minute;
    cachedPrefix = new Date(minute * 60_000).toISOString().slice(0, 17);
  }
  const rest = ms - minute * 60_000;
  const seconds = Math.floor(rest / 1_000);
  const millis = rest - seconds * 1_000;
  return `${cachedPrefix}${seconds < 10 ? '0' : ''}${seconds}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

/** Merges lists each already ordered by `at` into one ordered list (stable: earlier lists first on ties). */
export function mergeByAt<T extends { at: string }>(lists: readonly T[][]): T[] {
  let layer = lists.filter((list) => list.length > 0);
  if (layer.length === 0) return [];
  while (layer.length > 1) {
    const next: T[][] = [];
    for (let i = 0; i < layer.length; i += 2) {
      const a = layer[i] as T[];
      const b = layer[i + 1];
      next.push(b ? mergeTwo(a, b) : a);
    }
    layer = next;
  }
  return layer[0] as T[];
}

function mergeTwo<T extends { at: string }>(a: T[], b: T[]): T[] {
  const out: T[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as T;
    const y = b[j] as T;
    if (y.at < x.at) {
      out[k++] = y;
      j++;
    } else {
      out[k++] = x;
      i++;
    }
  }
  while (i < a.length) out[k++] = a[i++] as T;
  while (j < b.length) out[k++] = b[j++] as T;
  return out;
}
