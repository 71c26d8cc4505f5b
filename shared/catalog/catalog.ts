/**
 * The code catalog (DESIGN §2): 支出功能分类, both economic classifications and the mapping between them.
 * The built-in lists are partly recalled (data/SOURCES.md), so callers treat a missing code or a different
 * name as a warning (GRN-03), and users can load a newer official catalog from CSV text with the same columns.
 * No Node or DOM APIs here: the CSV text comes from TS modules so Node and Vite load it identically.
 */
import functionCsv from './data/function-2024';
import econDepartmentCsv from './data/econ-department';
import econGovernmentCsv from './data/econ-government';
import econMappingCsv from './data/econ-mapping';
import { isPinyinQuery, pinyinMatches } from './pinyin';

export type Scheme = 'function' | 'econ-department' | 'econ-government';
export type Level = '类' | '款' | '项';
export type UnitKind = 'administrative' | 'institution'; // 行政单位(含参公) / 事业单位

export interface CatalogEntry {
  scheme: Scheme;
  code: string;
  name: string;
  level: Level;
  parent: string | null;
  /** The source marks the row as an uncertain recollection: a hint, not a fact. */
  lowConfidence: boolean;
  edition?: string;
  /** The `source` column as written (provenance tags, see SOURCES.md). */
  source?: string;
}

/** One row of the 两套经济分类对照表: a 部门经济分类 款 and its 政府经济分类 款 per unit kind. */
export interface MappingEntry {
  deptCode: string;
  administrative?: string;
  institution?: string;
  note: string;
  lowConfidence: boolean;
  source?: string;
}

/** CSV texts with the built-in columns (see data/SOURCES.md). */
export interface CatalogCsvTexts {
  function?: string;
  econDepartment?: string;
  econGovernment?: string;
  mapping?: string;
}

export const SCHEMES: readonly Scheme[] = ['function', 'econ-department', 'econ-government'];

export const SCHEME_LABELS: Readonly<Record<Scheme, string>> = {
  function: '支出功能分类',
  'econ-department': '部门预算支出经济分类',
  'econ-government': '政府预算支出经济分类',
};

/** Code length → level. Function codes are 3/5/7 digits, economic codes 3/5. */
const LEVEL_BY_LENGTH: Readonly<Record<Scheme, Readonly<Record<number, Level>>>> = {
  function: { 3: '类', 5: '款', 7: '项' },
  'econ-department': { 3: '类', 5: '款' },
  'econ-government': { 3: '类', 5: '款' },
};

/** A bad line in a user-supplied catalog CSV. The message is for the user; `line` is 1-based. */
export class CatalogCsvError extends Error {
  readonly file: string;
  readonly line: number;
  constructor(file: string, line: number, detail: string) {
    super(`${file}第${line}行：${detail}`);
    this.name = 'CatalogCsvError';
    this.file = file;
    this.line = line;
  }
}

// ---------------------------------------------------------------------------------------------
// Names

/**
 * Names printed in disclosures that differ from the catalog name (SOURCES.md "Conflicts and aliases"
 * and "Known gaps" 5). Bracket/space/quote differences need no entry: normalizeName handles them;
 * the two bracket entries below are kept only to record what the sources print.
 */
export interface NameAlias {
  scheme: Scheme;
  code: string;
  alias: string;
  why: string;
}

export const NAME_ALIASES: readonly NameAlias[] = [
  { scheme: 'function', code: '20805', alias: '行政事业单位离退休', why: '2019年前的款名（G4 等仍在使用）' },
  { scheme: 'function', code: '210', alias: '医疗卫生与计划生育支出', why: '2019年前的类名' },
  { scheme: 'function', code: '207', alias: '文化体育与传媒支出', why: '2019年前的类名' },
  { scheme: 'function', code: '215', alias: '资源勘探信息等支出', why: '2019年前的类名' },
  { scheme: 'function', code: '220', alias: '国土海洋气象等支出', why: '2019年前的类名' },
  { scheme: 'function', code: '22404', alias: '煤矿安全', why: '更名前的款名' },
  { scheme: 'function', code: '21105', alias: '天然林保护', why: '更名前的款名' },
  { scheme: 'econ-department', code: '30110', alias: '城镇职工基本医疗保险缴费', why: '部分软件表格用名' },
  { scheme: 'econ-department', code: '30108', alias: '机关事业单位基本养老保险费', why: '常见简称' },
  { scheme: 'econ-department', code: '30307', alias: '医疗补助费', why: '常见写法' },
  { scheme: 'econ-department', code: '30212', alias: '因公出国(境)费用', why: 'G7 用半角括号' },
  { scheme: 'econ-department', code: '30213', alias: '维修(护)费', why: 'R1 用半角括号' },
];

