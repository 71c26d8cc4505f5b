/**
 * Incremental re-derivation. An edit touches a few inputs; only the tables built from them are
 * re-derived, and always by the one interpreter (deriveTable) — never by a second copy of the
 * table logic:
 *  - a function tree (表二、三、五、十一、十二) re-builds only the rows an edit can change, by the
 *    interpreter's functionTreeRows (which builds only the wanted rows): the 合计 row from a view
 *    holding one summed line per 基本/项目 × source, the 类/款/项 rows over the edited codes (every
 *    row of the edited 类 when lines came or went) from a view holding that 类's lines;
 *  - an economic tree (表六–表九) is re-derived only when lines of its scheme and kind changed;
 *  - a project block (表十六/十七) re-derives only that project's block, from a view holding only
 *    that project;
 *  - a project list (表十三) re-derives only the edited projects' rows, plus its 合计 row from a
 *    view holding one project whose amounts are the sums of all;
 *  - a summary table (表一/表四) is derived whole (its derivation sums the lines by 类 × 基本/项目 ×
 *    source first: derive.ts summary);
 *  - every other affected table is re-derived whole (they are small).
 * A re-derived row equal to the one it replaces is replaced by that old object, and a table whose
 * every part is equal stays the old object: per-row memos of the rules hit, and a table that did
 * not change is not reported as changed (its rules and the rules reading it do not re-run).
 * The result equals a full deriveTables; tests/unit/engine-property.test.ts checks this on random edits.
 */
import { copyMap } from '../arrays';
import { addFen } from '../money/money';
import type { Edit } from '../model/edit';
import { SOURCES, type Budget, type EconScheme, type FunctionLine, type SourceKey, type SpendKind } from '../model/types';
import { deriveTable, functionTreeRows, linesByClassSourceAndKind, linesBySourceAndKind, type DeriveContext } from '../tables/derive';
import type { BodyDef, TableTemplate } from '../tables/template-types';
import { carryRowIndex, rowOf } from '../tables/lookup';
import type { Cell, DerivedTable, InputRef, Row } from '../tables/types';
import type { InputDomain } from '../rules/types';

/** What an edit (or a group of edits) changed. */
export interface Change {
  domains: Set<InputDomain>;
  /** 类 codes whose function lines changed; 'all' when unknown. */
  functionClasses: Set<string> | 'all';
  /** 项 codes whose amounts were set (no line came or went); 'all' when lines were inserted or removed. */
  functionCodes: Set<string> | 'all';
  /** Sources (funds) of the function lines that changed; 'all' when unknown. */
  functionSources: Set<SourceKey> | 'all';
  /** Projects whose content changed; 'all' when projects were added or removed. */
  projects: Set<string> | 'all';
  /** A field that 表十三 prints (name, unit, amounts, description) changed, or projects came or went. */
  projectList: boolean;
  /** The economic trees (`scheme:kind`) whose lines changed; 'all' when unknown. */
  econTrees: Set<string> | 'all';
}

export function emptyChange(): Change {
  return {
    domains: new Set(),
    functionClasses: new Set(),
    functionCodes: new Set(),
    functionSources: new Set(),
    projects: new Set(),
    projectList: false,
    econTrees: new Set(),
  };
}

/** Everything changed (a new budget, a new catalog). */
export function fullChange(): Change {
  return {
    domains: new Set<InputDomain>([
      'meta', 'units', 'functionLines', 'econLines', 'threePublic', 'projects', 'indicators', 'procurement', 'performance',
      'assets', 'texts', 'names', 'carryForward', 'priorOperatingCost',
    ]),
    functionClasses: 'all',
    functionCodes: 'all',
    functionSources: 'all',
    projects: 'all',
    projectList: true,
    econTrees: 'all',
  };
}

const LIST_FIELDS = new Set(['name', 'unitCode', 'unitName', 'description']);

function addLine(c: Change, code: string, source: SourceKey | undefined) {
  c.domains.add('functionLines');
  if (c.functionClasses !== 'all') c.functionClasses.add(code.slice(0, 3));
  if (source === undefined) c.functionSources = 'all';
  else if (c.functionSources !== 'all') c.functionSources.add(source);
}

