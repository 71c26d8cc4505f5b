/**
 * The identities between printed cells, generated from the template (RULES §5 SUM/XT/PERF ids):
 * rows of (a, b, relation, tolerance, rule, message), read by one interpreter (`holds`) and by the
 * import's localisation.
 *
 * How they are found: every printed money cell's value is, by the template's expressions, a sum of
 * *atoms* — (项, 基本/项目, source, year) for the function tables, (scheme, kind, 款) for the economic
 * ones, 三公 items, a project block's 区级/补助镇街. Two cells with the same atoms are copies of the
 * same money (表一 ↔ 表三, 表四 ↔ 表五, 表十五 ↔ 表一 …); a cell whose atoms are exactly those of
 * other cells of its table, column or row is their sum (类 = Σ款, 合计 = Σ类, 总计 = 基本 + 项目,
 * 表一/表四 balances); a cell whose atoms include those of the same row and column in other tables is
 * at least their sum (表五 + 表十一 + 表十二 ≤ 表三). Atoms of a source that 表一/表四 print as blank
 * are zero, so the fund subset becomes an equality where 表一 shows no other source.
 */
import { addTo } from '../arrays';
import type { Fen } from '../money/money';
import type { Catalog } from '../catalog/catalog';
import { CARRYOVER_SOURCES, SOURCES, THREE_PUBLIC_ITEMS, type SourceKey, type SpendKind, type YearSlot } from '../model/types';
import { isPersonnelCode } from '../tables/derive';
import type { BodyDef, Expr, TableTemplate, TemplateSet } from '../tables/template-types';
import { summaryBase } from './read';
import type { TableRole } from '../tables/roles';
import { holds as holdsBetween, ROW_SUMS, ruleOfCopy, ruleOfSum, type Relation } from '../rules/identities';

export interface CellRef {
  table: string;
  row: string;
  col: string;
}

export interface Identity {
  a: readonly CellRef[];
  b: readonly CellRef[];
  relation: Relation;
  /** Allowed |Σa − Σb| in 分 beyond the cells' own intervals (0: exact). */
  tolerance: Fen;
  /** RULES.md id. */
  rule: string;
  message: string;
}

export const refKey = (c: CellRef): string => `${c.table}|${c.row}|${c.col}`;

/** Does the identity hold for these values (a missing cell is 0)? The rules decide by the same `holds`. */
export function holds(identity: Identity, value: (c: CellRef) => Fen): boolean {
  const sum = (cs: readonly CellRef[]) => cs.reduce((s, c) => s + value(c), 0);
  return holdsBetween(identity.relation, sum(identity.a), sum(identity.b), identity.tolerance);
}

export interface IdentityInput {
  /** The printed money cells (blank ones are printed zeros). */
  cells: readonly { ref: CellRef; fen: Fen; label: string }[];
  templates: TemplateSet;
  catalog: Catalog;
  /** 表十三 row key → the project's key, the same a 表十六/十七 block's table id carries after ':'. */
  projectRows?: ReadonlyMap<string, string>;
}

/** A cell's atoms, each by its number (atomIds): sets of small integers hash, compare and sort cheaply. */
type Form = Set<number>;

const KINDS: readonly SpendKind[] = ['basic', 'project'];
const ALL_SOURCES: readonly SourceKey[] = SOURCES;

const baseTable = (table: string) => table.split(':')[0];

/** RULES ids of the identities between (and within) the tables of a set, by their roles. */
class RuleNames {
  private readonly roles = new Map<string, TableRole | undefined>();
  constructor(templates: TemplateSet) {
    for (const t of templates.tables) this.roles.set(t.id, t.role);
  }
  private role(table: string): TableRole | undefined {
    return this.roles.get(baseTable(table));
  }
  sum(table: string, byRow: boolean, parentRow: string): string {
    const role = this.role(table);
    const named = role && ruleOfSum(role);
    if (named) return named;
    if (byRow) return 'SUM-03';
    return parentRow === 'total' ? 'SUM-02' : 'SUM-01';
  }
  copy(x: string, y: string, row: string): string {
    const [a, b] = [this.role(x), this.role(y)];
    if (x === y && !(a && ruleOfCopy(a, a))) return this.sum(x, false, row);
    return (a && b && ruleOfCopy(a, b)) || 'XT-01';
  }
}

