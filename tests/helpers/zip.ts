/**
 * A small zip reader/writer for generating hostile workbooks in tests (no binary blobs committed):
 * unzip a workbook we exported, change its XML, zip it again — or lie in its directory on purpose.
 */
import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

export interface ZipFile {
  name: string;
  data: Buffer;
  /** Overrides the uncompressed size written in both headers (a size that lies). */
  declaredSize?: number;
  /** Already-deflated bytes to store as is (a bomb made without inflating it in memory). */
  deflated?: Buffer;
}

export function unzip(bytes: Uint8Array): ZipFile[] {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = b.length - 22;
  while (eocd >= 0 && b.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  const files: ZipFile[] = [];
  for (let i = 0; i < count; i++) {
    const method = b.readUInt16LE(p + 10);
    const csize = b.readUInt32LE(p + 20);
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    const local = b.readUInt32LE(p + 42);
    const name = b.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const raw = b.subarray(start, start + csize);
    files.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

export function zip(files: readonly ZipFile[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const body = f.deflated ?? deflateRawSync(f.data);
    const size = f.declaredSize ?? f.data.length;
    const crc = f.deflated ? 0 : crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/**
 * Deflated bytes of `head`, then `repeat` × `count`, then `tail`, without the inflated text ever
 * existing here: a block of a few MB is deflated once with a sync flush (byte-aligned, not final)
 * and its bytes repeated; each copy only refers back into itself, so the stream stays valid.
 */
export function deflateRepeated(head: string, repeat: string, count: number, tail: string): { deflated: Buffer; size: number } {
  const unit = Buffer.byteLength(repeat);
  const perBlock = Math.max(1, Math.floor((4 << 20) / unit));
  const blocks = Math.floor(count / perBlock);
  const rest = count - blocks * perBlock;
  const sync = { finishFlush: constants.Z_SYNC_FLUSH };
  const block = deflateRawSync(Buffer.from(repeat.repeat(perBlock), 'utf8'), sync);
  const deflated = Buffer.concat([
    deflateRawSync(Buffer.from(head, 'utf8'), sync),
    ...Array<Buffer>(blocks).fill(block),
    deflateRawSync(Buffer.from(repeat.repeat(rest) + tail, 'utf8')),
  ]);
  return { deflated, size: Buffer.byteLength(head) + unit * count + Buffer.byteLength(tail) };
}
