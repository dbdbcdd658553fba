import { localParts, localToInstant } from '@switchboard/metrics';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A `datetime-local` field's value ("2026-11-27T14:05") read as UK time, as ISO; null when invalid or skipped. */
export function ukInputToIso(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const instant = localToInstant(Date.UTC(y, mo - 1, d, h, mi));
  return instant === null ? null : new Date(instant).toISOString();
}

/** An instant as a `datetime-local` value in UK time. */
export function ukInputValue(ms: number): string {
  const p = localParts(ms);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}
