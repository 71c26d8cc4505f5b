/** What a file is, from its first bytes: routes .budget vs .xlsx, and explains a wrong file. */

export type FileKind = 'sqlite' | 'xlsx' | 'empty' | 'other';

/** "SQLite format 3\0": the first 16 bytes of every SQLite 3 database. */
export const SQLITE_MAGIC = new Uint8Array([
  0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00,
]);
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4: xlsx, docx, any zip
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // old .xls/.doc, some WPS files

function startsWith(bytes: Uint8Array, magic: ArrayLike<number>): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic[i]) return false;
  return true;
}

export function sniffFile(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return 'empty';
  if (startsWith(bytes, SQLITE_MAGIC)) return 'sqlite';
  // A zip is reported as xlsx: the only zip the workbench reads is a workbook; the importer checks the rest.
  if (startsWith(bytes, ZIP_MAGIC)) return 'xlsx';
  return 'other';
}

/** A finer description of a non-SQLite file, for the refusal message. */
export function describeOther(bytes: Uint8Array): string {
  if (startsWith(bytes, ZIP_MAGIC)) return '这是 Excel 工作簿（.xlsx）或其他压缩文件';
  if (startsWith(bytes, OLE_MAGIC)) return '这是旧版 Office/WPS 文件（如 .xls、.doc）';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return '这是 PDF 文件';
  if (looksLikeText(bytes)) return '这是文本文件';
  return '文件开头没有 SQLite 数据库的标志';
}

function looksLikeText(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf]) || startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return true;
  const head = bytes.subarray(0, 4096);
  for (const b of head) if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x1b)) return false;
  // Valid UTF-8 (or GBK, which also has no control bytes) counts as text; a cut multi-byte char at the end is fine.
  return true;
}
