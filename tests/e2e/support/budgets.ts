/**
 * The budgets officers actually have, brought into the running app the way an officer does it:
 * the built-in sample, a blank 新建, a year rolled over from the sample (新建年度), published
 * workbooks imported through 打开, and the bench's large synthetic department opened as a file.
 * Files are offered through the mocked File System Access pickers (support/page.ts), whose open
 * picker hands out the file stored last.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loadSqlJsNode } from '../../../cli/sqljs-node';
import { budgetFromBytes, budgetToBytes } from '../../../shared/storage';
import { yubeiBigData2024 } from '../../../shared/sample/yubei-2024';
import { builtinCatalog } from '../../../shared/catalog';
import { templatesFor } from '../../../shared/tables/registry';
import { deriveTables } from '../../../shared/tables/derive';
import type { DerivedTable } from '../../../shared/tables';
import type { Budget } from '../../../shared/model';
import { tablesToXlsx } from '../../../shared/export/xlsx';
import { syntheticBudget, LARGE } from '../../../bench/synthetic';
import { waitForApp } from './page';

const FIXTURES = join(import.meta.dirname, '../../fixtures');

export type BudgetKind = 'sample' | 'blank' | 'rollover' | 'realistic' | 'inconsistent' | 'exported' | 'synthetic';

export const BUDGETS: readonly { kind: BudgetKind; name: string }[] = [
  { kind: 'sample', name: '内置示例（2024）' },
  { kind: 'blank', name: '空白新建' },
  { kind: 'rollover', name: '由示例结转的 2025 年度' },
  { kind: 'realistic', name: '导入 realistic.xlsx（手工排版的公开工作簿）' },
  { kind: 'inconsistent', name: '导入 inconsistent.xlsx（印出的合计有误）' },
  { kind: 'exported', name: '导入本程序导出的工作簿' },
  { kind: 'synthetic', name: '大型合成部门（bench/synthetic.ts）' },
];

const ctxFor = (b: Budget) => ({ catalog: builtinCatalog(), templates: templatesFor(b.meta.templateId) });

export function derivedOf(b: Budget): DerivedTable[] {
  return deriveTables(b, ctxFor(b));
}

export async function budgetOfBytes(bytes: Uint8Array): Promise<Budget> {
  return budgetFromBytes(await loadSqlJsNode(), bytes, 'walk.budget').budget;
}

/** The source files, made once: a .budget of the sample and of the synthetic department, the workbooks. */
export async function sourceFiles(): Promise<Map<string, Buffer>> {
  const sql = await loadSqlJsNode();
  const sample = yubeiBigData2024();
  const out = new Map<string, Buffer>();
  out.set('示例.budget', Buffer.from(budgetToBytes(sql, sample)));
  out.set('合成部门.budget', Buffer.from(budgetToBytes(sql, syntheticBudget(builtinCatalog(), LARGE))));
  out.set('realistic.xlsx', readFileSync(join(FIXTURES, 'import/realistic.xlsx')));
  out.set('inconsistent.xlsx', readFileSync(join(FIXTURES, 'import/inconsistent.xlsx')));
  out.set('导出的示例.xlsx', Buffer.from(await tablesToXlsx(sample, derivedOf(sample), ctxFor(sample).templates)));
  return out;
}

/** Puts a file last in the picker store: the next 打开 picks it. */
export function offer(files: Map<string, Buffer>, sources: Map<string, Buffer>, name: string): void {
  files.delete(name);
  files.set(name, sources.get(name)!);
}

const dialog = (page: Page) => page.locator('[data-testid=confirm-dialog]');

/** A fresh page with the budget of `kind` loaded. */
export async function loadBudget(page: Page, baseUrl: string, kind: BudgetKind, files: Map<string, Buffer>, sources: Map<string, Buffer>): Promise<void> {
  await page.goto(baseUrl);
  await waitForApp(page);
  switch (kind) {
    case 'sample':
      return;
    case 'blank': {
      await page.click('[data-action=new]');
      const nd = page.locator('[data-testid=new-file-dialog]');
      await nd.locator('input').nth(0).fill('重庆市渝北区测试局');
      await nd.locator('input').nth(1).fill('2025');
      await nd.locator('button.primary').click();
      await page.waitForSelector('[data-testid=department]:has-text("重庆市渝北区测试局")');
      return;
    }
    case 'rollover': {
      offer(files, sources, '示例.budget');
      await page.click('[data-action=new]');
      await page.click('[data-testid=new-file-dialog] [data-action=rollover]');
      await dialog(page).locator('text=新建 2025 年度').waitFor();
      await dialog(page).locator('button').click();
      return;
    }
    case 'realistic':
    case 'inconsistent':
    case 'exported': {
      offer(files, sources, kind === 'exported' ? '导出的示例.xlsx' : `${kind}.xlsx`);
      await page.click('[data-action=open]');
      await dialog(page).locator('button', { hasText: '导入' }).click();
      await dialog(page).locator('text=导入完成').waitFor({ timeout: 30_000 });
      await dialog(page).locator('button').click();
      return;
    }
    case 'synthetic': {
      offer(files, sources, '合成部门.budget');
      await page.click('[data-action=open]');
      await page.waitForSelector('[data-testid=status-file]:has-text("合成部门.budget")', { timeout: 30_000 });
      return;
    }
  }
}
