#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so `npx budget-workbench` works right after `npm ci`
// without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
