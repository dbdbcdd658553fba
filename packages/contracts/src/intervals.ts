/** Chart and export intervals, smallest first, and the length of each (a '1d' bucket is a local day). */
export const SERIES_INTERVALS = ['1m', '5m', '15m', '1h', '1d'] as const;
export type SeriesInterval = (typeof SERIES_INTERVALS)[number];

/** Nominal length of each interval in ms; '1d' buckets are local days of 23, 24 or 25 hours. */
export const INTERVAL_MS = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
} as const satisfies Record<SeriesInterval, number>;

/** The queue an event or snapshot belongs to when it names none. */
export const DEFAULT_QUEUE = 'default';
