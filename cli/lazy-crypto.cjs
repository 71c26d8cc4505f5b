'use strict';
/**
 * node:crypto for the CLI's exceljs chunk (cli/build.mjs), loaded on first use: exceljs needs it only
 * to hash a sheet-protection password and uuid only to write conditional formats, neither of which
 * a check does, and loading it costs every workbook read ~5 ms. Any property read loads it; the
 * bundle's ES-module interop (`__esModule`, the list of own keys) does not.
 */
let crypto;
const load = () => (crypto ??= require('node:crypto'));

module.exports = new Proxy(
  {},
  {
    get: (_, key) => (key === '__esModule' ? undefined : load()[key]),
    has: (_, key) => key in load(),
  },
);
