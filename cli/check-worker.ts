// A worker thread of `check DIR`: checks the files it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { checkEntry } from './check-file';

const port = parentPort!;
port.on('message', async ({ index, path }: { index: number; path: string }) => {
  port.postMessage({ index, entry: await checkEntry(path) });
});
port.postMessage({ ready: true });