function addEcon(c: Change, scheme: EconScheme, kind: SpendKind) {
  c.domains.add('econLines');
  if (c.econTrees !== 'all') c.econTrees.add(`${scheme}:${kind}`);
}

function addProject(c: Change, id: string, listToo: boolean, domain: 'projects' | 'indicators' = 'projects') {
  c.domains.add(domain);
  if (c.projects !== 'all') c.projects.add(id);
  if (listToo) c.projectList = true;
}

/** Adds to `c` what one edit touches. */
export function noteEdit(c: Change, e: Edit): Change {
  switch (e.op) {
    case 'set': {
      const ref = e.ref;
      switch (ref.t) {
        case 'function':
          addLine(c, ref.code, ref.source);
          if (c.functionCodes !== 'all') c.functionCodes.add(ref.code);
          break;
        case 'econ':
          addEcon(c, ref.scheme, ref.kind);
          break;
        case 'threePublic':
          c.domains.add('threePublic');
          break;
        case 'project':
          addProject(c, ref.id, LIST_FIELDS.has(ref.field));
          break;
        case 'projectMoney':
          addProject(c, ref.id, false);
          break;
        case 'projectAmount':
          addProject(c, ref.id, true);
          break;
        case 'indicator':
          if (ref.owner === 'department') c.domains.add('performance');
          else addProject(c, ref.owner, false, 'indicators');
          break;
        case 'procurement':
        case 'procurementMoney':
          c.domains.add('procurement');
          break;
        case 'text':
          c.domains.add(ref.key === 'performance.goal' ? 'performance' : 'texts');
          break;
      }
      break;
    }
    case 'insertFunctionLines':
      c.domains.add('functionLines');
      for (const l of e.lines) addLine(c, l.code, l.source);
      c.functionCodes = 'all';
      break;
    case 'removeFunctionLines':
      addLine(c, e.code, e.source);
      c.functionCodes = 'all';
      break;
    case 'insertEconLine':
      addEcon(c, e.line.scheme, e.line.kind);
      break;
    case 'removeEconLine':
      addEcon(c, e.scheme, e.kind);
      break;
    case 'insertProject':
    case 'removeProject':
      c.domains.add('projects');
      c.projects = 'all';
      c.projectList = true;
      break;
    case 'insertIndicator':
    case 'removeIndicator':
      if (e.owner === 'department') c.domains.add('performance');
      else addProject(c, e.owner, false, 'indicators');
      break;
    case 'insertProcurement':
    case 'removeProcurement':
      c.domains.add('procurement');
      break;
    case 'setMeta':
      c.domains.add('meta');
      break;
    case 'insertUnit':
    case 'removeUnit':
    case 'setUnit':
      c.domains.add('units');
      break;
    case 'setName':
      c.domains.add('names');
      break;
  }
  return c;
}

/** The input domains a template's tables are built from. */
export function templateDomains(body: BodyDef): InputDomain[] {
  switch (body.type) {
    case 'functionTree':
      return ['meta', 'functionLines', 'names'];
    case 'summary':
      return ['meta', 'functionLines', 'names', 'carryForward'];
    case 'econTree':
      return ['meta', 'econLines', 'names'];
    case 'form':
      return body.owner === 'threePublic' ? ['meta', 'threePublic'] : ['meta', 'functionLines', 'carryForward', 'performance'];
    case 'projectBlocks':
      return ['meta', 'projects', 'indicators'];
    case 'projectList':
      return ['meta', 'projects'];
    case 'procurement':
      return ['meta', 'procurement'];
  }
}

const CLASS_CODE = /^\d{3}$/;

function hasMoney(rows: readonly Row[]): boolean {
  return rows.some((r) => r.cells.some((c) => c.kind === 'money' && (c.fen ?? 0) !== 0));
}

const sourcesCache = new WeakMap<BodyDef, SourceKey[]>();

