/**
 * Where an edit's allocations go: the bench's random input edits on a Session (the sample with
 * `sample`, else the large synthetic department), with V8's sampling heap profiler on over the
 * measured edits. Prints the bytes allocated per edit and the sites that allocate most (a site is
 * the allocating function and its caller). `survivors`: only what outlived a young-generation GC
 * (what gets promoted and churns the old generation); `only=function`: edits of that input type.
 *
 * Allocations are counted, not timed, so the figures hold on a busy machine. For line numbers,
 * run it bundled (under tsx every function reports line 1):
 *   npx esbuild bench/alloc-edits.ts --bundle --platform=node --format=esm --external:sql.js --outfile=/tmp/alloc.mjs
 *   node /tmp/alloc.mjs sample only=function 1000      # lines are then the bundle's
 */
import { Session as Inspector } from 'node:inspector/promises';
import { builtinCatalog } from '../shared/catalog/index';
import { Session } from '../shared/engine/session';
import { readInput } from '../shared/model/edit';
import { yubeiBigData2024 } from '../shared/sample/yubei-2024';
import { inputCells, prng, randomInputEdit } from './random-edits';
import { syntheticBudget } from './synthetic';

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('only='))?.slice(5);
const survivors = args.includes('survivors');
const edits = Number(args.find((a) => /^\d+$/.test(a)) ?? 1000);
const WARMUP = 300;

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

const session = new Session(args.includes('sample') ? yubeiBigData2024() : syntheticBudget(builtinCatalog()), { schedule: null });
const rnd = prng(Number(process.env.SEED ?? 1));
const inspector = new Inspector();
inspector.connect();
let cells = inputCells(session.tables);
let done = 0;
let measured = 0;
for (let i = 0; measured < edits && i < (WARMUP + edits) * 40; i++) {
  if (i % 50 === 0) cells = inputCells(session.tables);
  const edit = randomInputEdit(rnd, session.tables, (ref) => readInput(session.budget, ref), true, cells);
  if (!edit) break;
  const counted = done >= WARMUP;
  if (counted && only && (edit.op !== 'set' || edit.ref.t !== only)) continue;
  if (done === WARMUP && measured === 0) {
    await inspector.post('HeapProfiler.startSampling', {
      samplingInterval: 1024,
      // Options of V8's profiler that @types/node does not list yet.
      ...({ includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: !survivors } as object),
    });
  }
  if (!session.apply(edit).ok) continue;
  done++;
  if (counted) measured++;
}
const { profile } = (await inspector.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: ProfileNode } };
const frame = (n: ProfileNode) => `${n.callFrame.functionName || '(匿名)'} ${n.callFrame.url.replace(/^.*\/(?=(shared|bench|cli|node_modules)\/)/, '').replace(/^file:\/\//, '')}:${n.callFrame.lineNumber + 1}`;
const bySite = new Map<string, number>();
let total = 0;
const walk = (n: ProfileNode, caller: string) => {
  const here = frame(n);
  if (n.selfSize) {
    total += n.selfSize;
    const k = `${here}  ←  ${caller}`;
    bySite.set(k, (bySite.get(k) ?? 0) + n.selfSize);
  }
  for (const c of n.children) walk(c, here);
};
walk(profile.head, '');
const kib = (b: number) => (b / 1024).toFixed(1);
console.log(`${measured} 次录入${only ? `（仅 ${only}）` : ''}：${survivors ? '活过新生代 GC 的' : ''}分配 ${kib(total / measured)} KiB/次`);
for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 30))) {
  console.log(`${kib(bytes / measured).padStart(8)} KiB/次  ${site}`);
}
