/**
 * A 情况说明 as plain text from the files reviewers meet: .txt (UTF-8, or GB18030 as Windows
 * Notepad saves it), Word .docx (read with mammoth), a web page .html. One line per paragraph,
 * the shape splitParagraphs reads.
 */

export type NarrativeFileKind = 'txt' | 'docx' | 'html';

/** The kind of narrative file a name denotes, or null for anything else (.budget, .xlsx …). */
export function narrativeFileKind(name: string): NarrativeFileKind | null {
  if (/\.(?:txt|md|text)$/i.test(name)) return 'txt';
  if (/\.docx$/i.test(name)) return 'docx';
  if (/\.x?html?$/i.test(name)) return 'html';
  return null;
}

export class NarrativeFileError extends Error {}

/** Bytes as text: UTF-8 when they are valid UTF-8 (a BOM dropped), else GB18030. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

const BLOCK = /^(?:p|div|br|li|tr|h[1-6]|table|section|article|header|footer|blockquote|pre|ul|ol|dd|dt|title)$/i;
const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', mdash: '—', hellip: '…', middot: '·', emsp: '\u3000', ensp: ' ' };

/**
 * A web page's text, one line per block: scripts, styles and comments dropped, block elements
 * (p, div, br, li, tr, h1…) end a line, table cells are separated by a space, entities decoded.
 * Nothing is executed or fetched; the markup is only scanned.
 */
export function htmlToText(html: string): string {
  const body = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|template|head)\b[\s\S]*?<\/\1\s*>/gi, (m, tag: string) => (tag.toLowerCase() === 'head' ? (/<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(m)?.[1] ?? '') + '\n' : ''));
  // A data table (no cell holds a sentence) is not prose; a layout table around paragraphs is kept.
  let tables = body;
  for (let prev = ''; prev !== tables; ) {
    prev = tables;
    tables = tables.replace(/<table\b(?:(?!<table\b)[\s\S])*?<\/table\s*>/gi, (t) => (/。/.test(t.replace(/<[^>]*>/g, '')) ? t.replace(/<\/?table\b[^>]*>/gi, '\n') : '\n'));
  }
  const text = tables.replace(/<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g, (_m, tag: string) => (BLOCK.test(tag) ? '\n' : /^t[dh]$/i.test(tag) ? ' ' : '')).replace(/<[^>]*>/g, '');
  return text
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/gi, (m, dec?: string, hex?: string, name?: string) => {
      const code = dec ? Number(dec) : hex ? parseInt(hex, 16) : null;
      if (code !== null) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      return ENTITIES[name!.toLowerCase()] ?? m;
    })
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}

/** The narrative text of a file, by its name's extension. A file that cannot be read is a NarrativeFileError naming it. */
export async function narrativeTextOf(name: string, bytes: Uint8Array): Promise<string> {
  const kind = narrativeFileKind(name);
  if (bytes.length === 0) throw new NarrativeFileError(`文件“${name}”是空文件`);
  if (kind === 'docx') {
    if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new NarrativeFileError(`文件“${name}”不是 Word 文档（.docx）`);
    const mammoth = await import('mammoth');
    try {
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      // Node's mammoth reads `buffer`, its browser build `arrayBuffer`.
      const r = await (mammoth.default ?? mammoth).extractRawText({ buffer: bytes, arrayBuffer: buffer } as never);
      return r.value.split(/\n+/).map((l) => l.trim()).filter(Boolean).join('\n');
    } catch (e) {
      throw new NarrativeFileError(`无法读取 Word 文档“${name}”：${(e as Error).message}`);
    }
  }
  const text = decodeText(bytes);
  if (kind === 'html' || /^\s*<(?:!doctype\s+html|html)\b/i.test(text)) return htmlToText(text);
  return text;
}
