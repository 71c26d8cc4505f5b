// A worker thread of `check DIR`: checks the files it is sent, one at a time. Started from
// dist-cli/check-worker.cjs (the bundle) or cli/check-worker.mjs (TypeScript through tsx).
import { parentPort } from 'node:worker_threads';
import { checkEntry } from './check-file';

export function serveChecks(): void {
  const port = parentPort!;
  port.on('message', async ({ index, path }: { index: number; path: string }) => {
    port.postMessage({ index, entry: await checkEntry(path) });
  });
  port.postMessage({ ready: true });
}
