export { DbRecorder } from './db-recorder.ts';
export { formatTable } from './summary-table.ts';
