import { bucketStarts, localParts } from '@switchboard/metrics';
import { UK_TIME_ZONE, ukDay, ukTime } from './format.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Tick spacings, each aligned to UK wall-clock time. */
const STEPS = [
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  7 * DAY,
];

function aligned(from: number, to: number, step: number): number[] {
  if (step >= DAY) {
    const days = bucketStarts(from, to, '1d', UK_TIME_ZONE).filter((t) => t >= from);
    return step === DAY ? days : days.filter((_, i) => i % 7 === 0);
  }
  if (step >= HOUR) {
    const hours = step / HOUR;
    return bucketStarts(from, to, '1h').filter(
      (t) => t >= from && localParts(t, UK_TIME_ZONE).hour % hours === 0,
    );
  }
  const minutes = step / MINUTE;
  return bucketStarts(from, to, '5m').filter(
    (t) => t >= from && localParts(t, UK_TIME_ZONE).minute % minutes === 0,
  );
}

/** At most `maxTicks` round UK times across [from, to] and the step between them. */
export function timeTicks(from: number, to: number, maxTicks: number): { ticks: number[]; step: number } {
  for (const step of STEPS) {
    if ((to - from) / step <= maxTicks) return { ticks: aligned(from, to, step), step };
  }
  const step = STEPS[STEPS.length - 1] ?? DAY;
  return { ticks: aligned(from, to, step), step };
}

/** A tick's label: "09:00", the date at UK midnight, or the date alone for day steps. */
export function tickLabel(t: number, step: number): string {
  if (step >= DAY) return ukDay(t);
  const p = localParts(t, UK_TIME_ZONE);
  return p.hour === 0 && p.minute === 0 ? ukDay(t) : ukTime(t);
}
