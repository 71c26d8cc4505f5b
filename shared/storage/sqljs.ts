/**
 * The sql.js module, injected: shared/ stays isomorphic, so it never loads the wasm itself.
 *
 * Loaders per platform:
 * - Node (CLI, tests, Electron main): `loadSqlJsNode()` in cli/sqljs-node.ts.
 * - Browser / Electron renderer (Vite): let Vite hand out the wasm URL, so nothing is fetched from
 *   a CDN (the app runs offline):
 *     import initSqlJs from 'sql.js';
 *     import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url'; // same bytes as sql-wasm.wasm
 *     const sql: SqlJs = await initSqlJs({ locateFile: () => wasmUrl });
 *   and cache the promise, as the Node loader does.
 */
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';

export type SqlJs = SqlJsStatic;
export type SqlDatabase = Database;
export type { SqlValue };
