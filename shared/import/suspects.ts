/**
 * The import's localisation: every printed amount is an observation with its address; the template's
 * identities tie them together; the smallest set of cells whose correction makes all of them hold
 * are the suspects. The budget is then built from the agreeing copies (a suspect's printed value is
 * replaced by the agreed one before assembling), and each suspect is one finding.
 */
import { addTo } from '../arrays';
import { fenToWan, formatYuan, type Fen } from '../money/money';
import type { Finding } from '../rules/types';
import { COL } from '../rules/roles';
import type { TemplateSet } from '../tables/template-types';
import { colLetter, labelKey } from './grid';
import { generateIdentities, refKey, type CellRef, type Identity } from './identities';
import { localise, type Suspect } from './localise';
import type { ImportState, Printed } from './read';

/** A printed cell's half interval: a 万元 amount shown with d decimals is anything within ½·10^−d 万元. */
function intervalOf(p: Printed): Fen {
  if (p.unit !== '万元') return 0;
  const d = Math.min(6, Math.max(2, p.decimals));
  return Math.round(10 ** (6 - d) / 2);
}

/**
 * Observations carry the table id the localisation knows: a block is `t17:#i` (i its index) until it
 * is matched to a project; a 表十三 row and a block of the same name are one project ('#i' as well).
 */
function observed(state: ImportState): { obs: { ref: CellRef; p: Printed }[]; projectRows: Map<string, string> } {
  const obs = state.printed.filter((p) => p.kind === 'money').map((p) => ({ ref: { table: p.table, row: p.row, col: p.col }, p }));
  const projectRows = new Map<string, string>();
  const used = new Set<number>();
  state.blocks.forEach((b, i) => {
    for (const p of b.printed) obs.push({ ref: { table: `${b.table}:#${i}`, row: p.row, col: p.col }, p });
    const row = (state.projectRows ?? []).findIndex((r, j) => !used.has(j) && labelKey(r.name) === labelKey(b.name));
    if (row >= 0) {
      used.add(row);
      projectRows.set(`#${row}`, `#${i}`);
    } else projectRows.set(`block${i}`, `#${i}`); // a project of its own, in 表十三's 合计 all the same
  });
  (state.projectRows ?? []).forEach((_, j) => projectRows.has(`#${j}`) || projectRows.set(`#${j}`, `row${j}`));
  return { obs, projectRows };
}

function rowName(p: Printed): string {
  if (p.row === 'total') return '合计';
  const summary = /^([LR]):(.+)#\d+$/.exec(p.row);
  if (summary) return summary[2] === '合计' ? `${summary[1] === 'L' ? '收入' : '支出'}合计` : summary[2].replace(/^类(\d{3})$/, '$1');
  return /^\d+$/.test(p.row) ? p.row : '';
}

export function placeOf(p: Printed): string {
  return `工作表“${p.sheet}”第${p.rowNo}行“${p.label}”列（${colLetter(p.colNo)}${p.rowNo}）`;
}

function amount(p: Printed, fen: Fen): string {
  return p.unit === '万元' ? `${fenToWan(fen, Math.min(6, Math.max(2, p.decimals)))} 万元（${formatYuan(fen)}）` : formatYuan(fen);
}

export interface SuspectFinding {
  finding: Finding;
  /** The printed cells of the finding, for their final table ids (blocks, projects, procurement). */
  printed: Printed[];
}

/**
 * Localises the slips of what was read, corrects the suspects' values in `state` (printed values and
 * the inputs read from them) and returns one finding per slip. Throws when the solver cannot load.
 */
