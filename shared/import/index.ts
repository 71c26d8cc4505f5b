export { importWorkbook, type ImportOptions, type ImportResult } from './import';
export { ImportError, type ImportErrorCode } from './errors';
export { checkContainer, type RawInflater } from './container';
export { absencesOf, markUnverifiable, type Absence } from './absent';
