/**
 * sql.js for the renderer: the wasm is a Vite asset of our own origin (no CDN, works offline and
 * under the CSP's connect-src 'self'). Loaded once, on first use.
 */
import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import type { SqlJs } from '../shared/storage/sqljs';

let loading: Promise<SqlJs> | null = null;

export function loadSqlJs(): Promise<SqlJs> {
  loading ??= initSqlJs({ locateFile: () => wasmUrl }).catch((e: unknown) => {
    loading = null;
    throw e;
  });
  return loading;
}
