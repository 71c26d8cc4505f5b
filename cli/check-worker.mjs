// The worker of `check DIR` when the CLI runs as TypeScript (tests, bench): cli/check-worker.ts
// through tsx. The bundled CLI uses dist-cli/check-worker.mjs instead (cli/build.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./check-worker.ts');
