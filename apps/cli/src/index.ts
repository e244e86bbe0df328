export { DbRecorder } from './db-recorder.ts';
export { evaluationRows, formatTable } from './summary-table.ts';
