import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { copyFileSync, existsSync, linkSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main';
import { budgetFromBytes } from '../../shared/storage/index';
import { loadSqlJsNode } from '../../cli/sqljs-node';

const FIXTURES = join(__dirname, '../fixtures/import');

let out: string[] = [];
let err: string[] = [];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

const fresh = () => mkdtempSync(join(tmpdir(), 'bw-import-'));

async function open(path: string) {
  return budgetFromBytes(await loadSqlJsNode(), new Uint8Array(readFileSync(path)), path).budget;
}

describe('CLI round trip', () => {
  it('sample → export xlsx → import → export json equals the first json export', async () => {
    const dir = fresh();
    const sample = join(dir, 's.budget');
    expect(await main(['sample', sample])).toBe(0);
    expect(await main(['export', sample, '--out', join(dir, 'a'), '--format', 'xlsx,json'])).toBe(0);
    const xlsx = readdirSync(join(dir, 'a')).find((f) => f.endsWith('.xlsx'))!;
    expect(await main(['import', join(dir, 'a', xlsx), join(dir, 'i.budget')])).toBe(0);
    expect(out.join('\n')).toContain('核对：错误 0 条，警告 0 条，提示 0 条');
    expect(await main(['export', join(dir, 'i.budget'), '--out', join(dir, 'b'), '--format', 'json'])).toBe(0);
    const first = JSON.parse(readFileSync(join(dir, 'a', 'tables.json'), 'utf8'));
    const second = JSON.parse(readFileSync(join(dir, 'b', 'tables.json'), 'utf8'));
    expect(second).toEqual(first);
  });
});

describe('CLI import', () => {
  const malformed: [string, string][] = [
    ['not-xlsx.xlsx', '这是文本文件'],
    ['zip-not-workbook.xlsx', '里面没有 xl/workbook.xml'],
    ['encrypted.xlsx', '文件已加密'],
    ['truncated.xlsx', '文件不完整'],
    ['empty-workbook.xlsx', '工作簿中没有工作表'],
    ['no-tables.xlsx', '没有一张工作表是部门预算公开表格'],
    ['missing-t5.xlsx', '缺少表五'],
    ['bad-code.xlsx', '“21505O1”不是功能分类科目编码'],
    ['bad-amount.xlsx', '“12元3”不是金额'],
    ['unknown-layout.xlsx', '找不到表头'],
  ];
  it.each(malformed)('%s: its own message, exit 2, no OUT file (nor a temporary one)', async (file, message) => {
    const dir = fresh();
    const target = join(dir, 'out.budget');
    const code = await main(['import', join(FIXTURES, 'malformed', file), target]);
    expect(code).toBe(2);
    const stderr = err.join('\n');
    expect(stderr).toContain(message);
    expect(stderr).toContain(`无法导入“${file}”`);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    // Every other malformed message is absent: each failure is told apart.
    for (const [other, m] of malformed) if (other !== file) expect(stderr).not.toContain(m);
  });

  it('imports the hand-made workbook: report, exit 0, a readable .budget', async () => {
    const dir = fresh();
    const target = join(dir, 'realistic.budget');
    expect(await main(['import', join(FIXTURES, 'realistic.xlsx'), target])).toBe(0);
    const stdout = out.join('\n');
    expect(stdout).toContain('识别出 16 张表');
    expect(stdout).toContain('核对：错误 0 条');
    expect(stdout).toContain(`已写出 ${target}`);
    const b = await open(target);
    expect(b.meta.department).toBe('重庆市渝北区数字示范管理局');
    expect(b.functionLines.find((l) => l.code === '2101101')?.current).toBe(8104300);
    expect(readdirSync(dir)).toEqual(['realistic.budget']);
  });

  it('an inconsistent workbook is imported with exit 1 and says why', async () => {
    const dir = fresh();
    const target = join(dir, 'x.budget');
    expect(await main(['import', join(FIXTURES, 'inconsistent.xlsx'), target])).toBe(1);
    const stdout = out.join('\n');
    expect(stdout).toContain('其他各表一致的数为 81,043.00 元');
    expect(stdout).toContain('导入成功，但发现 2 处错误');
    expect(existsSync(target)).toBe(true);
  });

  it('never overwrites an existing OUT without --force', async () => {
    const dir = fresh();
    const target = join(dir, 'keep.budget');
    writeFileSync(target, 'old');
    expect(await main(['import', join(FIXTURES, 'realistic.xlsx'), target])).toBe(2);
    expect(err.join('\n')).toContain('已存在，未覆盖');
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(await main(['import', join(FIXTURES, 'realistic.xlsx'), target, '--force'])).toBe(0);
    expect(statSync(target).size).toBeGreaterThan(1000);
    expect(readdirSync(dir)).toEqual(['keep.budget']);
  });

  it('never writes OUT over the workbook itself, even with --force or through a link', async () => {
    const dir = fresh();
    const wb = join(dir, 'published.xlsx');
    copyFileSync(join(FIXTURES, 'realistic.xlsx'), wb);
    const before = readFileSync(wb);
    expect(await main(['import', wb, wb, '--force'])).toBe(2);
    expect(err.join('\n')).toContain('输出文件不能与工作簿相同：工作簿必须保留');
    expect(await main(['import', wb, join(dir, '.', 'published.xlsx'), '--force'])).toBe(2);
    linkSync(wb, join(dir, 'same.budget'));
    expect(await main(['import', wb, join(dir, 'same.budget'), '--force'])).toBe(2);
    expect(readFileSync(wb).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['published.xlsx', 'same.budget']);
  });

  it('reports a missing workbook and a missing output directory', async () => {
    const dir = fresh();
    expect(await main(['import', join(dir, 'nope.xlsx'), join(dir, 'o.budget')])).toBe(2);
    expect(err.join('\n')).toContain('找不到文件');
    expect(await main(['import', join(FIXTURES, 'realistic.xlsx'), join(dir, 'no', 'o.budget')])).toBe(2);
    expect(err.join('\n')).toContain('不存在');
  });
});

describe('CLI sample', () => {
  it('never loses an existing file: it is kept as OUT.bak, and the sample is written whole', async () => {
    const dir = fresh();
    const target = join(dir, '部门预算.budget');
    writeFileSync(target, 'a department’s own file');
    expect(await main(['sample', target])).toBe(0);
    expect(readFileSync(join(dir, '部门预算.budget.bak'), 'utf8')).toBe('a department’s own file');
    expect((await open(target)).meta.year).toBe(2024);
    expect(readdirSync(dir).sort()).toEqual(['部门预算.budget', '部门预算.budget.bak']);
    // Run again (the contract command is repeatable): still exit 0, the backup is the previous sample.
    expect(await main(['sample', target])).toBe(0);
    expect((await open(join(dir, '部门预算.budget.bak'))).meta.year).toBe(2024);
    expect(await main(['sample', join(dir, 'no', 's.budget')])).toBe(2);
    expect(err.join('\n')).toContain('不存在');
  });
});

describe('CLI rollover', () => {
  it('sample 2024 → 2025: a new file with 2024 as last year; refuses to overwrite', async () => {
    const dir = fresh();
    const last = join(dir, '2024.budget');
    const next = join(dir, '2025.budget');
    expect(await main(['sample', last])).toBe(0);
    expect(await main(['rollover', last, next])).toBe(0);
    const stdout = out.join('\n');
    expect(stdout).toContain('新建 2025 年度');
    expect(stdout).toContain('已写出');
    const b = await open(next);
    expect(b.meta.year).toBe(2025);
    expect(b.functionLines.find((l) => l.code === '2150501')).toEqual({ code: '2150501', kind: 'basic', source: 'gpb', current: 0, prior: 124391478 });
    expect(b.priorOperatingCost).toBe(38934650);
    expect(b.projects.every((p) => p.needsReview)).toBe(true);

    const before = readFileSync(next);
    expect(await main(['rollover', last, next])).toBe(2);
    expect(err.join('\n')).toContain('已存在，未覆盖');
    expect(readFileSync(next).equals(before)).toBe(true);
    expect(await main(['rollover', last, last, '--force'])).toBe(2);
    expect(err.join('\n')).toContain('上年文件必须保留');
    // Nor through a second name for the same file.
    const lastBytes = readFileSync(last);
    linkSync(last, join(dir, 'alias.budget'));
    err = [];
    expect(await main(['rollover', last, join(dir, 'alias.budget'), '--force'])).toBe(2);
    expect(err.join('\n')).toContain('上年文件必须保留');
    expect(readFileSync(last).equals(lastBytes)).toBe(true);
    // Rolling over a workbook is refused with a hint, not a crash.
    const wb = join(dir, 'r.xlsx');
    copyFileSync(join(FIXTURES, 'realistic.xlsx'), wb);
    expect(await main(['rollover', wb, join(dir, 'y.budget')])).toBe(2);
    expect(existsSync(join(dir, 'y.budget'))).toBe(false);
  });
});

describe('CLI check on a workbook and on a rolled-over file', () => {
  it('check WORKBOOK.xlsx imports in memory: import findings with the rules, nothing written', async () => {
    const dir = fresh();
    const wb = join(dir, 'inconsistent.xlsx');
    copyFileSync(join(FIXTURES, 'inconsistent.xlsx'), wb);
    expect(await main(['check', wb])).toBe(1);
    const stdout = out.join('\n');
    expect(stdout).toContain('检查 inconsistent.xlsx：重庆市渝北区数字示范管理局 2024年部门预算');
    expect(stdout).toContain('[IMP-01] 工作表“部门支出预算总表”第9行“总计”列（C9）：文件中为 81,143.00 元，其他各表一致的数为 81,043.00 元');
    expect(stdout).toContain('位置：表一 合计 收入 预算数');
    expect(readdirSync(dir)).toEqual(['inconsistent.xlsx']);

    out = [];
    const code = await main(['check', join(FIXTURES, 'realistic.xlsx')]);
    expect(code).not.toBe(2);
    expect(out.join('\n')).toContain('[IMP-06] 工作表“封面”');
    expect(out.join('\n')).not.toContain('[IMP-01]');
  });

  it('check on an unusable workbook: exit 2 with one line naming the cell', async () => {
    expect(await main(['check', join(FIXTURES, 'malformed', 'bad-amount.xlsx')])).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0].split('\n')).toHaveLength(1);
    expect(err[0]).toContain('第17行 F 列（“项目支出”列）：“12元3”不是金额');
    err = [];
    expect(await main(['check', join(FIXTURES, 'malformed', 'encrypted.xlsx')])).toBe(2);
    expect(err[0]).toContain('文件已加密');
  });

  it('check on the 2025 file rolled over from the sample reports the missing amounts as such', async () => {
    const dir = fresh();
    await main(['sample', join(dir, '2024.budget')]);
    await main(['rollover', join(dir, '2024.budget'), join(dir, '2025.budget')]);
    out = [];
    expect(await main(['check', join(dir, '2025.budget')])).toBe(1);
    const stdout = out.join('\n');
    expect(stdout).toContain('[STR-11] 2025年预算数尚未录入');
    expect(stdout).toContain('只有2024年预算数（合计 6,095,655.89 元');
    expect(stdout).toContain('[STR-12] 6 个项目由上年结转');
    // And the sample itself does not.
    out = [];
    await main(['check', join(dir, '2024.budget')]);
    expect(out.join('\n')).not.toContain('STR-11');
  });
});
