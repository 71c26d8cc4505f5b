/**
 * Deflating an uncompressed ("stored") zip with the platform's own zlib (CompressionStream, in
 * Node ≥ 18 and every browser we support) instead of JSZip's JavaScript deflate: exceljs writes the
 * workbook stored, this compresses every part at once (folders and empty parts stay stored). The
 * parts, their names, dates and CRCs stay as they are; only the method, the sizes and the offsets change. Isomorphic (no Node API).
 */

import { zipEntries } from '../import/container';

const LOCAL = 0x04034b50;
const END = 0x06054b50;
const STORED = 0;
const DEFLATED = 8;
/** General-purpose flag bit 3: sizes in a data descriptor after the data (not written by JSZip here). */
const DATA_DESCRIPTOR = 0x0008;

interface Part {
  /** The central directory record as read (46 bytes + name + extra + comment). */
  central: Uint8Array;
  /** The local header as read (30 bytes + name + extra). */
  local: Uint8Array;
  data: Uint8Array;
}

async function deflateRaw(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function fail(why: string): never {
  throw new Error(`压缩工作簿时出错：${why}`);
}

/** The parts of a stored zip, in central directory order (the directory read by the import's zipEntries). */
function storedParts(zip: Uint8Array): Part[] {
  const entries = zipEntries(zip);
  if (!entries) fail('找不到 zip 目录');
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  return entries.map((e) => {
    if (e.method !== STORED || e.compressedSize !== e.size || e.flags & DATA_DESCRIPTOR) fail('工作簿的部件不是未压缩存储的');
    const offset = e.localOffset;
    if (offset + 30 > zip.length || view.getUint32(offset, true) !== LOCAL) fail('zip 部件头已损坏');
    const localLength = 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
    return {
      central: zip.subarray(e.record.offset, e.record.offset + e.record.length),
      local: zip.subarray(offset, offset + localLength),
      data: zip.subarray(offset + localLength, offset + localLength + e.size),
    };
  });
}

/** The same zip with every part deflated. Throws (a Chinese message) on anything but a stored zip. */
export async function deflateStoredZip(zip: Uint8Array): Promise<Uint8Array> {
  const parts = storedParts(zip);
  // Folders and empty parts stay stored: nothing to compress.
  const packed = await Promise.all(parts.map((p) => (p.data.length === 0 ? null : deflateRaw(p.data))));
  const dataOf = (i: number) => packed[i] ?? parts[i].data;
  let total = 22;
  parts.forEach((p, i) => (total += p.local.length + dataOf(i).length + p.central.length));
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  const offsets: number[] = [];
  parts.forEach((p, i) => {
    offsets.push(at);
    out.set(p.local, at);
    if (packed[i]) {
      view.setUint16(at + 4, 20, true); // version needed: 2.0 (deflate)
      view.setUint16(at + 8, DEFLATED, true);
      view.setUint32(at + 18, packed[i].length, true);
    }
    at += p.local.length;
    out.set(dataOf(i), at);
    at += dataOf(i).length;
  });
  const directory = at;
  parts.forEach((p, i) => {
    out.set(p.central, at);
    if (packed[i]) {
      view.setUint16(at + 6, 20, true);
      view.setUint16(at + 10, DEFLATED, true);
      view.setUint32(at + 20, packed[i].length, true);
    }
    view.setUint32(at + 42, offsets[i], true);
    at += p.central.length;
  });
  view.setUint32(at, END, true);
  view.setUint16(at + 8, parts.length, true);
  view.setUint16(at + 10, parts.length, true);
  view.setUint32(at + 12, at - directory, true);
  view.setUint32(at + 16, directory, true);
  return out;
}
