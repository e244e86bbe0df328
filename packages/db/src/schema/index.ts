export * from './api-tokens.ts';
export * from './checkpoints.ts';
export * from './datasets.ts';
export * from './enums.ts';
export * from './evaluations.ts';
export * from './jobs.ts';
export * from './metrics.ts';
export * from './runs.ts';
