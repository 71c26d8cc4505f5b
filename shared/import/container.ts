/**
 * Is this an xlsx at all? Decided from the bytes before exceljs sees them (exceljs happily "loads"
 * any zip as a workbook without sheets, and fails obscurely on a truncated one).
 */
import { formatCount } from '../money/money';
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

/** One file of a zip as its central directory declares it. */
export interface ZipEntry {
  name: string;
  method: number; // 0 stored, 8 deflated
  compressedSize: number;
  /** What the directory says it inflates to (may lie: checkInflation measures). */
  size: number;
  localOffset: number;
  /** General-purpose flags (bit 3: sizes in a data descriptor after the data). */
  flags: number;
  /** Where its central directory record lies (46 bytes + name + extra + comment). */
  record: { offset: number; length: number };
}

/** The entries of a zip's central directory, or null when the directory is missing or cut off. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
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
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || u32(bytes, p) !== 0x02014b50) return null;
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const local = u32(bytes, p + 42);
    if (local + 30 > offset) return null; // the entry's data would lie beyond the directory
    entries.push({
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen)),
      method: u16(bytes, p + 10),
      compressedSize: u32(bytes, p + 20),
      size: u32(bytes, p + 24),
      localOffset: local,
      flags: u16(bytes, p + 8),
      record: { offset: p, length: 46 + nameLen + extraLen + commentLen },
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** File names in a zip's central directory, or null when the directory is missing or cut off. */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  return zipEntries(bytes)?.map((e) => e.name) ?? null;
}

/** Bounds of a workbook a department publishes (the seventeen tables are a few hundred KB). */
export const WORKBOOK_LIMITS = {
  /** Inflated bytes of one file inside the workbook (a sheet, the shared strings). */
  entryBytes: 50 * 1024 * 1024,
  /** Inflated bytes of all of them together. */
  totalBytes: 200 * 1024 * 1024,
  /** <row> elements in one sheet: 表十三 of 20,000 projects with its headings fits. */
  sheetRows: 25_000,
  /** <c> elements in one sheet. */
  sheetCells: 500_000,
  /** Columns in use in one sheet (the widest table has 18). */
  sheetColumns: 200,
  /** Characters of one cell: Excel's own limit. */
  cellChars: 32_767,
} as const;

const MB = (n: number): string => `${Math.round(n / 1024 / 1024)} MB`;
const count = formatCount;

/** Counts `<row` and `<c ` / `<c>` in streamed XML bytes, across chunk boundaries. */
class XmlTally {
  rows = 0;
  cells = 0;
  private tail = new Uint8Array(0);
  add(chunk: Uint8Array): void {
    const b = this.tail.length ? concat(this.tail, chunk) : chunk;
    const end = b.length - 4;
    // From one '<' to the next (indexOf is native: most of a sheet's bytes are not tags).
    for (let i = b.indexOf(0x3c); i >= 0 && i < end; i = b.indexOf(0x3c, i + 1)) {
      if (b[i + 1] === 0x72 && b[i + 2] === 0x6f && b[i + 3] === 0x77 && isNameEnd(b[i + 4])) this.rows++;
      else if (b[i + 1] === 0x63 && isNameEnd(b[i + 2])) this.cells++;
    }
    this.tail = b.slice(Math.max(0, end));
  }
}
const isNameEnd = (c: number): boolean => c === 0x20 || c === 0x3e || c === 0x2f || c === 0x09 || c === 0x0a || c === 0x0d;

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * Inflates raw DEFLATE data whole; null when more than `limit` bytes would come out; throws when the
 * data is damaged. The importer's default streams it through the platform's DecompressionStream
 * (browser and Node alike); the CLI passes Node's zlib, synchronous (cli/inflate-raw.ts), which
 * spares a stream, its promises and Node's web-streams modules for each of a workbook's files.
 */
export type RawInflater = (data: Uint8Array, limit: number) => Uint8Array | null;

/** Inflates `data`, stopping as soon as more than `limit` bytes came out (the count returned is then > limit). */
async function inflateBounded(data: Uint8Array, method: number, limit: number, onChunk: (c: Uint8Array) => void, inflate?: RawInflater): Promise<number> {
  if (method === 0) {
    const size = Math.min(data.length, limit + 1);
    onChunk(data.subarray(0, size));
    return size;
  }
  if (method !== 8) throw new Error(`unsupported method ${method}`);
  if (inflate) {
    const out = inflate(data, limit);
    if (out === null) return limit + 1;
    onChunk(out);
    return out.length;
  }
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  // Written whole, read as it inflates; errors surface on the reading side.
  writer.write(data as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return total;
    total += value.length;
    onChunk(value);
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return total;
    }
  }
}

function entryData(bytes: Uint8Array, e: ZipEntry): Uint8Array | null {
  if (e.localOffset + 30 > bytes.length || u32(bytes, e.localOffset) !== 0x04034b50) return null;
  const start = e.localOffset + 30 + u16(bytes, e.localOffset + 26) + u16(bytes, e.localOffset + 28);
  return start + e.compressedSize > bytes.length ? null : bytes.subarray(start, start + e.compressedSize);
}