/** The atoms of the template's expressions, for the 项 printed anywhere in the workbook. */
class Forms {
  /** spend's atoms by what they are made from: many cells share a column's expression (and the strings, hashed once, speed the sets). */
  private readonly spent = new Map<string, readonly string[]>();

  constructor(
    private readonly items: readonly string[],
    private readonly catalog: Catalog,
  ) {}

  /** The atoms (read only: shared between the cells with the same expression and prefix). */
  spend(f: { sources?: readonly SourceKey[]; kind?: SpendKind; year: YearSlot }, prefix: string): readonly string[] {
    const key = `${f.kind ?? ''}|${f.sources?.join(',') ?? '*'}|${f.year}|${prefix}`;
    let out = this.spent.get(key);
    if (!out) {
      const atoms: string[] = [];
      for (const code of this.items) {
        if (!code.startsWith(prefix)) continue;
        for (const kind of f.kind ? [f.kind] : KINDS) for (const s of f.sources ?? ALL_SOURCES) atoms.push(`f|${code}|${kind}|${s}|${f.year}`);
      }
      this.spent.set(key, (out = atoms));
    }
    return out;
  }

  expr(e: Expr, prefix: string): readonly string[] {
    if ('spend' in e) return this.spend({ ...e.spend, year: e.spend.year ?? 'current' }, prefix);
    if ('carryForward' in e) return (e.carryForward === 'all' ? ALL_SOURCES : e.carryForward).map((s) => `cf|${s}`);
    return e.sum.flatMap((x) => this.expr(x, prefix));
  }

  /** Printed row key → expression per column, for a two-sided summary (keys as read.ts makes them). */
  summary(body: Extract<BodyDef, { type: 'summary' }>): Map<string, Map<string, readonly string[]>> {
    const out = new Map<string, Map<string, readonly string[]>>();
    const seen = new Map<string, number>();
    const put = (base: string, cols: readonly string[], values: (readonly string[])[]) => {
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      out.set(`${base}#${n}`, new Map(values.map((v, i) => [cols[i + 1], v])));
    };
    const classes = [...new Set(this.items.map((c) => c.slice(0, 3)))].sort();
    for (const section of body.sections) {
      for (const [side, cols, def] of [['L', body.leftColumns, section.left], ['R', body.rightColumns, section.right]] as const) {
        for (const line of def.lines ?? []) put(summaryBase(side, line.label, this.catalog), cols, line.values.map((v) => this.expr(v, '')));
        if (def.classRows) {
          for (const cls of classes) {
            const label = this.catalog.name('function', cls) ?? cls;
            put(summaryBase(side, label, this.catalog), cols, def.classRows.map((r) => this.spend(r, cls)));
          }
        }
      }
    }
    return out;
  }
}

