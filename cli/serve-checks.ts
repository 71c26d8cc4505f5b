// A worker thread of `check DIR`: checks the files it is sent, one at a time. Started from
// dist-cli/check-worker.cjs (the bundle) or cli/check-worker.mjs (TypeScript through tsx).
import { checkEntry } from './check-file';

export async function serveChecks(): Promise<void> {
  // Imported here: main.cjs, which exports this, should not load node:worker_threads at every start.
  const port = (await import('node:worker_threads')).parentPort!;
  port.on('message', async ({ index, path }: { index: number; path: string }) => {
    port.postMessage({ index, entry: await checkEntry(path) });
  });
  port.postMessage({ ready: true });
}
