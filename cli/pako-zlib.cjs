'use strict';
/**
 * pako's streaming Inflate/Deflate, as JSZip's flate worker uses them, on Node's own zlib: the CLI's
 * chunks (cli/build.mjs) alias `pako` to this, so exceljs, mammoth and docx unzip and zip natively
 * instead of in JavaScript. JSZip pushes the chunks of one zip entry and then `push([], true)`; the
 * whole entry is handed to `onData` at that end, as one chunk. Sizes are bounded before (the
 * importer's checkInflation); a corrupt stream throws zlib's error, which JSZip reports.
 */
const zlib = require('node:zlib');

class RawStream {
  constructor(options = {}) {
    this.options = options;
    this.chunks = [];
    this.onData = () => {};
  }

  push(data, last) {
    if (data && data.length) this.chunks.push(Buffer.from(data.buffer ? new Uint8Array(data.buffer, data.byteOffset, data.length) : data));
    if (!last) return true;
    const out = this.run(Buffer.concat(this.chunks));
    this.chunks = [];
    this.onData(new Uint8Array(out.buffer, out.byteOffset, out.length));
    return true;
  }
}

class Inflate extends RawStream {
  run(bytes) {
    return zlib.inflateRawSync(bytes);
  }
}

class Deflate extends RawStream {
  run(bytes) {
    const level = this.options.level;
    return zlib.deflateRawSync(bytes, { level: level === undefined || level < 0 ? zlib.constants.Z_DEFAULT_COMPRESSION : level });
  }
}

module.exports = { Inflate, Deflate };
