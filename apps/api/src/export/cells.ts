import type { ColumnKind, ExportProfile } from '@switchboard/contracts';
import { londonOffsetMs } from '@switchboard/metrics';

/**
 * How one value becomes one CSV cell. Missing data (null) is an empty cell, never 0. Only text is
 * neutralised against spreadsheet formulas (CWE-1236): a number such as -5 is written as it is.
 */
export type Cell = string | number | boolean | null | undefined;

/** Text starting with one of these is read as a formula by spreadsheets (with the full-width forms). */
const FORMULA_START = /^[=+\-@\t\r\n\0＝＋－＠]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const offsetTexts = new Map<number, string>();
/** `+01:00` for an offset in ms. */
export function offsetText(offsetMs: number): string {
  let text = offsetTexts.get(offsetMs);
  if (text === undefined) {
    const minutes = Math.abs(offsetMs) / 60_000;
    const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');
    text = `${offsetMs < 0 ? '-' : '+'}${pad(minutes / 60)}:${pad(minutes % 60)}`;
    if (offsetTexts.size < 100) offsetTexts.set(offsetMs, text);
  }
  return text;
}

const DAY = 86_400_000;
const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const dates = new Map<number, string>();
/** `YYYY-MM-DD` of a UTC day number, remembered (bounded: emptied at 10,000 days). */
function datePart(day: number): string {
  let text = dates.get(day);
  if (text === undefined) {
    if (dates.size >= 10_000) dates.clear();
    text = new Date(day * DAY).toISOString().slice(0, 10);
    dates.set(day, text);
  }
  return text;
}

/**
 * `YYYY-MM-DD<separator>HH:MM:SS` (with `.mmm` when the instant has milliseconds) of `ms` read on the UTC
 * clock. Built from integers rather than `toISOString()`: it runs three times for every exported row.
 */
function wallClock(ms: number, separator: string): string {
  const day = Math.floor(ms / DAY);
  const rest = ms - day * DAY;
  const millis = Math.floor(rest % 1000);
  const time = `${PAD2[Math.floor(rest / 3_600_000)]}:${PAD2[Math.floor(rest / 60_000) % 60]}:${PAD2[Math.floor(rest / 1000) % 60]}`;
  const whole = `${datePart(day)}${separator}${time}`;
  return millis === 0 ? whole : `${whole}.${String(millis).padStart(3, '0')}`;
}

export function formatUtc(ms: number, profile: ExportProfile): string {
  return profile === 'excel' ? wallClock(ms, ' ') : `${wallClock(ms, 'T')}Z`;
}

export function formatLocal(ms: number, profile: ExportProfile): string {
  const offset = londonOffsetMs(ms);
  return profile === 'excel'
    ? wallClock(ms + offset, ' ')
    : `${wallClock(ms + offset, 'T')}${offsetText(offset)}`;
}

/** One value as the text of a cell of `kind`; times are epoch ms. */
export function formatCell(value: Cell, kind: ColumnKind, profile: ExportProfile): string {
  if (value === null || value === undefined) return '';
  switch (kind) {
    case 'text':
      return neutralise(String(value));
    case 'number':
      return Number.isFinite(value) ? String(value) : '';
    case 'bool':
      return value ? 'true' : 'false';
    case 'utc':
      return formatUtc(Number(value), profile);
    case 'local':
      return formatLocal(Number(value), profile);
    case 'offset':
      return offsetText(londonOffsetMs(Number(value)));
  }
}
