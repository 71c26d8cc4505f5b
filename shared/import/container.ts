/**
 * Is this an xlsx at all? Decided from the bytes before exceljs sees them (exceljs happily "loads"
 * any zip as a workbook without sheets, and fails obscurely on a truncated one).
 */
import { ImportError } from './errors';

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06]; // an empty zip: nothing but the end record
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((b, i) => bytes[at + i] === b);
}

/** A UTF-16LE name in a CFB directory (stream names are stored that way). */
function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const pattern: number[] = [];
  for (const ch of text) pattern.push(ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8);
  outer: for (let i = 0; i + pattern.length <= bytes.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return true;
  }
  return false;
}

function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  for (const b of head) if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)) return false;
  return true;
}

function u16(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8);
}
function u32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;
}

/** File names in a zip's central directory, or null when the directory is missing or cut off. */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65535.
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= min; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = u16(bytes, eocd + 10);
  const size = u32(bytes, eocd + 12);
  const offset = u32(bytes, eocd + 16);
  if (offset + size > eocd) return null;
  const names: string[] = [];
  const decoder = new TextDecoder();
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || u32(bytes, p) !== 0x02014b50) return null;
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const local = u32(bytes, p + 42);
    if (local + 30 > offset) return null; // the entry's data would lie beyond the directory
    names.push(decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen)));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** Throws ImportError unless `bytes` look like an xlsx workbook. */
export function checkContainer(bytes: Uint8Array, file: string): void {
  const fail = (code: ConstructorParameters<typeof ImportError>[0], why: string): never => {
    throw new ImportError(code, `无法导入“${file}”：${why}`);
  };
  if (bytes.length === 0) fail('empty', '文件是空的（0 字节）');
  if (startsWith(bytes, CFB)) {
    if (containsUtf16(bytes, 'EncryptedPackage') || containsUtf16(bytes, 'EncryptionInfo')) {
      fail('encrypted', '文件已加密（设置了打开密码）。请在 Excel/WPS 中输入密码打开，取消密码后另存为 .xlsx 再导入');
    }
    fail('xls', '这是旧版 Excel 97-2003 工作簿（.xls）或其他旧版 Office 文件。请在 Excel/WPS 中另存为 .xlsx 工作簿再导入');
  }
  if (startsWith(bytes, ZIP_EMPTY)) fail('not-workbook', '这是一个空的 ZIP 压缩文件，不是 Excel 工作簿');
  if (!startsWith(bytes, ZIP_LOCAL)) {
    if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) fail('not-xlsx', '这是 PDF 文件，不是 Excel 工作簿（.xlsx）。请导入公开表格的 Excel 原件');
    if (startsWith(bytes, [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65])) {
      fail('not-xlsx', '这是部门预算文件（.budget）或其他 SQLite 数据库，不是 Excel 工作簿。请直接打开它，或用“新建年度”结转');
    }
    const what = looksLikeText(bytes) ? '这是文本文件（可能只是改了扩展名）' : '文件开头没有 Excel 工作簿（ZIP）的标志';
    fail('not-xlsx', `不是 Excel 工作簿（.xlsx）：${what}`);
  }
  const names = zipEntryNames(bytes);
  if (!names) fail('truncated', '文件不完整（ZIP 目录缺失或被截断），可能在下载或复制时中断。请重新获取完整的文件');
  const set = new Set(names);
  if (!set.has('xl/workbook.xml')) {
    if (set.has('word/document.xml')) fail('not-workbook', '这是 Word 文档（.docx），不是 Excel 工作簿');
    if ([...set].some((n) => n.startsWith('ppt/'))) fail('not-workbook', '这是 PowerPoint 演示文稿（.pptx），不是 Excel 工作簿');
    const files = names!.filter((n) => !n.endsWith('/'));
    const sample = files.slice(0, 3).join('、');
    fail('not-workbook', `这是 ZIP 压缩文件，但不是 Excel 工作簿（里面没有 xl/workbook.xml${sample ? `，只有 ${sample}${files.length > 3 ? ' 等' : ''}` : ''}）`);
  }
}