/** The atoms of one printed cell, or null when the template does not say (text, an unknown row). */
function formOf(
  t: TableTemplate,
  ref: CellRef,
  forms: Forms,
  summaries: Map<string, Map<string, Map<string, readonly string[]>>>,
  projects: ReadonlyMap<string, string>,
): readonly string[] | null {
  const body = t.body;
  const project = (p: string) => [`p|${p}|district`, `p|${p}|town`];
  if (body.type === 'projectList' && ref.col === 'total') {
    if (ref.row === 'total') return projects.size ? [...projects.values()].flatMap(project) : null;
    const p = projects.get(ref.row);
    return p ? project(p) : null;
  }
  if (body.type === 'functionTree') {
    const col = body.columns.find((c) => c.key === ref.col);
    if (!col || col.kind !== 'money') return null;
    return forms.spend(col.value, ref.row === 'total' ? '' : ref.row);
  }
  if (body.type === 'econTree') {
    const col = body.columns.find((c) => c.key === ref.col);
    if (!col) return null;
    return [`e|${t.id}|${ref.row === 'total' ? '' : ref.row}|${col.part}`];
  }
  if (body.type === 'summary') return summaries.get(t.id)?.get(ref.row)?.get(ref.col) ?? null;
  if (body.type === 'form' && body.owner === 'threePublic') {
    const [year, item] = ref.col.split(':');
    const items = item === 'total' ? THREE_PUBLIC_ITEMS : item === 'vehicle' ? ['vehiclePurchase', 'vehicleOperation'] : [item];
    return items.map((i) => `3p|${year}|${i}`);
  }
  if (body.type === 'form' && body.owner === 'department' && ref.row === 'dept') {
    return [...forms.spend({ year: 'current' }, ''), ...ALL_SOURCES.map((s) => `cf|${s}`)];
  }
  if (body.type === 'projectBlocks') {
    const p = ref.table.split(':')[1];
    if (ref.row === 'budget' && ref.col === 'c1') return project(p);
    if (ref.row === 'budget' && ref.col === 'c4') return [`p|${p}|district`];
    if (ref.row === 'town' && ref.col === 'c4') return [`p|${p}|town`];
  }
  return null;
}

/** Economic atoms are per printed 款: a 类 or 合计 cell is the set of its 款 (personnel/public by code). */
function expandEcon(cells: { ref: CellRef; form: readonly string[] }[]): void {
  const byTable = new Map<string, string[]>();
  for (const c of cells) {
    const m = /^e\|([^|]+)\|(\d{5})\|/.exec(c.form[0] ?? '');
    if (m) addTo(byTable, m[1], m[2]);
  }
  for (const c of cells) {
    const m = /^e\|([^|]+)\|(\d*)\|(\w+)$/.exec(c.form[0] ?? '');
    if (!m || c.form.length !== 1) continue;
    const [, table, prefix, part] = m;
    const codes = [...new Set(byTable.get(table) ?? [])].filter((k) => k.startsWith(prefix));
    c.form = codes.filter((k) => part === 'all' || (part === 'personnel') === isPersonnelCode(k)).map((k) => `e|${table}|${k}`);
  }
}

