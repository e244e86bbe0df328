export { formatTable } from './summary-table.ts';