const TO_FULL_BRACKET: Readonly<Record<string, string>> = {
  '(': '（', ')': '）', '[': '（', ']': '）', '［': '（', '］': '）', '【': '（', '】': '）',
};

/**
 * A comparison key for names (FMT-04): brackets （）() [] 【】 become （）, all whitespace (incl. U+3000)
 * is removed, double quotes “”"＂ become ", single quotes ‘’'＇ become ', full-width letters/digits half-width.
 * An official name with （） and no quotes or spaces is its own key.
 */
export function normalizeName(name: string): string {
  // Most names (every official one) have nothing to normalise: they are their own key.
  if (!NEEDS_NORMALIZING.test(name)) return name;
  // Rules compare the same few thousand names on every edit: remember the keys (bounded).
  let key = normalizedNames.get(name);
  if (key === undefined) {
    key = name
      .replace(/[\s\u200b]+/g, '')
      .replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .replace(/[()[\]［］【】]/g, (c) => TO_FULL_BRACKET[c]!)
      .replace(/[“”„‟＂]/g, '"')
      .replace(/[‘’＇]/g, "'");
    if (normalizedNames.size >= 50_000) normalizedNames.clear();
    normalizedNames.set(name, key);
  }
  return key;
}
const normalizedNames = new Map<string, string>();
/** Any character normalizeName would change (its replacements below, together). */
const NEEDS_NORMALIZING = /[\s\u200b０-９Ａ-Ｚａ-ｚ()[\]［］【】“”„‟＂‘’＇]/;

/** Codes as typed: full-width digits and stray spaces are common in pasted text. */
export function normalizeCode(code: string): string {
  if (/^\d*$/.test(code)) return code; // the usual case, and nothing to change
  return code
    .replace(/[\s\u200b]+/g, '')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Level from the code's length alone, for codes that are not in the catalog. */
export function levelFromCode(scheme: Scheme, code: string): Level | undefined {
  const byLength = LEVEL_BY_LENGTH[scheme];
  if (!byLength || typeof code !== 'string') return undefined;
  const c = normalizeCode(code);
  return /^\d+$/.test(c) ? byLength[c.length] : undefined;
}

/** Parent codes by prefix, top first: ['215', '21505'] for '2150550'. */
export function parentCodesOf(scheme: Scheme, code: string): string[] {
  const level = levelFromCode(scheme, code);
  if (!level) return [];
  const c = normalizeCode(code);
  if (level === '项') return [c.slice(0, 3), c.slice(0, 5)];
  if (level === '款') return [c.slice(0, 3)];
  return [];
}

// Printed names like “机关事业单位职业年金缴费支出（项）” (决算 style) carry the level in brackets.
const LEVEL_SUFFIX = /（[类款项]）$/;

const aliasKey = (scheme: Scheme, code: string) => `${scheme}\u0000${code}`;
let aliasIndexCache: { byCode: Map<string, Set<string>>; byName: Map<string, string[]> } | undefined;
function aliasIndex() {
  if (!aliasIndexCache) {
    const byCode = new Map<string, Set<string>>();
    const byName = new Map<string, string[]>();
    for (const a of NAME_ALIASES) {
      const n = normalizeName(a.alias);
      const k = aliasKey(a.scheme, a.code);
      if (!byCode.has(k)) byCode.set(k, new Set());
      byCode.get(k)!.add(n);
      const nk = aliasKey(a.scheme, n);
      if (!byName.has(nk)) byName.set(nk, []);
      byName.get(nk)!.push(a.code);
    }
    aliasIndexCache = { byCode, byName };
  }
  return aliasIndexCache;
}

// ---------------------------------------------------------------------------------------------
// CSV

interface CsvRecord {
  line: number;
  fields: string[];
}

/** RFC 4180 with BOM, CRLF/LF and quoted fields (Excel exports quote names with commas). Blank lines skipped. */
function parseCsv(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  // Without a quote (the built-in files), a record is a line and a field what lies between commas.
  if (!text.includes('"')) {
    const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\n|\r/);
    for (let k = 0; k < lines.length; k++) if (lines[k]!.trim() !== '') records.push({ line: k + 1, fields: lines[k]!.split(',') });
    return records;
  }
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        const quoteLine = line;
        i++;
        for (;;) {
          if (i >= n) throw new CatalogCsvError(file, quoteLine, '引号未闭合');
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
          field += c;
          i++;
        }
        if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          throw new CatalogCsvError(file, line, '引号后应紧跟逗号或换行');
        }
      } else {
        let j = i;
        while (j < n && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') j++;
        field = text.slice(i, j);
        i = j;
      }
      fields.push(field);
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      if (i < n) {
        if (text[i] === '\r' && text[i + 1] === '\n') i++;
        i++;
        line++;
      }
      break;
    }
    if (!(fields.length === 1 && fields[0]!.trim() === '')) records.push({ line: start, fields });
  }
  return records;
}

