/**
 * The CLI tests run `node cli/bin.mjs`, which loads the bundle dist-cli/main.cjs: build it from the
 * current sources once before the unit tests, so they never test a stale bundle.
 */
import { buildCli } from '../../cli/build.mjs';

export default async function setup(): Promise<void> {
  await buildCli();
}
