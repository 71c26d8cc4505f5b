// The worker of `check DIR` when the CLI runs as TypeScript (tests, bench): cli/serve-checks.ts
// through tsx. The bundled CLI uses dist-cli/check-worker.cjs instead (cli/build.mjs).
import { register } from 'tsx/esm/api';

register();
const { serveChecks } = await import('./serve-checks.ts');
await serveChecks();
