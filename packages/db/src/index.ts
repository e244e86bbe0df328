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
export * from './schema/index.ts';