/** Header → column index; throws naming the header line when a required column is missing. */
function columns(
  records: CsvRecord[],
  file: string,
  required: readonly string[],
  optional: readonly string[],
): { index: Record<string, number>; rows: CsvRecord[] } {
  const head = records[0];
  if (!head) throw new CatalogCsvError(file, 1, '内容为空，缺少表头');
  const names = head.fields.map((f) => f.trim().toLowerCase());
  const index: Record<string, number> = {};
  for (const col of [...required, ...optional]) {
    const at = names.indexOf(col);
    if (at >= 0) index[col] = at;
    else if (required.includes(col)) {
      throw new CatalogCsvError(file, head.line, `表头缺少“${col}”列（应为 ${[...required, ...optional].join(',')}）`);
    }
  }
  const rows = records.slice(1);
  for (const r of rows) {
    // Excel sometimes appends empty trailing columns; anything else is a broken line.
    const extra = r.fields.slice(names.length);
    if (r.fields.length < names.length || extra.some((f) => f.trim() !== '')) {
      throw new CatalogCsvError(file, r.line, `应有${names.length}列，实际为${r.fields.length}列`);
    }
  }
  return { index, rows };
}

const field = (r: CsvRecord, index: Record<string, number>, col: string): string =>
  index[col] === undefined ? '' : (r.fields[index[col]!] ?? '').trim();

const isLowConfidence = (source: string) => /low-confidence/i.test(source);

const FILE_LABELS = {
  function: '支出功能分类科目 CSV ',
  econDepartment: '部门预算支出经济分类 CSV ',
  econGovernment: '政府预算支出经济分类 CSV ',
  mapping: '两套经济分类对照表 CSV ',
} as const;