export async function localiseSlips(state: ImportState, templates: TemplateSet): Promise<SuspectFinding[]> {
  const { obs, projectRows } = observed(state);
  const project = (ref: CellRef) => {
    const block = /:#(\d+)$/.exec(ref.table);
    const name = block ? state.blocks[Number(block[1])]?.name : /^#\d+$/.test(ref.row) ? state.projectRows?.[Number(ref.row.slice(1))]?.name : undefined;
    return name ? `“${name}”` : '';
  };
  const labelled = obs.map((o) => {
    const row = project(o.ref) || rowName(o.p);
    return { ref: o.ref, fen: o.p.fen, label: `${row}${row ? ' ' : ''}${o.p.label}` };
  });
  const identities = generateIdentities({ cells: labelled, templates, catalog: state.catalog, projectRows });
  const byKey = new Map(obs.map((o) => [refKey(o.ref), o.p]));
  let groups: Suspect[][];
  try {
    ({ groups } = await localise(
      obs.map((o) => ({ ref: o.ref, fen: o.p.fen, tol: intervalOf(o.p) })),
      identities,
    ));
  } catch (e) {
    // Fail closed: without the solver every difference is still reported, by the comparison.
    state.add('IMP-10', 'unverifiable', `无法定位有误的单元格（${(e as Error).message}），以下按明细计算逐格核对`);
    return [];
  }
  const findings: SuspectFinding[] = [];
  for (const slip of slipsOf(groups, identities)) {
    const cells = [...new Map(slip.flat().map((x) => [refKey(x.ref), x])).values()];
    const printed = cells.map((x) => byKey.get(refKey(x.ref))!);
    const rules = (x: Suspect) => [...new Set(x.broken.map((i) => i.rule))].join('、') || '—';
    let message: string;
    if (cells.length === 1) {
      const [x] = cells;
      const p = printed[0];
      const example = x.broken[0] ? `，如 ${x.broken[0].message}` : '';
      message = `${placeOf(p)}：文件中为 ${amount(p, x.printed)}，其他各表一致的数为 ${amount(p, x.agreed)}（违反 ${rules(x)}${example}）；已按 ${amount(p, x.agreed)}导入，请核对`;
    } else {
      const shown = cells.slice(0, MAX_LISTED).map((x, i) => `${placeOf(printed[i])} 文件中为 ${amount(printed[i], x.printed)}，若此处有误应为 ${amount(printed[i], x.agreed)}（违反 ${rules(x)}）`);
      const more = cells.length > MAX_LISTED ? `等 ${cells.length} 处` : '';
      const which = slip.length === 1 ? '以下哪一处有误' : `以下哪 ${slip.length} 处有误（改正 ${slip.length} 处即可使各表一致）`;
      message = `各表无法判定${which}：${shown.join('；')}${more}；已按${slip.map((g) => `第 ${cells.indexOf(g[0]) + 1} 处`).join('、')}有误导入，请核对`;
    }
    findings.push({ finding: { id: 'IMP-01', severity: 'error', message, cells: [] }, printed });
    // Build from the agreeing copies: each group's first candidate corrected.
    for (const g of slip) correct(state, templates, g[0].ref, byKey.get(refKey(g[0].ref))!, g[0].agreed);
  }
  return findings;
}

const MAX_LISTED = 12;

/**
 * One slip per set of suspects that share an identity: a 款 raised with its 类 and 合计 is one slip
 * (one finding), however many cells the tables would have to correct.
 */
function slipsOf(groups: readonly Suspect[][], identities: readonly Identity[]): Suspect[][][] {
  const owner = new Map<string, number>();
  const parent = groups.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  groups.forEach((g, i) => g.forEach((x) => owner.set(refKey(x.ref), i)));
  for (const id of identities) {
    const touched = [...new Set([...id.a, ...id.b].map((c) => owner.get(refKey(c))).filter((i): i is number => i !== undefined))];
    for (const i of touched.slice(1)) parent[find(i)] = find(touched[0]);
  }
  const out = new Map<number, Suspect[][]>();
  groups.forEach((g, i) => addTo(out, find(i), g));
  return [...out.values()];
}

/** The agreed value replaces the printed one, and the input read from that cell. */
function correct(state: ImportState, templates: TemplateSet, ref: CellRef, p: Printed, agreed: Fen): void {
  p.fen = agreed;
  const row = state.trees.get(ref.table)?.get(ref.row);
  if (row && ref.col in row.values) row.values[ref.col] = agreed;
  const [id, blockIndex] = ref.table.split(':#');
  const t = templates.tables.find((x) => x.id === id);
  if (t?.role === 'threePublic' && state.threePublic && ref.col in state.threePublic) state.threePublic[ref.col] = agreed;
  if (t?.body.type === 'projectBlocks' && blockIndex !== undefined) {
    const b = state.blocks[Number(blockIndex)];
    if (ref.row === 'budget' && ref.col === 'c4') b.district = agreed;
    if (ref.row === 'town' && ref.col === 'c4') b.town = agreed;
  }
  if (t?.role === 'summary' && ref.col === COL.outAmount && /^R:结转下年#/.test(ref.row)) state.carryForward.all = agreed;
}