/** A small entry's text (workbook.xml, its rels), or null when absent, damaged or over 1 MB. */
async function smallEntryText(bytes: Uint8Array, entries: readonly ZipEntry[], name: string, inflate?: RawInflater): Promise<string | null> {
  const e = entries.find((x) => x.name === name);
  const data = e && entryData(bytes, e);
  if (!e || !data) return null;
  const chunks: Uint8Array[] = [];
  try {
    const size = await inflateBounded(data, e.method, 1 << 20, (c) => chunks.push(c.slice()), inflate);
    if (size > 1 << 20) return null;
  } catch {
    return null;
  }
  const decoder = new TextDecoder();
  return chunks.map((c) => decoder.decode(c, { stream: true })).join('') + decoder.decode();
}

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const unescapeXml = (s: string): string =>
  s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);

/** Sheet part name ('xl/worksheets/sheet3.xml') → its tab name and visibility, from workbook.xml and its rels. */
export async function sheetParts(bytes: Uint8Array, inflate?: RawInflater): Promise<Map<string, { name: string; state: string }>> {
  const out = new Map<string, { name: string; state: string }>();
  const entries = zipEntries(bytes) ?? [];
  const [wb, rels] = await Promise.all([
    smallEntryText(bytes, entries, 'xl/workbook.xml', inflate),
    smallEntryText(bytes, entries, 'xl/_rels/workbook.xml.rels', inflate),
  ]);
  if (!wb || !rels) return out;
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  for (const m of wb.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const id = attr(m[0], '(?:\\w+:)?id');
    const name = attr(m[0], 'name');
    const part = id ? targets.get(id) : undefined;
    if (part && name !== undefined) out.set(part, { name: unescapeXml(name), state: attr(m[0], 'state') ?? 'visible' });
  }
  return out;
}

/**
 * Every file of the workbook inflated once, with bounds, before exceljs sees it: a compressed bomb
 * (a few hundred KB that inflate to gigabytes), a size that lies, a sheet with more rows or cells
 * than any department has. Messages name the sheet by its tab.
 */
export async function checkInflation(bytes: Uint8Array, file: string, inflate?: RawInflater): Promise<void> {
  const fail = (why: string): never => {
    throw new ImportError('too-large', `无法导入“${file}”：${why}`);
  };
  const entries = zipEntries(bytes) ?? [];
  const names = new Map([...(await sheetParts(bytes, inflate))].map(([part, s]) => [part, s.name]));
  const what = (e: ZipEntry) => (names.has(e.name) ? `工作表“${names.get(e.name)}”（${e.name}）` : `工作簿中的文件 ${e.name}`);
  let declared = 0;
  for (const e of entries) {
    if (e.size === 0xffffffff || e.compressedSize === 0xffffffff) fail(`${what(e)}超过 4 GB（ZIP64），不像是部门预算公开表格`);
    if (e.size > WORKBOOK_LIMITS.entryBytes) {
      fail(`${what(e)}解压后有 ${MB(e.size)}，超过上限 ${MB(WORKBOOK_LIMITS.entryBytes)}，不像是部门预算公开表格`);
    }
    declared += e.size;
  }
  if (declared > WORKBOOK_LIMITS.totalBytes) {
    fail(`工作簿解压后共有 ${MB(declared)}，超过上限 ${MB(WORKBOOK_LIMITS.totalBytes)}，不像是部门预算公开表格`);
  }
  let total = 0;
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const data = entryData(bytes, e);
    if (!data) fail(`${what(e)}已损坏（ZIP 记录不完整），可能在下载或复制时中断。请重新获取完整的文件`);
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/.test(e.name);
    const tally = new XmlTally();
    let size: number;
    try {
      size = await inflateBounded(
        data!,
        e.method,
        WORKBOOK_LIMITS.entryBytes,
        (c) => {
          if (isSheet) tally.add(c);
        },
        inflate,
      );
    } catch {
      return fail(`${what(e)}已损坏，无法解压。请在 Excel/WPS 中打开并另存为 .xlsx 后再试`);
    }
    if (size > WORKBOOK_LIMITS.entryBytes) {
      fail(`${what(e)}解压后超过 ${MB(WORKBOOK_LIMITS.entryBytes)}（目录中声明为 ${count(e.size)} 字节），不像是部门预算公开表格`);
    }
    if (size !== e.size) fail(`${what(e)}解压后为 ${count(size)} 字节，与 ZIP 目录声明的 ${count(e.size)} 字节不符，文件已损坏或被改动过`);
    if (tally.rows > WORKBOOK_LIMITS.sheetRows) {
      fail(`${what(e)}有 ${count(tally.rows)} 行，超过上限 ${count(WORKBOOK_LIMITS.sheetRows)} 行（一个部门的项目最多 20,000 个）`);
    }
    if (tally.cells > WORKBOOK_LIMITS.sheetCells) {
      fail(`${what(e)}有 ${count(tally.cells)} 个单元格，超过上限 ${count(WORKBOOK_LIMITS.sheetCells)} 个`);
    }
    total += size;
    if (total > WORKBOOK_LIMITS.totalBytes) fail(`工作簿解压后超过 ${MB(WORKBOOK_LIMITS.totalBytes)}，不像是部门预算公开表格`);
  }
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
