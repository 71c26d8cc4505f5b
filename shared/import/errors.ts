/** A workbook the importer cannot use at all: one Chinese message naming the file (and sheet, row, cell). */
import type { Finding } from '../rules/types';

export type ImportErrorCode =
  | 'empty' // 0 bytes
  | 'not-xlsx' // text, PDF, anything that is not a zip
  | 'xls' // an OLE/CFB file that is not encrypted: .xls of Excel 97-2003 (or .doc)
  | 'encrypted' // an OLE/CFB container holding EncryptionInfo/EncryptedPackage: a password-protected xlsx
  | 'truncated' // a zip whose central directory is missing or cut off
  | 'not-workbook' // a zip without xl/workbook.xml (a .docx, a plain zip)
  | 'damaged' // exceljs could not read it
  | 'too-large' // inflates or holds more than any department's workbook (container.ts WORKBOOK_LIMITS)
  | 'no-sheets' // a workbook without worksheets
  | 'no-tables' // no sheet is one of the seventeen tables
  | 'missing-t5' // 表五 (the function amounts) is absent
  | 'unknown-layout' // 表五's header is not the template's (another district's or year's layout)
  | 'no-year' // no title or header states the budget year
  | 'bad-cells'; // cells whose content would be lost: a code or an entered amount that cannot be read

export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    /** Everything found before giving up (bad-cells: every unreadable cell, not just the first). */
    readonly findings: readonly Finding[] = [],
    /** The library's own text (exceljs, zlib), for a --debug detail; never part of the message. */
    readonly detail?: string,
  ) {
    super(message);
  }
}
