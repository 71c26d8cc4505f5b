/**
 * A large synthetic department, generated deterministically (seeded PRNG): 400 function 项 over
 * real catalog codes, up to 80 economic 款 rows per scheme and kind (as many as the catalog has),
 * 600 projects with 8 indicators each. Totals agree across tables where the model lets them
 * (表五 基本 = 表六 = 表七, 项目支出 = 表八 = 表九 = 表十三, indicator weights 90), so the
 * bench measures a realistic, mostly clean file rather than thousands of findings.
 */
import type { Catalog } from '../shared/catalog/catalog';
import { emptyBudget } from '../shared/model/budget';
import type { Budget, EconLine, FunctionLine, Indicator, Project } from '../shared/model/types';

/** mulberry32: small, fast, good enough for test data and random edits; same seed, same sequence. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticSize {
  functionItems: number;
  econRows: number;
  projects: number;
  indicatorsPerProject: number;
}

export const LARGE: SyntheticSize = { functionItems: 400, econRows: 80, projects: 600, indicatorsPerProject: 8 };

/** Splits total 分 into n positive integer parts (n ≤ total). */
function split(total: number, n: number, rnd: () => number): number[] {
  const weights = Array.from({ length: n }, () => 1 + rnd());
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.max(1, Math.floor((total * w) / sum)));
  parts[n - 1] += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

const pick = <T>(list: readonly T[], n: number): T[] => {
  if (list.length <= n) return [...list];
  const step = list.length / n;
  return Array.from({ length: n }, (_, i) => list[Math.floor(i * step)]);
};

export function syntheticBudget(catalog: Catalog, size: SyntheticSize = LARGE, seed = 20240101): Budget {
  const rnd = prng(seed);
  const b = emptyBudget({ department: '重庆市渝北区某某合成测试局', year: 2024, shortName: '合成局', departmentCode: '999' });
  b.meta.department = '重庆市渝北区合成测试局';
  b.meta.compilingUnit = '999001-重庆市渝北区合成测试局（本级）';
  b.units = [{ code: '999001', name: '重庆市渝北区合成测试局（本级）', kind: 'administrative', isOwnOffice: true }];

  const items = pick(
    catalog.entries('function').filter((e) => e.level === '项').map((e) => e.code),
    size.functionItems,
  );
  // Every third 项 carries project money; the others basic only (行政运行-like codes stay basic).
  const lines: FunctionLine[] = [];
  const projectItems: string[] = [];
  items.forEach((code, i) => {
    const basic = 100_000 + Math.floor(rnd() * 50_000_000);
    lines.push({ code, kind: 'basic', source: 'gpb', current: basic, prior: Math.floor(basic * (0.8 + rnd() * 0.4)) });
    if (i % 3 === 2 && !/(01|50)$/.test(code)) {
      const proj = 10_000_000 + Math.floor(rnd() * 500_000_000);
      lines.push({ code, kind: 'project', source: 'gpb', current: proj, prior: Math.floor(proj * (0.7 + rnd() * 0.6)) });
      projectItems.push(code);
    }
  });
  b.functionLines = lines;
  const basicTotal = lines.filter((l) => l.kind === 'basic').reduce((a, l) => a + l.current, 0);
  const projectTotal = lines.filter((l) => l.kind === 'project').reduce((a, l) => a + l.current, 0);

  // Economic rows: the department scheme split at random, the government scheme by the mapping
  // (administrative unit), so the 类-level identities hold; unmapped government 款 get zero rows.
  const econ: EconLine[] = [];
  const deptCodes = catalog.entries('econ-department').filter((e) => e.level === '款').map((e) => e.code);
  const govCodes = catalog.entries('econ-government').filter((e) => e.level === '款').map((e) => e.code);
  for (const kind of ['basic', 'project'] as const) {
    const total = kind === 'basic' ? basicTotal : projectTotal;
    const mapped = deptCodes.filter((c) => catalog.govCodeFor(c, 'administrative'));
    const dept = pick(kind === 'basic' ? mapped : mapped.filter((c) => !c.startsWith('301') && !c.startsWith('303')), size.econRows);
    const amounts = split(total, dept.length, rnd);
    const gov = new Map<string, number>();
    dept.forEach((code, i) => {
      econ.push({ scheme: 'department', kind, code, amount: amounts[i] });
      const g = catalog.govCodeFor(code, 'administrative')!;
      gov.set(g, (gov.get(g) ?? 0) + amounts[i]);
    });
    for (const g of pick(govCodes, size.econRows)) if (!gov.has(g)) gov.set(g, 0);
    for (const [code, amount] of gov) econ.push({ scheme: 'government', kind, code, amount });
  }
  b.econLines = econ;

  // 三公 in line with 30212/30217/30231 (basic + project).
  const econAmount = (code: string) => econ.filter((l) => l.scheme === 'department' && l.code === code).reduce((a, l) => a + l.amount, 0);
  b.threePublic = {
    current: { abroad: econAmount('30212'), vehiclePurchase: econAmount('31013') + econAmount('30913'), vehicleOperation: econAmount('30231'), reception: econAmount('30217') },
    prior: { abroad: 1_000_000, vehiclePurchase: 0, vehicleOperation: 3_000_000, reception: 500_000 },
  };

  // Projects: split each 项's project money among projects, 600 in all.
  const projects: Project[] = [];
  const perItem = split(size.projects, projectItems.length, rnd).map((n) => Math.max(1, n));
  let made = 0;
  projectItems.forEach((code, i) => {
    const amount = lines.find((l) => l.code === code && l.kind === 'project')!.current;
    const count = i === projectItems.length - 1 ? Math.max(1, size.projects - made) : Math.min(perItem[i], size.projects - made - (projectItems.length - 1 - i));
    const parts = split(amount, Math.max(1, count), rnd);
    parts.forEach((part) => {
      made++;
      const id = `p${made}`;
      const wan = part / 1_000_000; // 万元
      const weights = split(90, size.indicatorsPerProject, rnd);
      const indicators: Indicator[] = weights.map((w, k) => {
        if (k === 0) return { name: '项目成本', weight: String(w), unit: '万元', nature: '≤', value: (Math.floor(wan * 50) / 100).toFixed(2), core: false };
        if (k === 1) return { name: `完成数量${k}`, weight: String(w), unit: '个', nature: '≥', value: String(1 + Math.floor(rnd() * 100)), core: true };
        if (k % 3 === 0) return { name: `服务对象满意度${k}`, weight: String(w), unit: '%', nature: '≥', value: '90', core: false };
        return { name: `工作质量${k}`, weight: String(w), unit: '', nature: '定性', value: '优', core: false };
      });
      projects.push({
        id,
        name: `合成项目${made}`,
        unitCode: '999001',
        unitName: '重庆市渝北区合成测试局（本级）',
        functionCode: code,
        category: made % 10 === 0 ? 'key' : 'general',
        amounts: { gpb: part },
        district: part,
        town: 0,
        department: '重庆市渝北区合成测试局',
        summary: `项目${made}概况`,
        basis: `依据文件${made}`,
        goal: `项目${made}绩效目标`,
        description: `项目${made}说明`,
        hasTargets: true,
        indicators,
      });
    });
  });
  b.projects = projects;
  b.performance = {
    goal: '合成测试部门整体绩效目标',
    indicators: split(100, 8, rnd).map((w, k) => ({ name: `整体指标${k + 1}`, weight: String(w), unit: '%', nature: '≥', value: '90', core: k === 0 })),
  };
  return b;
}
