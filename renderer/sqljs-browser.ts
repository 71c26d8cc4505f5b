/**
 * sql.js for the renderer: the wasm is a Vite asset of our own origin (no CDN, works offline and
 * under the CSP's connect-src 'self'). Loaded once, on first use. In the single-file edition the
 * asset is inlined as a data: URL; it is then handed to sql.js as bytes, nothing is fetched.
 */
import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import type { SqlJs } from '../shared/storage/sqljs';

let loading: Promise<SqlJs> | null = null;

const BASE64_DATA_URL = /^data:[^,]*;base64,/;

function inlinedWasm(url: string): Uint8Array | null {
  const m = BASE64_DATA_URL.exec(url);
  if (!m) return null;
  const text = atob(url.slice(m[0].length));
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export function loadSqlJs(): Promise<SqlJs> {
  const wasmBinary = inlinedWasm(wasmUrl);
  loading ??= initSqlJs(wasmBinary ? { wasmBinary: wasmBinary as unknown as ArrayBuffer } : { locateFile: () => wasmUrl }).catch((e: unknown) => {
    loading = null;
    throw e;
  });
  return loading;
}