/** The sources a function tree's columns sum (a column without a filter reads every source). */
function treeSources(body: Extract<BodyDef, { type: 'functionTree' }>): SourceKey[] {
  let v = sourcesCache.get(body);
  if (!v) {
    const set = new Set<SourceKey>();
    for (const c of body.columns) if (c.kind === 'money') for (const x of c.value.sources ?? SOURCES) set.add(x);
    sourcesCache.set(body, (v = [...set]));
  }
  return v;
}

/** What every function tree's patch reads, computed once per re-derivation. */
interface TreeInputs {
  /** Every line has a 7-digit code (else trees are derived whole). */
  codesOk: boolean;
  /** The 合计 view: one summed line per 基本/项目 × source (null: sums beyond exact integers). */
  totalLines: FunctionLine[] | null;
  /** The lines of each edited 类. */
  classLines: Map<string, FunctionLine[]>;
}

function treeInputs(budget: Budget, classes: ReadonlySet<string>, grouped: FunctionLine[] | null): TreeInputs {
  const lines = budget.functionLines;
  const classLines = new Map<string, FunctionLine[]>();
  for (const c of classes) classLines.set(c, []);
  let codesOk = true;
  // One edited 类 of three characters (a typed amount): a prefix test, no 3-character string per line.
  const [only, onlyLines] = classLines.size === 1 ? [...classLines][0] : ['', null];
  const single = onlyLines && only.length === 3 ? onlyLines : null;
  for (const l of lines) {
    const code = l.code;
    if (codesOk && !isItemCode(code)) codesOk = false;
    if (single) {
      if (code.startsWith(only)) single.push(l);
    } else classLines.get(code.slice(0, 3))?.push(l);
  }
  // The sums by source and kind read the same from the lines summed by 类 (fewer to add up).
  return { codesOk, totalLines: linesBySourceAndKind(grouped ?? lines, '0000000'), classLines };
}

/** A 7-digit code (what a 项 row's key is), tested without a regular expression. */
function isItemCode(code: string): boolean {
  if (code.length !== 7) return false;
  for (let i = 0; i < 7; i++) {
    const d = code.charCodeAt(i);
    if (d < 48 || d > 57) return false;
  }
  return true;
}

/** The first position from `from` in rows sorted by key whose key is not below `key`. */
function lowerBound(rows: readonly Row[], from: number, key: string): number {
  let lo = from;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid].key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A function tree with only the rows the edit can change re-built, each from a view of the budget
 * holding only the lines it reads: the 合计 row from one summed line per 基本/项目 × source, the
 * 类/款/项 rows over the edited codes (every row of the edited 类 when lines came or went) from
 * that 类's lines. Every other row is the old object, and so is a re-built row equal to the old one
 * (`old` itself when every row is). null when the budget has odd codes or the table's emptiness
 * changes: derive it whole.
 */
