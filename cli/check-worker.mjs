// A worker thread of `check DIR`: checks the files it is sent, one at a time (TypeScript through tsx).
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { checkEntry } = await import('./check-file.ts');
parentPort.on('message', async ({ index, path }) => {
  parentPort.postMessage({ index, entry: await checkEntry(path) });
});
parentPort.postMessage({ ready: true });
