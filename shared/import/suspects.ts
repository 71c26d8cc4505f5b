/**
 * The import's localisation: every printed amount is an observation with its address; the template's
 * identities tie them together; the smallest set of cells whose correction makes all of them hold
 * are the suspects. The budget is then built from the agreeing copies (a suspect's printed value is
 * replaced by the agreed one before assembling), and each suspect is one finding.
 */
import { fenToWan, formatYuan, type Fen } from '../money/money';
import type { Finding } from '../rules/types';
import type { TemplateSet } from '../tables/template-types';
import { colLetter, labelKey } from './grid';
import { generateIdentities, refKey, type CellRef } from './identities';
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
export async function localiseSlips(state: ImportState, templates: TemplateSet): Promise<{ findings: SuspectFinding[]; suspectKeys: Set<string> }> {
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
  const { groups } = await localise(
    obs.map((o) => ({ ref: o.ref, fen: o.p.fen, tol: intervalOf(o.p) })),
    identities,
  );
  const findings: SuspectFinding[] = [];
  const suspectKeys = new Set<string>();
  for (const group of groups) {
    const printed = group.map((s) => byKey.get(refKey(s.ref))!);
    const rules = (s: Suspect) => [...new Set(s.broken.map((i) => i.rule))].join('、');
    const [first] = group;
    let message: string;
    if (group.length === 1) {
      const p = printed[0];
      const example = first.broken[0] ? `，如 ${first.broken[0].message}` : '';
      message = `${placeOf(p)}：文件中为 ${amount(p, first.printed)}，其他各表一致的数为 ${amount(p, first.agreed)}（违反 ${rules(first) || '—'}${example}）；已按 ${amount(p, first.agreed)}导入，请核对`;
    } else {
      const list = group.map((s, i) => `${placeOf(printed[i])} 文件中为 ${amount(printed[i], s.printed)}，若此处有误应为 ${amount(printed[i], s.agreed)}（违反 ${rules(s) || '—'}）`);
      message = `以下 ${group.length} 处中有一处有误，各表无法判定是哪一处：${list.join('；')}；已按第一处有误导入，请核对`;
    }
    findings.push({ finding: { id: 'IMP-01', severity: 'error', message, cells: [] }, printed });
    // Build from the agreeing copies: the first candidate's correction.
    const p = printed[0];
    suspectKeys.add(refKey(first.ref));
    for (const s of group) suspectKeys.add(refKey(s.ref));
    correct(state, first.ref, p, first.agreed);
  }
  return { findings, suspectKeys };
}

/** The agreed value replaces the printed one, and the input read from that cell. */
function correct(state: ImportState, ref: CellRef, p: Printed, agreed: Fen): void {
  p.fen = agreed;
  const row = state.trees.get(ref.table)?.get(ref.row);
  if (row && ref.col in row.values) row.values[ref.col] = agreed;
  if (ref.table === 't10' && state.threePublic && ref.col in state.threePublic) state.threePublic[ref.col] = agreed;
  const block = /^t1[67]:#(\d+)$/.exec(ref.table);
  if (block) {
    const b = state.blocks[Number(block[1])];
    if (ref.row === 'budget' && ref.col === 'c4') b.district = agreed;
    if (ref.row === 'town' && ref.col === 'c4') b.town = agreed;
  }
  if (ref.table === 't1' && ref.col === 'outAmount' && /^R:结转下年#/.test(ref.row)) state.carryForward.t1 = agreed;
}