function patchFunctionTree(t: TableTemplate, old: DerivedTable, budget: Budget, ctx: DeriveContext, change: Change, inputs: TreeInputs): DerivedTable | null {
  const classes = change.functionClasses;
  if (classes === 'all' || !inputs.codesOk || !inputs.totalLines || old.body[0]?.key !== 'total') return null;
  // An edited line of an odd code (now removed) names a 类 that is no 3-digit prefix: derive it whole.
  for (const cls of classes) if (!CLASS_CODE.test(cls)) return null;
  const view = (lines: FunctionLine[]): Budget => ({ ...budget, functionLines: lines });
  let body: Row[] | null = null; // copied on the first row that differs
  // The old rows handed in: a re-built row's unchanged cells (most of them) are the old objects.
  const total = functionTreeRows(t, view(inputs.totalLines), ctx, (key) => key === 'total', () => old.body[0]).rows[0];
  if (!total) return null;
  if (!sameRow(old.body[0], total)) (body = old.body.slice())[0] = total;
  const oldRow = (key: string) => rowOf(old, key);
  const codes = change.functionCodes;
  // A row sums the lines under its key: with 7-digit codes, an edited code changes its 类, 款 and 项 rows.
  let wanted = (key: string) => key !== 'total';
  if (codes !== 'all') {
    const under = new Set<string>();
    for (const c of codes) under.add(c.slice(0, 3)).add(c.slice(0, 5)).add(c);
    wanted = (key) => under.has(key);
  }
  for (const cls of classes) {
    const rows = body ?? old.body;
    const fresh = functionTreeRows(t, view(inputs.classLines.get(cls) ?? []), ctx, wanted, oldRow);
    const keys = fresh.keys;
    // The old rows of the 类: the run of keys from cls up to the first not under it (rows after
    // 合计 are in code order, and a key under cls sorts below cls + ':', the character after '9').
    const at = lowerBound(rows, 1, cls);
    const end = lowerBound(rows, at, `${cls}:`);
    const n = keys.length - 1; // (fresh.keys[0] is 合计)
    let same = end - at === n;
    for (let i = 0; same && i < n; i++) same = rows[at + i].key === keys[i + 1];
    if (same) {
      // The same rows: only the re-built ones can differ.
      for (let i = 0; i < n; i++) {
        const row = fresh.rows[i + 1];
        if (!row || sameRow(rows[at + i], row)) continue;
        (body ??= old.body.slice())[at + i] = row;
      }
      continue;
    }
    const byKey = new Map<string, Row>();
    for (let i = at; i < end; i++) byKey.set(rows[i].key, rows[i]);
    const next: Row[] = [];
    for (let i = 0; i < n; i++) {
      const key = keys[i + 1];
      const was = byKey.get(key);
      const row = fresh.rows[i + 1] ?? was;
      if (!row) return null; // a row to keep that the old table lacks: derive it whole
      next.push(was && row !== was && sameRow(was, row) ? was : row);
    }
    (body ??= old.body.slice()).splice(at, end - at, ...next);
  }
  if (!body) return old;
  if (!hasMoney(body) !== old.empty) return null; // the name line, note and emptiness change: derive it whole
  return { ...old, body };
}

/** Re-derives one project's block of a 表十六/十七 template; null when the set of blocks itself changes. */
function patchProjectBlocks(
  t: TableTemplate,
  category: 'key' | 'general',
  old: DerivedTable[],
  budget: Budget,
  ctx: DeriveContext,
  ids: Set<string>,
): DerivedTable[] | null {
  let out = old;
  for (const id of ids) {
    const p = budget.projects.find((x) => x.id === id);
    const belongs = !!p && p.hasTargets && p.category === category;
    const i = out.findIndex((x) => x.projectId === id);
    if (belongs !== i >= 0) return null;
    if (!belongs) continue;
    if (out === old) out = old.slice();
    out[i] = deriveTable(t, { ...budget, projects: [p!] }, ctx)[0];
  }
  return out;
}

/** Same own properties, compared by `same` (undefined and absent are alike, as in the saved JSON). */
function sameFields<T extends object>(a: T, b: T, same: (k: string, x: unknown, y: unknown) => boolean): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const k in x) if (!same(k, x[k], y[k])) return false;
  for (const k in y) if (x[k] === undefined && y[k] !== undefined) return false;
  return true;
}

const samePrimitive = (_k: string, x: unknown, y: unknown) => x === y;

const sameInput = (x: InputRef | undefined, y: InputRef | undefined) => x === y || (!!x && !!y && sameFields(x, y, samePrimitive));

/**
 * Same text first (what differs when anything does), then the same own fields (undefined and
 * absent alike). A for-in loop over the cell's own fields is quicker than naming every optional
 * field: reading a field a cell lacks walks its prototype chain, for every shape of cell.
 */
function sameCell(a: Cell, b: Cell): boolean {
  if (a.text !== b.text) return false;
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  for (const k in x) if (x[k] !== y[k] && !(k === 'input' && sameInput(a.input, b.input))) return false;
  for (const k in y) if (x[k] === undefined && y[k] !== undefined) return false;
  return true;
}

