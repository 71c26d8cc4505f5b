/**
 * sql.js for Node (CLI, tests, Electron main): the wasm is read from node_modules/sql.js/dist, never
 * fetched. Loaded once per process; a failed load is not cached, so a retry can succeed.
 * (The browser loader lives with the UI; see shared/storage/sqljs.ts.)
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { SqlJs } from '../shared/storage/sqljs';

let loading: Promise<SqlJs> | null = null;

export function loadSqlJsNode(): Promise<SqlJs> {
  if (!loading) {
    const require = createRequire(import.meta.url);
    const distDir = dirname(require.resolve('sql.js/dist/sql-wasm.wasm'));
    // sql.js itself is loaded on first use: `--help` and the usage errors never need it.
    const attempt = import('sql.js').then(({ default: initSqlJs }) => initSqlJs({ locateFile: (file: string) => join(distDir, file) }));
    loading = attempt;
    attempt.catch(() => {
      if (loading === attempt) loading = null;
    });
  }
  return loading;
}
