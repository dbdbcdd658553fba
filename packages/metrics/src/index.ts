export * from './availability.ts';
export * from './baseline.ts';
export * from './counts.ts';
export * from './histogram.ts';
export * from './iuc-adc.ts';
export * from './measures.ts';
export * from './thresholds.ts';
export * from './time-buckets.ts';