function parseSchemeCsv(scheme: Scheme, text: string, file: string): CatalogEntry[] {
  const { index, rows } = columns(parseCsv(text, file), file, ['code', 'name'], ['level', 'parent_code', 'edition', 'source']);
  const seen = new Map<string, number>();
  const out: CatalogEntry[] = [];
  const lengths = Object.keys(LEVEL_BY_LENGTH[scheme]).join('、');
  for (const r of rows) {
    const code = normalizeCode(field(r, index, 'code'));
    const level = /^\d+$/.test(code) ? LEVEL_BY_LENGTH[scheme][code.length] : undefined;
    if (!level) throw new CatalogCsvError(file, r.line, `编码“${code}”应为${lengths}位数字`);
    const name = field(r, index, 'name');
    if (!name) throw new CatalogCsvError(file, r.line, `编码“${code}”的名称为空`);
    const givenLevel = field(r, index, 'level');
    if (givenLevel && givenLevel !== level) {
      throw new CatalogCsvError(file, r.line, `编码“${code}”的级次应为“${level}”，实际为“${givenLevel}”`);
    }
    // The nearest of parentCodesOf(scheme, code), from the code already known to be digits of this level.
    const parent = level === '项' ? code.slice(0, 5) : level === '款' ? code.slice(0, 3) : null;
    const givenParent = normalizeCode(field(r, index, 'parent_code'));
    if (givenParent && givenParent !== parent) {
      throw new CatalogCsvError(file, r.line, `编码“${code}”的上级编码应为“${parent ?? '空'}”，实际为“${givenParent}”`);
    }
    const first = seen.get(code);
    if (first !== undefined) throw new CatalogCsvError(file, r.line, `编码“${code}”重复（首次出现在第${first}行）`);
    seen.set(code, r.line);
    const source = field(r, index, 'source');
    const edition = field(r, index, 'edition');
    const entry: CatalogEntry = { scheme, code, name, level, parent, lowConfidence: isLowConfidence(source) };
    if (edition) entry.edition = edition;
    if (source) entry.source = source;
    out.push(Object.freeze(entry));
  }
  return out;
}

