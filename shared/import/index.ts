export { importWorkbook, type ImportOptions, type ImportResult } from './import';
export { ImportError, type ImportErrorCode } from './errors';
export { checkContainer } from './container';
