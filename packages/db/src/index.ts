export { type BenchmarkRow, upsertBenchmarkRows } from './benchmark-records.ts';
export {
  type CreateDbOptions,
  createDb,
  type Db,
  type DbDriver,
  type DbHandle,
  defaultDataDir,
  listTables,
  migrationsFolder,
} from './create-db.ts';
export { refreshMetricBlocks } from './metric-blocks.ts';
export {
  type MetricPoint,
  type NewCheckpoint,
  type NewDataset,
  type NewEvaluation,
  type NewRun,
  type NewStage,
  RunRecords,
  type RunStatus,
  type SampleRow,
  type StageKindName,
} from './run-records.ts';
export * from './schema/index.ts';