function sameRow(a: Row, b: Row): boolean {
  if (a === b) return true;
  if (a.key !== b.key || a.role !== b.role || a.level !== b.level || a.cells.length !== b.cells.length) return false;
  for (let i = 0; i < a.cells.length; i++) if (!sameCell(a.cells[i], b.cells[i])) return false;
  return true;
}

/** `fresh` rows replaced by the equal rows of `old` (same key); true when every row was. */
function keepRows(old: readonly Row[], fresh: Row[]): boolean {
  let all = old.length === fresh.length;
  let byKey: Map<string, Row> | null = null;
  for (let i = 0; i < fresh.length; i++) {
    const f = fresh[i];
    let o: Row | undefined = old[i];
    if (!o || o.key !== f.key) {
      if (!byKey) {
        byKey = new Map();
        for (const r of old) if (!byKey.has(r.key)) byKey.set(r.key, r);
      }
      o = byKey.get(f.key);
      all = false;
    }
    if (o && sameRow(o, f)) fresh[i] = o;
    else all = false;
  }
  return all;
}

const sameArray = (x: unknown, y: unknown, same: (a: unknown, b: unknown) => boolean) =>
  Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => same(v, y[i]));

/**
 * `fresh` with its unchanged rows taken from `old`, or `old` itself when nothing differs (derived
 * tables and rows are never mutated, so an equal old object stands for the new one).
 */
export function keepUnchanged(old: DerivedTable, fresh: DerivedTable): DerivedTable {
  if (old === fresh) return old;
  const header = fresh.header.slice();
  const body = fresh.body.slice();
  const rowsSame = keepRows(old.header, header) && keepRows(old.body, body);
  const same =
    rowsSame &&
    sameFields(old, fresh, (k, x, y) => {
      if (k === 'header' || k === 'body') return true; // compared above
      if (k === 'columns') return sameArray(x, y, (a, b) => sameFields(a as object, b as object, samePrimitive));
      return x === y || sameArray(x, y, (a, b) => a === b);
    });
  return same ? old : { ...fresh, header, body };
}

/** A template's re-derived tables with what did not change kept (by table id); `old` itself when nothing did. */
function keepUnchangedTables(old: readonly DerivedTable[] | undefined, fresh: DerivedTable[]): DerivedTable[] {
  if (!old || old === fresh) return fresh;
  let byId: Map<string, DerivedTable> | null = null;
  let same = old.length === fresh.length;
  const out = fresh.map((t, i) => {
    let o: DerivedTable | undefined = old[i];
    if (t === o) return t; // a block a patch kept (表十六/十七 keep all but the edited project's)
    if (o?.id !== t.id) {
      if (!byId) {
        byId = new Map();
        for (const x of old) byId.set(x.id, x);
      }
      o = byId.get(t.id);
    }
    const k = o ? keepUnchanged(o, t) : t;
    if (k !== old[i]) same = false;
    return k;
  });
  return same ? (old as DerivedTable[]) : out;
}

/** 表十三 with only the rows of `ids` re-derived; null when rows come or go (derive it whole). */
function patchProjectList(t: TableTemplate, old: DerivedTable, budget: Budget, ctx: DeriveContext, ids: Set<string>): DerivedTable | null {
  if (old.body[0]?.key !== 'total' || budget.projects.length === 0) return null;
  try {
    const body = old.body.slice();
    for (const id of ids) {
      const p = budget.projects.find((x) => x.id === id);
      const at = body.findIndex((r) => r.key === id);
      if (!p || at < 0) return null;
      const fresh = deriveTable(t, { ...budget, projects: [p] }, ctx)[0].body;
      if (fresh.length !== 2 || fresh[1].key !== id) return null;
      body[at] = fresh[1];
    }
    // The 合计 row reads only the sums by source: one project holding them gives the same row.
    const sums: Partial<Record<SourceKey, number>> = {};
    for (const p of budget.projects) {
      for (const [k, v] of Object.entries(p.amounts) as [SourceKey, number | undefined][]) if (v !== undefined) sums[k] = addFen(sums[k] ?? 0, v);
    }
    const total = deriveTable(t, { ...budget, projects: [{ ...budget.projects[0], amounts: sums }] }, ctx)[0].body[0];
    if (total?.key !== 'total') return null;
    body[0] = total;
    if (!hasMoney(body) !== old.empty) return null; // the name line, note and emptiness change
    return { ...old, body };
  } catch {
    return null; // the whole derivation reports it
  }
}

