/** The importer's bounds check inflating with Node's zlib, synchronously (shared/import/container.ts's RawInflater). */
import type { RawInflater } from '../shared/import/index';

/** Loads node:zlib when a workbook is read (not at every start of the CLI). */
export async function zlibInflater(): Promise<RawInflater> {
  const { inflateRawSync } = await import('node:zlib');
  return (data, limit) => {
    let out: Buffer;
    try {
      // zlib stops once the output would pass the limit, so a compressed bomb never inflates whole.
      out = inflateRawSync(data, { maxOutputLength: limit });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return null;
      throw e;
    }
    // A plain Uint8Array view: Buffer's own indexOf (the tally's scan) is much slower than the typed array's.
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  };
}