function parseMappingCsv(text: string, file: string): MappingEntry[] {
  const adm = 'gov_code_for_administrative_units';
  const ins = 'gov_code_for_public_institutions';
  const { index, rows } = columns(parseCsv(text, file), file, ['dept_code', adm, ins], ['note', 'source']);
  const seen = new Map<string, number>();
  const out: MappingEntry[] = [];
  const checkGov = (r: CsvRecord, col: string): string | undefined => {
    const c = normalizeCode(field(r, index, col));
    if (c && !/^\d{5}$/.test(c)) throw new CatalogCsvError(file, r.line, `政府经济分类编码“${c}”应为5位数字`);
    return c || undefined;
  };
  for (const r of rows) {
    const deptCode = normalizeCode(field(r, index, 'dept_code'));
    if (!/^\d{5}$/.test(deptCode)) throw new CatalogCsvError(file, r.line, `部门经济分类编码“${deptCode}”应为5位数字`);
    const first = seen.get(deptCode);
    if (first !== undefined) throw new CatalogCsvError(file, r.line, `编码“${deptCode}”重复（首次出现在第${first}行）`);
    seen.set(deptCode, r.line);
    const source = field(r, index, 'source');
    const entry: MappingEntry = { deptCode, note: field(r, index, 'note'), lowConfidence: isLowConfidence(source) };
    const a = checkGov(r, adm);
    const b = checkGov(r, ins);
    if (a) entry.administrative = a;
    if (b) entry.institution = b;
    if (source) entry.source = source;
    out.push(Object.freeze(entry));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Catalog

const LEVEL_RANK: Readonly<Record<Level, number>> = { 项: 0, 款: 1, 类: 2 };

/** Immutable lookup structures for one scheme. */
class SchemeIndex {
  readonly byCode: ReadonlyMap<string, CatalogEntry>;
  /** All entries in code order (which is tree order: 215, 21505, 2150501, …). */
  readonly sorted: readonly CatalogEntry[];
  /** Normalised names, parallel to `sorted`. */
  readonly keys: readonly string[];
  readonly keyByCode: ReadonlyMap<string, string>;
  /** Parent code ('' for 类) → children in code order. */
  readonly children: ReadonlyMap<string, readonly CatalogEntry[]>;

  constructor(byCode: Map<string, CatalogEntry>) {
    this.byCode = byCode;
    this.sorted = [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    this.keys = this.sorted.map((e) => normalizeName(e.name));
    this.keyByCode = new Map(this.sorted.map((e, i) => [e.code, this.keys[i]!]));
    const children = new Map<string, CatalogEntry[]>();
    for (const e of this.sorted) {
      const p = e.parent ?? '';
      if (!children.has(p)) children.set(p, []);
      children.get(p)!.push(e);
    }
    this.children = children;
  }
}

const EMPTY_INDEX = new SchemeIndex(new Map());

export class Catalog {
  private readonly schemes: Readonly<Record<Scheme, SchemeIndex>>;
  private readonly mapping: ReadonlyMap<string, MappingEntry>;
  private readonly reverse: ReadonlyMap<string, readonly string[]>;

  private constructor(schemes: Record<Scheme, SchemeIndex>, mapping: Map<string, MappingEntry>) {
    this.schemes = schemes;
    this.mapping = mapping;
    const reverse = new Map<string, string[]>();
    for (const m of [...mapping.values()].sort((a, b) => (a.deptCode < b.deptCode ? -1 : 1))) {
      for (const gov of new Set([m.administrative, m.institution])) {
        if (!gov) continue;
        if (!reverse.has(gov)) reverse.set(gov, []);
        reverse.get(gov)!.push(m.deptCode);
      }
    }
    this.reverse = reverse;
  }

  /**
   * Build a catalog from CSV texts with the built-in columns. With `base`, rows in the texts replace rows with
   * the same code and add new ones; everything else (and every text not given) comes from `base`.
   * A bad line throws CatalogCsvError whose Chinese message names the file and line.
   */
  static fromCsv(texts: CatalogCsvTexts, base?: Catalog): Catalog {
    // Parse everything first so a bad file leaves nothing half-built.
    const parsed: Partial<Record<Scheme, CatalogEntry[]>> = {};
    if (texts.function !== undefined) parsed.function = parseSchemeCsv('function', texts.function, FILE_LABELS.function);
    if (texts.econDepartment !== undefined) {
      parsed['econ-department'] = parseSchemeCsv('econ-department', texts.econDepartment, FILE_LABELS.econDepartment);
    }
    if (texts.econGovernment !== undefined) {
      parsed['econ-government'] = parseSchemeCsv('econ-government', texts.econGovernment, FILE_LABELS.econGovernment);
    }
    const mappingRows = texts.mapping !== undefined ? parseMappingCsv(texts.mapping, FILE_LABELS.mapping) : undefined;

    const schemes = {} as Record<Scheme, SchemeIndex>;
    for (const scheme of SCHEMES) {
      const baseIndex = base ? base.schemes[scheme] : EMPTY_INDEX;
      const rows = parsed[scheme];
      if (!rows) {
        schemes[scheme] = baseIndex;
        continue;
      }
      const byCode = new Map(baseIndex.byCode);
      for (const e of rows) byCode.set(e.code, e);
      schemes[scheme] = new SchemeIndex(byCode);
    }
    const mapping = new Map(base?.mapping);
    for (const m of mappingRows ?? []) mapping.set(m.deptCode, m);
    return new Catalog(schemes, mapping);
  }

  private index(scheme: Scheme): SchemeIndex | undefined {
    return this.schemes[scheme];
  }

  get(scheme: Scheme, code: string): CatalogEntry | undefined {
    const idx = this.index(scheme);
    if (!idx || typeof code !== 'string') return undefined;
    return idx.byCode.get(code) ?? idx.byCode.get(normalizeCode(code));
  }

  name(scheme: Scheme, code: string): string | undefined {
    return this.get(scheme, code)?.name;
  }

  /** The entry's level, or the level implied by the code's length when the code is unknown. */
  levelOf(scheme: Scheme, code: string): Level | undefined {
    return this.get(scheme, code)?.level ?? levelFromCode(scheme, code);
  }

  /** Known ancestors, top first ([类, 款] for a 项). Parent codes come from the prefix, so unknown codes work too. */
  parentChain(scheme: Scheme, code: string): CatalogEntry[] {
    const out: CatalogEntry[] = [];
    for (const p of parentCodesOf(scheme, code)) {
      const e = this.get(scheme, p);
      if (e) out.push(e);
    }
    return out;
  }

  /** Direct children in code order; '' gives the 类. */
  children(scheme: Scheme, code: string): CatalogEntry[] {
    const idx = this.index(scheme);
    if (!idx || typeof code !== 'string') return [];
    return [...(idx.children.get(normalizeCode(code)) ?? [])];
  }

  /** Every entry of a scheme in code order. */
  entries(scheme: Scheme): CatalogEntry[] {
    return [...(this.index(scheme)?.sorted ?? [])];
  }

  /**
   * Code prefix ('21505') or name substring ('事业运行'); full-width digits accepted.
   * Order: exact code, code prefix (tree order), exact name or alias, then name substring 项 → 款 → 类,
   * each tier in code order; a query of Latin letters also finds names by pinyin ('xzyx' → 行政运行),
   * after those, 项 → 款 → 类.
   */
  search(scheme: Scheme, query: string, limit = Infinity): CatalogEntry[] {
    const idx = this.index(scheme);
    if (!idx || typeof query !== 'string' || limit <= 0) return [];
    const out: CatalogEntry[] = [];
    const seen = new Set<string>();
    const add = (e: CatalogEntry | undefined) => {
      if (e && !seen.has(e.code)) {
        seen.add(e.code);
        out.push(e);
      }
      return out.length >= limit;
    };
    const code = normalizeCode(query);
    if (/^\d+$/.test(code)) {
      if (add(idx.byCode.get(code))) return out;
      for (const e of idx.sorted) if (e.code.startsWith(code) && add(e)) return out;
    }
    const key = normalizeName(query);
    if (!key) return out;
    const exact: CatalogEntry[] = [];
    for (let i = 0; i < idx.sorted.length; i++) if (idx.keys[i] === key) exact.push(idx.sorted[i]!);
    for (const c of aliasIndex().byName.get(aliasKey(scheme, key)) ?? []) {
      const e = idx.byCode.get(c);
      if (e) exact.push(e);
    }
    exact.sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || (a.code < b.code ? -1 : 1));
    for (const e of exact) if (add(e)) return out;
    for (const level of ['项', '款', '类'] as const) {
      for (let i = 0; i < idx.sorted.length; i++) {
        const e = idx.sorted[i]!;
        if (e.level === level && idx.keys[i]!.includes(key) && add(e)) return out;
      }
    }
    if (isPinyinQuery(query)) {
      for (const level of ['项', '款', '类'] as const) {
        for (const e of idx.sorted) if (e.level === level && !seen.has(e.code) && pinyinMatches(e.name, query) && add(e)) return out;
      }
    }
    return out;
  }

  /** The 对照表 row for a 部门经济分类 款. */
  mappingFor(deptCode: string): MappingEntry | undefined {
    if (typeof deptCode !== 'string') return undefined;
    return this.mapping.get(deptCode) ?? this.mapping.get(normalizeCode(deptCode));
  }

  /** 政府经济分类 款 for a 部门经济分类 款; it depends on the unit kind (501 vs 505 etc.). */
  govCodeFor(deptCode: string, unitKind: UnitKind): string | undefined {
    const m = this.mappingFor(deptCode);
    return unitKind === 'administrative' ? m?.administrative : m?.institution;
  }

  /** 部门经济分类 款 that map to a 政府经济分类 款 for either unit kind, in code order. */
  deptCodesFor(govCode: string): string[] {
    if (typeof govCode !== 'string') return [];
    return [...(this.reverse.get(normalizeCode(govCode)) ?? [])];
  }

  /** Printed name equals the catalog name after normalizeName, a trailing （项）-style level, or an alias. */
  namesMatch(scheme: Scheme, code: string, printedName: string): boolean {
    const e = this.get(scheme, code);
    if (!e || typeof printedName !== 'string') return false;
    const printed = normalizeName(printedName).replace(LEVEL_SUFFIX, '');
    if (printed === this.index(scheme)!.keyByCode.get(e.code)) return true;
    return aliasIndex().byCode.get(aliasKey(scheme, e.code))?.has(printed) ?? false;
  }
}

/** The CSV texts of the built-in catalog, e.g. to let users save them and diff against an official copy. */
export function builtinCsvTexts(): Required<CatalogCsvTexts> {
  return { function: functionCsv, econDepartment: econDepartmentCsv, econGovernment: econGovernmentCsv, mapping: econMappingCsv };
}

let builtin: Catalog | undefined;

/** The built-in catalog, parsed once. */
export function builtinCatalog(): Catalog {
  return (builtin ??= Catalog.fromCsv(builtinCsvTexts()));
}
