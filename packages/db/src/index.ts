export * from './client';
export * from './data-dir-check';
export * from './data-dir-lock';
export * from './embedded-wal';
export * from './pipeline';
export * from './schema/index';