/**
 * Re-derives what `change` touches. `current` maps template id → its tables; returns the new map
 * (unchanged templates keep their table objects) and the ids of templates whose tables changed.
 */
export function rederive(
  current: ReadonlyMap<string, DerivedTable[]>,
  budget: Budget,
  ctx: DeriveContext,
  change: Change,
): { tables: Map<string, DerivedTable[]>; changed: Set<string> } {
  const out = copyMap(current);
  const changed = new Set<string>();
  const d = change.domains;
  let inputs: TreeInputs | undefined;
  // The function lines summed by 类 × source × kind, once for every table that reads only such sums
  // (表一/表四 and the trees' 合计 rows): undefined until asked, null when they cannot stand in.
  let grouped: FunctionLine[] | null | undefined;
  const groupedLines = () => (grouped === undefined ? (grouped = linesByClassSourceAndKind(budget.functionLines)) : grouped);
  let summaryView: Budget | undefined;
  for (const t of ctx.templates.tables) {
    const body = t.body;
    const affected = templateDomains(body).some((x) => d.has(x));
    if (!affected) continue;
    const old = current.get(t.id);
    let next: DerivedTable[] | null = null;
    if (old && !d.has('meta')) {
      if (body.type === 'functionTree' && !d.has('names') && change.functionClasses !== 'all') {
        if (!d.has('functionLines')) continue;
        // A tree reads only the sources of its columns (表十一 政府性基金 …): other funds' lines leave it as it is.
        const changedSources = change.functionSources;
        if (changedSources !== 'all' && !treeSources(body).some((x) => changedSources.has(x))) continue;
        const patched = patchFunctionTree(t, old[0], budget, ctx, change, (inputs ??= treeInputs(budget, change.functionClasses, groupedLines())));
        if (patched === old[0]) continue; // every re-built row equals the old one
        if (patched) {
          // Its unchanged rows are the old objects already: nothing left to compare.
          carryRowIndex(patched, old[0]);
          out.set(t.id, [patched]);
          changed.add(t.id);
          continue;
        }
      } else if (body.type === 'econTree' && !d.has('names') && change.econTrees !== 'all') {
        // An economic tree reads only its scheme's lines of its kind: an edit of another leaves it as it is.
        if (!change.econTrees.has(`${body.scheme}:${body.kind}`)) continue;
      } else if (body.type === 'projectBlocks' && change.projects !== 'all') {
        if (!d.has('projects') && !d.has('indicators')) continue;
        next = patchProjectBlocks(t, body.category, old, budget, ctx, change.projects);
      } else if (body.type === 'projectList') {
        if (!change.projectList) continue;
        if (change.projects !== 'all') {
          const patched = patchProjectList(t, old[0], budget, ctx, change.projects);
          next = patched ? [patched] : null;
        }
      }
    }
    let whole = budget;
    if (!next && body.type === 'summary' && d.has('functionLines')) {
      // A summary groups the lines by 类 × source × kind first: grouping them again changes nothing.
      const lines = groupedLines();
      if (lines) whole = summaryView ??= { ...budget, functionLines: lines };
    }
    const fresh = keepUnchangedTables(old, next ?? deriveTable(t, whole, ctx, old));
    if (fresh === old) continue;
    if (old) for (let i = 0; i < fresh.length; i++) if (old[i] && old[i].id === fresh[i].id) carryRowIndex(fresh[i], old[i]);
    out.set(t.id, fresh);
    changed.add(t.id);
  }
  return { tables: out, changed };
}

export function deriveAll(budget: Budget, ctx: DeriveContext): Map<string, DerivedTable[]> {
  return new Map(ctx.templates.tables.map((t) => [t.id, deriveTable(t, budget, ctx)]));
}