export function generateIdentities(input: IdentityInput): Identity[] {
  const { templates, catalog } = input;
  // A cell's table by its id ('t17:#3' is 表十七's block 3): looked up for every cell, several times.
  const byId = new Map<string, TableTemplate>();
  for (const t of templates.tables) if (!byId.has(t.id)) byId.set(t.id, t);
  const tables = new Map<string, TableTemplate | undefined>();
  const tableOf = (id: string): TableTemplate | undefined => {
    if (!tables.has(id)) tables.set(id, byId.get(baseTable(id)));
    return tables.get(id);
  };
  const names = new RuleNames(templates);
  const items = [
    ...new Set(
      input.cells
        .filter((c) => /^\d{7}$/.test(c.ref.row) && tableOf(c.ref.table)?.body.type === 'functionTree')
        .map((c) => c.ref.row),
    ),
  ].sort();
  const forms = new Forms(items, catalog);
  const summaries = new Map<string, Map<string, Map<string, readonly string[]>>>();
  for (const t of templates.tables) if (t.body.type === 'summary') summaries.set(t.id, forms.summary(t.body));

  const projectRows = input.projectRows ?? new Map<string, string>();
  const withForms: { ref: CellRef; fen: Fen; label: string; form: readonly string[] }[] = [];
  for (const c of input.cells) {
    const t = tableOf(c.ref.table);
    const form = t ? formOf(t, c.ref, forms, summaries, projectRows) : null;
    if (form) withForms.push({ ...c, form });
  }
  expandEcon(withForms);

  // A source line 表一/表四 print blank: that source has no money anywhere (its atoms are zero).
  const zero = new Set<string>();
  for (const c of withForms) {
    if (c.fen !== 0 || !/^L:/.test(c.ref.row) || tableOf(c.ref.table)?.body.type !== 'summary') continue;
    const sources = new Set(c.form.map((a) => (a.startsWith('f|') ? a.split('|')[3] : a.split('|')[1])));
    if (sources.size === 1 || [...sources].every((s) => (CARRYOVER_SOURCES as readonly string[]).includes(s))) for (const a of c.form) zero.add(a);
  }
  const atomIds = new Map<string, number>();
  const atomId = (a: string) => {
    let n = atomIds.get(a);
    if (n === undefined) atomIds.set(a, (n = atomIds.size));
    return n;
  };
  const formSet = (form: readonly string[]): Form => {
    const set: Form = new Set();
    for (const a of form) if (!zero.has(a)) set.add(atomId(a));
    return set;
  };
  const cells = withForms.map((c) => ({ ...c, set: formSet(c.form) }));
  const sig = (s: Form) => [...s].sort((x, y) => x - y).join(',');
  const out: Identity[] = [];
  const labelOf = (c: { ref: CellRef; label: string }) => `${tableOf(c.ref.table)?.no ?? c.ref.table} ${c.label}`;
  type Labelled = { ref: CellRef; label: string };
  // Spelled only when read: a workbook has thousands of identities, and only the broken ones are quoted.
  const identity = (a: readonly Labelled[], relation: Relation, b: readonly Labelled[], rule: string): Identity => ({
    a: a.map((c) => c.ref),
    b: b.map((c) => c.ref),
    relation,
    tolerance: 0,
    rule,
    get message() {
      return `${a.map(labelOf).join(' + ')} ${relation === '<=' ? '≤' : '='} ${b.length ? b.map(labelOf).join(' + ') : '0'}`;
    },
  });

  // Copies: the same atoms.
  const bySig = new Map<string, (typeof cells)[number][]>();
  for (const c of cells) {
    if (c.set.size === 0) continue;
    const k = sig(c.set);
    addTo(bySig, k, c);
  }
  for (const group of bySig.values()) {
    for (let i = 1; i < group.length; i++) {
      out.push(identity([group[0]], '=', [group[i]], names.copy(group[0].ref.table, group[i].ref.table, group[0].ref.row)));
    }
  }

  // Sums within a table: by column (trees, summary sides), by row, or anywhere in a form.
  const byTable = new Map<string, (typeof cells)[number][]>();
  for (const c of cells) addTo(byTable, c.ref.table, c);
  const isSubset = (a: Form, b: Form) => {
    if (a.size >= b.size) return false;
    for (const x of a) if (!b.has(x)) return false;
    return true;
  };
  for (const [table, list] of byTable) {
    const type = tableOf(table)?.body.type;
    const free = type === 'form' || type === 'projectBlocks';
    const done = new Set<string>();
    // A part shares an atom with its sum: look only among the cells holding one of c's atoms
    // (a table of 20,000 project rows would otherwise compare every cell with every other).
    const holding = new Map<number, number[]>();
    list.forEach((x, i) => {
      for (const a of x.set) addTo(holding, a, i);
    });
    const candidates = (c: (typeof cells)[number]) => {
      const seen = new Set<number>();
      for (const a of c.set) for (const i of holding.get(a) ?? []) seen.add(i);
      return [...seen].sort((i, j) => i - j).map((i) => list[i]); // the table's order, as before
    };
    for (const c of list) {
      if (c.set.size === 0) {
        // Nothing can be here: a 人员经费 cell of a 公用 class, a source that has no money.
        if (type !== 'summary') out.push(identity([c], '=', [], names.sum(table, true, c.ref.row)));
        continue;
      }
      const near = candidates(c);
      for (const byRow of free ? [false] : [false, true]) {
        const parts = near
          .filter((x) => x !== c && (free || (byRow ? x.ref.row === c.ref.row : x.ref.col === c.ref.col)) && x.set.size > 0 && isSubset(x.set, c.set))
          .sort((x, y) => y.set.size - x.set.size);
        const picked: (typeof cells)[number][] = [];
        const covered = new Set<number>();
        for (const p of parts) {
          if ([...p.set].some((a) => covered.has(a))) continue;
          picked.push(p);
          for (const a of p.set) covered.add(a);
        }
        if (picked.length < 2 || covered.size !== c.set.size) continue;
        const key = `${refKey(c.ref)}=${picked.map((p) => refKey(p.ref)).sort().join('+')}`;
        if (done.has(key)) continue;
        done.add(key);
        out.push(identity([c], '=', picked, names.sum(table, byRow, c.ref.row)));
      }
    }
  }

  // Fund subsets: the same row and column in other tables, whose atoms it contains (XT-06).
  const byPlace = new Map<string, (typeof cells)[number][]>();
  for (const c of cells) addTo(byPlace, `${c.ref.row}|${c.ref.col}`, c);
  for (const group of byPlace.values()) {
    for (const c of group) {
      const parts = group.filter((x) => x.ref.table !== c.ref.table && x.set.size > 0 && isSubset(x.set, c.set));
      const disjoint = parts.filter((p, i) => parts.every((q, j) => j >= i || [...p.set].every((a) => !q.set.has(a))));
      const covered = new Set(disjoint.flatMap((p) => [...p.set]));
      if (disjoint.length === 0) continue;
      const equal = covered.size === c.set.size;
      if (equal && disjoint.length === 1) continue; // a copy, already there
      out.push(identity(disjoint, equal ? '=' : '<=', [c], 'XT-06'));
    }
  }

  // Typed lists the expressions do not describe (their fund or kind columns): each line's 合计 is
  // the sum of its parts and each part column's 合计 row the sum of its lines (ROW_SUMS, SUM-08/09).
  for (const t of templates.tables) {
    if ((t.body.type !== 'procurement' && t.body.type !== 'projectList') || !t.role) continue;
    const sum = ROW_SUMS.find((r) => r.role === t.role);
    if (!sum) continue;
    const mine = input.cells.filter((c) => c.ref.table === t.id);
    const at = new Map(mine.map((c) => [`${c.ref.row}|${c.ref.col}`, c]));
    const rule = names.sum(t.id, true, '');
    const rows = [...new Set(mine.map((c) => c.ref.row))];
    for (const row of rows) {
      const total = at.get(`${row}|${sum.total}`);
      const parts = sum.parts.flatMap((p) => at.get(`${row}|${p}`) ?? []);
      if (total && parts.length === sum.parts.length) out.push(identity([total], '=', parts, rule));
    }
    // The 合计 column's own column sum is an identity of atoms where the table has them (表十三).
    for (const col of t.body.type === 'procurement' ? [sum.total, ...sum.parts] : sum.parts) {
      const total = at.get(`total|${col}`);
      const lines = rows.filter((r) => r !== 'total').flatMap((r) => at.get(`${r}|${col}`) ?? []);
      if (total && lines.length) out.push(identity([total], '=', lines, rule));
    }
  }

  // Economic tables against 表五's 基本/项目 (XT-07, XT-08): the same money in two classifications.
  for (const t of templates.tables) {
    if (t.body.type !== 'econTree') continue;
    const total = cells.find((c) => c.ref.table === t.id && c.ref.row === 'total' && c.ref.col === 'total');
    const want = sig(formSet(forms.spend({ sources: ['gpb', 'carryGpb'], kind: t.body.kind, year: 'current' }, '')));
    const fn = cells.find((c) => c.ref.row === 'total' && tableOf(c.ref.table)?.body.type === 'functionTree' && sig(c.set) === want);
    if (total && fn) out.push(identity([total], '=', [fn], t.body.kind === 'basic' ? 'XT-07' : 'XT-08'));
  }
  return out;
}
