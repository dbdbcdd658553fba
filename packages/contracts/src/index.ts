export * from './exports.ts';
export * from './fields.ts';
export * from './ingest/call-events.ts';
export * from './ingest/queue-snapshots.ts';
export * from './ingest/result.ts';
export * from './ingest/system-status.ts';
export * from './issues.ts';
export * from './limits.ts';
export * from './queries.ts';

/** The ingestion contract's version; a breaking change gets a new version and new procedure names. */
export const INGEST_CONTRACT_VERSION = 1;
