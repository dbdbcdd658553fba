/** Every bound of the ingestion contract, in one place. */
export const LIMITS = {
  /** Events, snapshots or statuses in one batch. */
  maxBatch: 5_000,
  /** Largest request body the API reads, in bytes (a full batch of long events fits). */
  maxBodyBytes: 4 * 1024 * 1024,
  /** How far ahead of the server clock a timestamp may be (clock skew), in ms. */
  maxFutureSkewMs: 5 * 60_000,
  /** Oldest timestamp accepted. */
  earliestAt: '2015-01-01T00:00:00Z',
  /** Longest wait, in ms, a caller can have had (24 h). */
  maxWaitMs: 24 * 3_600_000,
  /** Largest head count or queue length. */
  maxCount: 100_000,
  idLength: 64,
  callIdLength: 128,
  detailLength: 1_000,
  /** Longest response time a status report may carry, in ms (10 min). */
  maxResponseMs: 600_000,
  /** Display names and labels typed by a person (site and system names, regions, kinds, feeds). */
  nameLength: 200,
} as const;

/** Bounds of the read side: what one request or one instance may ask of the API. */
export const READ_LIMITS = {
  /** Longest range one query may cover, absolute or relative ("last"). */
  maxRangeDays: 400,
  /** Most points one series may have. */
  maxPoints: 5_000,
  /** Most procedure calls in one batched tRPC GET (each capped as above). */
  maxBatchedCalls: 10,
  /** Most live subscribers on one API instance. */
  maxSubscribers: 1_000,
} as const;
