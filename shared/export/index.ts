export { tablesToXlsx, MONEY_FORMAT, PERCENT_FORMAT, TEXT_FORMAT, WORKBOOK_CREATOR, type XlsxOptions } from './xlsx';
export { tablesToHtml, FONT_STACK, escapeHtml, anyLandscape, type HtmlOptions } from './html';
export { sheetGroups, columnWidths, displayWidth, percentValue, catalogueEntry, type SheetGroup } from './layout';
export {
  EXPORT_FORMATS,
  FORMAT_LABELS,
  isExportFormat,
  tablesJsonText,
  exportBaseName,
  buildExportFiles,
  type ExportFormat,
  type ExportedFile,
  type BuildOptions,
} from './files';
