/** shared/export/zip.ts: a stored zip deflated by the platform's zlib, parts and CRCs unchanged. */
import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { deflateStoredZip } from '../../shared/export/zip';

async function zipOf(files: Record<string, string>, compression: 'STORE' | 'DEFLATE'): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text, { date: new Date(Date.UTC(2024, 0, 2, 3, 4, 6)) });
  return zip.generateAsync({ type: 'uint8array', compression });
}

/** Each part's name and compression method, from the zip's central directory. */
function methods(zip: Uint8Array): Record<string, number> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out: Record<string, number> = {};
  let at = view.getUint32(zip.length - 22 + 16, true);
  for (let k = view.getUint16(zip.length - 22 + 10, true); k > 0; k--) {
    const nameLength = view.getUint16(at + 28, true);
    out[new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength))] = view.getUint16(at + 10, true);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}

describe('deflateStoredZip', () => {
  const files = {
    '[Content_Types].xml': '<Types/>',
    'xl/worksheets/sheet1.xml': `<sheetData>${'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'.repeat(2000)}</sheetData>`,
    'xl/sharedStrings.xml': '<sst><si><t>部门预算公开表（表一）</t></si></sst>',
    'docProps/empty.xml': '',
  };

  it('deflates every part: the same names, texts, dates and CRCs, read back with CRC checks, and smaller', async () => {
    const stored = await zipOf(files, 'STORE');
    const packed = await deflateStoredZip(stored);
    expect(packed.length).toBeLessThan(stored.length / 10);
    const back = await JSZip.loadAsync(packed, { checkCRC32: true });
    expect(Object.keys(back.files).filter((n) => !back.files[n].dir)).toEqual(Object.keys(files));
    expect(Object.keys(back.files).filter((n) => back.files[n].dir)).toEqual(['xl/', 'xl/worksheets/', 'docProps/']);
    // Deflated (8), but folders and the empty part stay stored (0).
    expect(methods(stored)).toEqual(Object.fromEntries(Object.keys(back.files).map((n) => [n, 0])));
    expect(methods(packed)).toEqual(Object.fromEntries(Object.keys(back.files).map((n) => [n, back.files[n].dir || n === 'docProps/empty.xml' ? 0 : 8])));
    for (const [name, text] of Object.entries(files)) {
      expect(await back.file(name)!.async('string'), name).toBe(text);
      expect(back.file(name)!.date.toISOString()).toBe('2024-01-02T03:04:06.000Z');
    }
  });

  it('refuses a zip whose parts are already compressed, or no zip at all', async () => {
    await expect(deflateStoredZip(await zipOf(files, 'DEFLATE'))).rejects.toThrow('压缩工作簿时出错：工作簿的部件不是未压缩存储的');
    await expect(deflateStoredZip(new TextEncoder().encode('not a zip, just text that is long enough'))).rejects.toThrow('压缩工作簿时出错：找不到 zip 目录');
  });
});
