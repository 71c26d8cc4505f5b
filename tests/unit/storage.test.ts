import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSqlJsNode } from '../../cli/sqljs-node';
import { applyEdit, readInput, type Edit } from '../../shared/model/edit';
import { emptyBudget } from '../../shared/model/budget';
import { SOURCES, type Budget } from '../../shared/model/types';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import {
  APPLICATION_ID,
  BudgetFileError,
  BudgetSaveError,
  CURRENT_SCHEMA_VERSION,
  MIGRATIONS,
  SQLITE_MAGIC,
  budgetFromBytes,
  budgetToBytes,
  sniffFile,
  type SqlJs,
} from '../../shared/storage/index';
import { inTransaction, migrateFrom, queryAll, queryValue } from '../../shared/storage/db';
import type { SqlDatabase } from '../../shared/storage/sqljs';

const FIXTURE_V1 = new URL('../fixtures/budget-v1.budget', import.meta.url);
const NOW = () => '2024-02-01T00:00:00.000Z';

let sql: SqlJs;
beforeAll(async () => {
  sql = await loadSqlJsNode();
});

/** Opens bytes as a plain sql.js database, runs fn, closes it. */
function withDb<T>(bytes: Uint8Array | null, fn: (db: SqlDatabase) => T): T {
  const db = new sql.Database(bytes);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Bytes of a .budget file after some raw SQL (a hand edit, another program, a future version). */
function tamper(bytes: Uint8Array, sqlText: string): Uint8Array {
  return withDb(bytes, (db) => {
    db.exec(sqlText);
    return db.export();
  });
}

function refusal(bytes: Uint8Array, fileName: string): BudgetFileError {
  try {
    budgetFromBytes(sql, bytes, fileName);
  } catch (e) {
    expect(e).toBeInstanceOf(BudgetFileError);
    return e as BudgetFileError;
  }
  throw new Error(`${fileName} was opened`);
}

/** Byte equality without a deep-equal over 100 kB (slow and unreadable on failure). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

function roundTrip(b: Budget): Budget {
  const opened = budgetFromBytes(sql, budgetToBytes(sql, b, { now: NOW }), 'round-trip.budget');
  expect(opened.migratedFrom).toBeNull();
  return opened.budget;
}

function schemaOf(db: SqlDatabase): string[] {
  return queryAll(db, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name <> 'sqlite_sequence' ORDER BY name").map(
    (r) => JSON.stringify(r),
  );
}

describe('sniffFile', () => {
  it('tells SQLite, xlsx (zip), empty and anything else apart by magic bytes', () => {
    expect(sniffFile(new Uint8Array())).toBe('empty');
    expect(sniffFile(new Uint8Array([...SQLITE_MAGIC, 0, 0]))).toBe('sqlite');
    expect(sniffFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0]))).toBe('xlsx');
    expect(sniffFile(new TextEncoder().encode('部门,金额\n'))).toBe('other');
    expect(sniffFile(SQLITE_MAGIC.subarray(0, 10))).toBe('other');
  });
});

describe('writing a .budget file', () => {
  it('is a valid SQLite 3 file with our application_id, the current version, and passes integrity_check', () => {
    const bytes = budgetToBytes(sql, yubeiBigData2024(), { now: NOW });
    expect(Array.from(bytes.subarray(0, 16))).toEqual(Array.from(SQLITE_MAGIC));
    expect(new TextDecoder().decode(bytes.subarray(0, 15))).toBe('SQLite format 3');
    expect(sniffFile(bytes)).toBe('sqlite');
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getUint32(68)).toBe(APPLICATION_ID); // header offset 68: application_id
    expect(view.getUint32(60)).toBe(CURRENT_SCHEMA_VERSION); // header offset 60: user_version
    withDb(bytes, (db) => {
      expect(queryAll(db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(queryAll(db, 'PRAGMA foreign_key_check')).toEqual([]);
      expect(queryValue(db, 'PRAGMA application_id')).toBe(APPLICATION_ID);
      expect(queryValue(db, 'PRAGMA user_version')).toBe(CURRENT_SCHEMA_VERSION);
      expect(queryAll(db, 'SELECT version, name, applied_at FROM schema_migrations ORDER BY version')).toEqual(
        MIGRATIONS.map((m) => ({ version: m.version, name: m.name, applied_at: NOW() })),
      );
      // Readable by strangers: amounts are INTEGER 分 in *_fen columns.
      expect(queryValue(db, "SELECT current_fen FROM function_lines WHERE code = '2150501' AND kind = 'basic'")).toBe(124391478);
      expect(queryValue(db, "SELECT typeof(amount_fen) FROM econ_lines LIMIT 1")).toBe('integer');
      expect(queryValue(db, "SELECT value FROM meta WHERE key = 'year'")).toBe(2024);
    });
  });

  it('documents the application id: ASCII "YSGK" (预算公开)', () => {
    expect(APPLICATION_ID).toBe(0x5953474b);
    expect(String.fromCharCode(...[24, 16, 8, 0].map((s) => (APPLICATION_ID >>> s) & 0xff))).toBe('YSGK');
  });

  it('refuses what the file cannot hold, in Chinese, and writes nothing half-way', () => {
    const b = yubeiBigData2024();
    b.functionLines[0].current = 12.5;
    expect(() => budgetToBytes(sql, b)).toThrow(BudgetSaveError);
    expect(() => budgetToBytes(sql, b)).toThrow(/不是整数分/);

    const dup = yubeiBigData2024();
    dup.projects.push({ ...dup.projects[0] });
    expect(() => budgetToBytes(sql, dup)).toThrow(/项目编号“p1”.*重复/);
  });

  it('rolls a failed transaction back', () => {
    withDb(null, (db) => {
      db.exec('CREATE TABLE t (x INTEGER NOT NULL)');
      expect(() =>
        inTransaction(db, () => {
          db.run('INSERT INTO t (x) VALUES (?)', [1]);
          db.run('INSERT INTO t (x) VALUES (?)', [null]);
        }),
      ).toThrow();
      expect(queryValue(db, 'SELECT count(*) FROM t')).toBe(0);
      // Not left inside a transaction: a new one can start.
      inTransaction(db, () => db.run('INSERT INTO t (x) VALUES (?)', [2]));
      expect(queryValue(db, 'SELECT count(*) FROM t')).toBe(1);
    });
  });
});

describe('round trip', () => {
  it('the sample comes back exactly, order of every list and key included', () => {
    const b = yubeiBigData2024();
    const back = roundTrip(b);
    expect(back).toStrictEqual(b);
    // Order: lists by position, maps by insertion.
    expect(back.projects.map((p) => p.id)).toEqual(b.projects.map((p) => p.id));
    expect(back.projects[0].indicators.map((i) => i.name)).toEqual(b.projects[0].indicators.map((i) => i.name));
    expect(Object.keys(back.texts)).toEqual(Object.keys(b.texts));
    expect(back.nameOverrides).toEqual({ 'econ-department:30213': '维修(护)费' });
    expect(back.econLines.find((l) => l.code === '31204')?.amount).toBe(0);
    expect(back.projects[5].summary).toBe('');
  });

  it('every source, optional field, empty string, zero, negative and large amount survives', () => {
    const b = emptyBudget({ department: '测试局', year: 2025 });
    b.meta.approvalDate = '2025-01-20';
    b.units = [
      { code: '', name: '', kind: 'institution', isOwnOffice: false },
      { code: '', name: '同码单位', kind: 'administrative', isOwnOffice: true },
    ];
    b.functionLines = SOURCES.map((source, i) => ({ code: '2010301', kind: 'basic', source, current: i * 101, prior: i === 0 ? 0 : -i }));
    b.functionLines.push({ code: '2010302', kind: 'project', source: 'gpb', current: 9_007_199_254_740_991, prior: 0 });
    b.econLines = [
      { scheme: 'government', kind: 'project', code: '50299', amount: 2 ** 31 },
      { scheme: 'department', kind: 'project', code: '30299', amount: -(2 ** 40) },
    ];
    b.threePublic.prior.abroad = 1;
    const base = {
      name: 'x',
      unitCode: '',
      unitName: '',
      functionCode: '2010302',
      district: 0,
      town: 0,
      department: '',
      summary: '第一行\n第二行\t“引号”\'单引号\' 😀',
      basis: '',
      goal: '',
      description: '',
      indicators: [],
    };
    b.projects = [
      { ...base, id: 'z', category: 'key', amounts: Object.fromEntries(SOURCES.map((s, i) => [s, i])), hasTargets: true, needsReview: false },
      { ...base, id: 'a', category: 'general', amounts: { gpb: 0 }, hasTargets: false, needsReview: true },
      {
        ...base,
        id: 'm',
        category: 'general',
        amounts: {},
        hasTargets: true,
        indicators: [{ name: '', weight: '', unit: '', nature: '其他写法', value: '', core: false }],
      },
    ];
    b.performance = { goal: '', indicators: [{ name: '甲', weight: '100', unit: '%', nature: '≥', value: '1', core: true }] };
    b.procurement = SOURCES.map((source, i) => ({
      id: `c${SOURCES.length - i}`,
      deptCode: '',
      deptName: '',
      unitCode: '',
      unitName: '',
      item: source,
      goods: i,
      works: 0,
      services: -1,
      source,
    }));
    b.assets.vehiclesHeld.other = 7;
    b.assets.equipmentPlanned = 2;
    b.texts = { z: '', a: '甲', ['__proto__']: '不是原型', 'narrative:edited': '全文' };
    b.priorOperatingCost = 0;
    b.carryForward = Object.fromEntries([...SOURCES].reverse().map((s, i) => [s, i]));
    b.nameOverrides = { 'function:2010302': '', 'econ-government:50299': '其他' };

    const back = roundTrip(b);
    expect(back).toStrictEqual(b);
    expect(Object.keys(back.texts)).toEqual(['z', 'a', '__proto__', 'narrative:edited']);
    expect(Object.getPrototypeOf(back.texts)).toBe(Object.prototype);
    expect(Object.keys(back.carryForward)).toEqual(Object.keys(b.carryForward));
    expect(Object.keys(back.projects[0].amounts)).toEqual([...SOURCES]);
    expect('needsReview' in back.projects[2]).toBe(false);
    expect(back.priorOperatingCost).toBe(0);

    const none = emptyBudget({ department: '空', year: 2024 });
    expect(roundTrip(none)).toStrictEqual(none);
  });

  it('create → edit → save → reopen shows the edited values', () => {
    const b = yubeiBigData2024();
    const edits: Edit[] = [
      { op: 'set', ref: { t: 'function', code: '2150501', kind: 'basic', source: 'gpb', year: 'current' }, value: '1,300,000.05' },
      { op: 'set', ref: { t: 'function', code: '2130101', kind: 'project', source: 'fund', year: 'prior' }, value: '88' },
      { op: 'set', ref: { t: 'threePublic', item: 'abroad', year: 'current' }, value: '5000' },
      { op: 'set', ref: { t: 'project', id: 'p2', field: 'summary' }, value: '' },
      { op: 'set', ref: { t: 'projectAmount', id: 'p3', source: 'carryGpb' }, value: '12.34' },
      { op: 'set', ref: { t: 'indicator', owner: 'p1', index: 6, field: 'core' }, value: '否' },
      { op: 'insertIndicator', owner: 'department', index: 0, indicator: { name: '新指标', weight: '5', unit: '个', nature: '≥', value: '3', core: true } },
      { op: 'removeProject', id: 'p4' },
      { op: 'set', ref: { t: 'text', key: 'contactName' }, value: '李四' },
      { op: 'set', ref: { t: 'text', key: 'reason:income' }, value: '' },
      { op: 'setMeta', field: 'approvalDate', value: '2024-01-25' },
      { op: 'setName', key: 'function:2150501', name: '行政运行（旧称）' },
      { op: 'setName', key: 'econ-department:30213', name: null },
    ];
    for (const e of edits) expect(applyEdit(b, e)).toMatchObject({ ok: true });

    const back = budgetFromBytes(sql, budgetToBytes(sql, b), '编辑后.budget').budget;
    expect(back).toStrictEqual(b);
    expect(readInput(back, { t: 'function', code: '2150501', kind: 'basic', source: 'gpb', year: 'current' })).toBe('1300000.05');
    expect(readInput(back, { t: 'function', code: '2130101', kind: 'project', source: 'fund', year: 'prior' })).toBe('88.00');
    expect(readInput(back, { t: 'projectAmount', id: 'p3', source: 'carryGpb' })).toBe('12.34');
    expect(back.projects.map((p) => p.id)).toEqual(['p1', 'p2', 'p3', 'p5', 'p6']);
    expect(back.performance.indicators[0].name).toBe('新指标');
    expect(back.texts.contactName).toBe('李四');
    expect('reason:income' in back.texts).toBe(false);
    expect(back.meta.approvalDate).toBe('2024-01-25');
    expect(back.nameOverrides).toEqual({ 'function:2150501': '行政运行（旧称）' });
  });
});

describe('migrations', () => {
  it('are numbered 1, 2, … and each sets its own user_version', () => {
    MIGRATIONS.forEach((m, i) => {
      expect(m.version).toBe(i + 1);
      expect(m.sql.trim().endsWith(`PRAGMA user_version = ${m.version};`)).toBe(true);
    });
    expect(CURRENT_SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
  });

  it('the committed version-1 file was made by exactly the version-1 DDL kept in migrations.ts', () => {
    const fixture = new Uint8Array(readFileSync(FIXTURE_V1));
    const fresh = withDb(null, (db) => {
      db.exec(MIGRATIONS[0].sql);
      return schemaOf(db);
    });
    expect(withDb(fixture, schemaOf)).toEqual(fresh);
  });

  it('a version-1 file opens, is upgraded in memory, and has the expected values', () => {
    const fixture = new Uint8Array(readFileSync(FIXTURE_V1));
    const original = fixture.slice();
    const { budget, migratedFrom } = budgetFromBytes(sql, fixture, 'budget-v1.budget');
    expect(migratedFrom).toBe(1);
    expect(sameBytes(fixture, original)).toBe(true); // the caller's bytes (the backup) are untouched

    expect(budget.meta).toEqual({
      department: '重庆市渝北区示例局',
      shortName: '区示例局',
      departmentCode: '901',
      district: '渝北区',
      year: 2024,
      templateId: 'chongqing-yubei-2024',
      compilingUnit: '901001-重庆市渝北区示例局（本级）',
      approvalDate: '', // added by step 2
      publishDate: '',
    });
    expect(budget.priorOperatingCost).toBe(12345600);
    expect(budget.units.map((u) => [u.code, u.kind, u.isOwnOffice])).toEqual([
      ['901001', 'administrative', true],
      ['901002', 'institution', false],
    ]);
    expect(budget.functionLines).toEqual([
      { code: '2010301', kind: 'basic', source: 'gpb', current: 300000000000, prior: 250000000000 },
      { code: '2010350', kind: 'project', source: 'gpb', current: 0, prior: 1500000 },
      { code: '2080505', kind: 'basic', source: 'carryGpb', current: 99, prior: 0 },
    ]);
    expect(budget.econLines.map((l) => l.amount)).toEqual([200000000000, 200000000000, 0]);
    expect(budget.threePublic).toEqual({
      current: { abroad: 0, vehiclePurchase: 0, vehicleOperation: 3000000, reception: 100000 },
      prior: { abroad: 0, vehiclePurchase: 0, vehicleOperation: 3500000, reception: 120000 },
    });
    expect(budget.projects.map((p) => p.id)).toEqual(['p2', 'p1']);
    expect(budget.projects[0]).toMatchObject({
      category: 'key',
      amounts: { gpb: 1200000, carryGpb: 300000 },
      district: 1000000,
      town: 500000,
      hasTargets: true,
      needsReview: true,
    });
    expect(budget.projects[0].indicators.map((i) => [i.name, i.unit, i.value, i.core])).toEqual([
      ['系统可用率', '%', '99.9', true],
      ['运维费用', '万元', '15', false],
    ]);
    expect('needsReview' in budget.projects[1]).toBe(false);
    expect(budget.performance.goal).toBe('完成年度重点工作。');
    expect(budget.performance.indicators.map((i) => i.nature)).toEqual(['≥', '定性']);
    expect(budget.procurement).toEqual([
      {
        id: 'c1',
        deptCode: '901',
        deptName: '重庆市渝北区示例局',
        unitCode: '901001',
        unitName: '重庆市渝北区示例局（本级）',
        item: '运维服务',
        goods: 0,
        works: 0,
        services: 1500000,
        source: 'gpb',
      },
    ]);
    expect(budget.assets.vehiclesHeld).toMatchObject({ confidential: 1, law: 2 });
    expect(budget.assets.vehiclesPlanned.law).toBe(1);
    expect(budget.assets.equipmentHeld).toBe(3);
    expect(budget.texts).toEqual({ functions: '负责示例工作。', contactName: '张三', 'reason:income': '' });
    expect(budget.carryForward).toEqual({ gpb: 50000 });
    expect(budget.nameOverrides).toEqual({ 'econ-department:30213': '维修(护)费' });

    // Saved again, it is a current-version file with the same content.
    const saved = budgetToBytes(sql, budget);
    expect(new DataView(saved.buffer, saved.byteOffset).getUint32(60)).toBe(CURRENT_SCHEMA_VERSION);
    const reopened = budgetFromBytes(sql, saved, 'budget-v1.budget');
    expect(reopened.migratedFrom).toBeNull();
    expect(reopened.budget).toStrictEqual(budget);
  });

  it('an upgraded old file has exactly the schema of a new one', () => {
    const fixture = new Uint8Array(readFileSync(FIXTURE_V1));
    const upgraded = withDb(fixture, (db) => {
      migrateFrom(db, 1, NOW());
      expect(queryValue(db, 'PRAGMA user_version')).toBe(CURRENT_SCHEMA_VERSION);
      expect(queryAll(db, 'SELECT version, name FROM schema_migrations ORDER BY version')).toEqual(
        MIGRATIONS.map((m) => ({ version: m.version, name: m.name })),
      );
      expect(queryAll(db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      return schemaOf(db);
    });
    const fresh = withDb(budgetToBytes(sql, yubeiBigData2024()), schemaOf);
    expect(upgraded).toEqual(fresh);
  });
});

describe('refusing files that are not ours or not whole', () => {
  const sample = () => budgetToBytes(sql, yubeiBigData2024(), { now: NOW });

  it('an empty file', () => {
    const e = refusal(new Uint8Array(), '空文件.budget');
    expect(e.code).toBe('empty');
    expect(e.fileName).toBe('空文件.budget');
    expect(e.message).toMatch(/^无法打开“空文件\.budget”：这是一个空文件/);
  });

  it('a text file', () => {
    const e = refusal(new TextEncoder().encode('功能分类科目,金额\n2150501,100.00\n'), '预算.csv');
    expect(e.code).toBe('not-sqlite');
    expect(e.message).toContain('“预算.csv”');
    expect(e.message).toContain('这是文本文件');
  });

  it('an xlsx (zip) workbook', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, ...new Array(60).fill(0)]);
    const e = refusal(zip, '2024年部门预算公开表.xlsx');
    expect(e.code).toBe('not-sqlite');
    expect(e.message).toContain('“2024年部门预算公开表.xlsx”');
    expect(e.message).toContain('Excel 工作簿（.xlsx）');
    expect(e.message).toContain('导入工作簿');
  });

  it("another program's SQLite database", () => {
    const foreign = withDb(null, (db) => {
      db.exec("CREATE TABLE contacts (name TEXT, phone TEXT); INSERT INTO contacts VALUES ('张三', '123')");
      return db.export();
    });
    const e = refusal(foreign, '通讯录.db');
    expect(e.code).toBe('foreign');
    expect(e.message).toContain('“通讯录.db”');
    expect(e.message).toContain('不是部门预算文件（这是一个普通的 SQLite 数据库');
    expect(e.message).toContain('contacts');

    const other = tamper(foreign, 'PRAGMA application_id = 1234');
    const e2 = refusal(other, 'other.sqlite');
    expect(e2.code).toBe('foreign');
    expect(e2.message).toContain('不是部门预算文件（这是其他程序的 SQLite 数据库，application_id = 0x000004D2');
  });

  it('a truncated .budget', () => {
    const bytes = sample();
    const half = refusal(bytes.slice(0, bytes.length / 2), '截断.budget');
    expect(half.code).toBe('damaged');
    expect(half.message).toMatch(/^无法打开“截断\.budget”：文件不完整/);
    const odd = refusal(bytes.slice(0, 5000), '截断2.budget');
    expect(odd.code).toBe('damaged');
    expect(odd.message).toContain('不是页大小 4096 的整数倍');
    const tiny = refusal(bytes.slice(0, 40), '截断3.budget');
    expect(tiny.code).toBe('damaged');
    expect(tiny.message).toContain('只有 40 字节');
  });

  it('a .budget with garbage over its pages (sql.js reports corruption)', () => {
    const bytes = sample();
    const pageSize = 4096;
    for (let i = 2 * pageSize; i < bytes.length - pageSize; i++) bytes[i] = (i * 131) & 0xff;
    const e = refusal(bytes, '损坏.budget');
    expect(e.code).toBe('damaged');
    expect(e.message).toMatch(/^无法打开“损坏\.budget”：文件已损坏/);
    expect(e.message).toContain('请从备份恢复');
  });

  it('a file from a newer workbench (user_version 99)', () => {
    const bytes = tamper(sample(), 'PRAGMA user_version = 99');
    const copy = bytes.slice();
    const e = refusal(bytes, '新版本.budget');
    expect(e.code).toBe('newer');
    expect(e.message).toBe(
      `无法打开“新版本.budget”：此文件由更新版本的工作台创建（文件版本 99，本程序支持 ${CURRENT_SCHEMA_VERSION}），请升级工作台后再打开，文件未被修改`,
    );
    expect(sameBytes(bytes, copy)).toBe(true);
  });

  it('a file whose recorded migrations are not a prefix of the known list', () => {
    const fixture = new Uint8Array(readFileSync(FIXTURE_V1));
    const renamed = tamper(fixture, "UPDATE schema_migrations SET name = 'initial-schema-branch-x' WHERE version = 1");
    const e = refusal(renamed, '分支.budget');
    expect(e.code).toBe('migration');
    expect(e.message).toContain('“分支.budget”');
    expect(e.message).toContain('升级记录与本程序不一致');
    expect(e.message).toContain('initial-schema-branch-x');

    const missing = tamper(sample(), `DELETE FROM schema_migrations WHERE version = ${CURRENT_SCHEMA_VERSION}`); // the last step's record
    const e2 = refusal(missing, '缺步.budget');
    expect(e2.code).toBe('migration');
    expect(e2.message).toContain(`文件版本为 ${CURRENT_SCHEMA_VERSION}，但升级记录只有 ${CURRENT_SCHEMA_VERSION - 1} 步`);

    const extra = tamper(fixture, "INSERT INTO schema_migrations VALUES (2, 'something-else', '2024-03-01')");
    const e3 = refusal(extra, '多步.budget');
    expect(e3.code).toBe('migration');
    expect(e3.message).toContain('本程序没有这一步');
  });

  it('a file whose content was changed by hand beyond reading names the table and column', () => {
    const e = refusal(tamper(sample(), "UPDATE meta SET value = '二〇二四' WHERE key = 'year'"), '手改.budget');
    expect(e.code).toBe('damaged');
    expect(e.message).toContain('“手改.budget”');
    expect(e.message).toContain('meta 的 year 应为整数');

    const e2 = refusal(tamper(sample(), 'DROP TABLE texts'), '缺表.budget');
    expect(e2.code).toBe('damaged');
    expect(e2.message).toContain('texts');

    const e3 = refusal(tamper(sample(), "UPDATE performance_indicators SET owner = 'p99' WHERE owner = 'p1'"), '孤儿.budget');
    expect(e3.message).toContain('不存在的项目“p99”');
  });

  it('each refusal has its own message', () => {
    const messages = [
      refusal(new Uint8Array(), 'f').reason,
      refusal(new TextEncoder().encode('hello'), 'f').reason,
      refusal(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), 'f').reason,
      refusal(withDb(null, (db) => db.export()), 'f').reason,
      refusal(sample().slice(0, 8192), 'f').reason,
      refusal(tamper(sample(), 'PRAGMA user_version = 99'), 'f').reason,
    ];
    expect(new Set(messages).size).toBe(messages.length);
  });
});

const hasSqliteCli = spawnSync('sqlite3', ['-version']).status === 0;

describe.skipIf(!hasSqliteCli)("Debian's sqlite3 CLI reads the file", () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'budget-'));
    file = join(dir, '渝北区大数据局2024.budget');
    writeFileSync(file, budgetToBytes(sql, yubeiBigData2024()));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cli = (...args: string[]): string => {
    const r = spawnSync('sqlite3', [file, ...args], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return r.stdout.trim();
  };

  it('lists the tables, passes integrity_check and answers plain queries', () => {
    const tables = cli('.tables').split(/\s+/).sort();
    expect(tables).toEqual(
      [
        'assets',
        'carry_forward',
        'econ_lines',
        'function_lines',
        'meta',
        'name_overrides',
        'performance_indicators',
        'procurement_lines',
        'project_amounts',
        'projects',
        'schema_migrations',
        'texts',
        'three_public',
        'units',
      ].sort(),
    );
    expect(cli('PRAGMA integrity_check')).toBe('ok');
    expect(cli('PRAGMA application_id')).toBe(String(APPLICATION_ID));
    expect(cli('PRAGMA user_version')).toBe(String(CURRENT_SCHEMA_VERSION));
    const total = yubeiBigData2024().functionLines.reduce((s, l) => s + l.current, 0);
    expect(cli('SELECT sum(current_fen) FROM function_lines')).toBe(String(total));
    expect(cli("SELECT name FROM projects WHERE id = 'p3'")).toBe('办公场地租赁');
    expect(cli('.schema three_public')).toContain('公务接待费');
  });

  it('a file edited with the CLI within the constraints still opens; one breaking them is refused by SQLite', () => {
    cli("UPDATE texts SET value = '王五' WHERE key = 'contactName'");
    const r = spawnSync('sqlite3', [file, "UPDATE function_lines SET kind = 'other' WHERE position = 0"], { encoding: 'utf8' });
    expect(r.stderr).toContain('CHECK constraint failed');
    const opened = budgetFromBytes(sql, new Uint8Array(readFileSync(file)), '渝北区大数据局2024.budget');
    const back = opened.budget;
    // It opens, and says it was changed outside the workbench.
    expect(opened.integrity).toBe('mismatch');
    expect(back.texts.contactName).toBe('王五');
    expect(back.functionLines[0].kind).toBe('basic');
  });
});
