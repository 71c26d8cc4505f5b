/**
 * Hostile .budget files, generated here from the sample and the committed version-1 fixture: a
 * file is data, never code. Each case asserts the exit code, the one Chinese line naming the file,
 * and the time and memory bounds of the issue (tests/helpers/hostile.ts).
 */
import { existsSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlJsNode } from '../../cli/sqljs-node';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { BudgetFileError, budgetFromBytes, budgetToBytes, BudgetSaveError, MAX_ROWS, type SqlJs } from '../../shared/storage/index';
import { migrateFrom, queryAll } from '../../shared/storage/db';
import { knownSchema } from '../../shared/storage/verify';
import { CURRENT_SCHEMA_VERSION } from '../../shared/storage/migrations';
import { expectOneLine, recordCase, reportFigures, runCli } from '../helpers/hostile';
import { budgetFileBytes } from '../../cli/commands/import';
import { CliError } from '../../cli/errors';

reportFigures('hostile-budget');

const FIXTURE_V1 = new URL('../fixtures/budget-v1.budget', import.meta.url);
let sql: SqlJs;
beforeAll(async () => {
  sql = await loadSqlJsNode();
});
const dir = mkdtempSync(join(tmpdir(), 'bw-hostile-budget-'));

const sample = () => budgetToBytes(sql, yubeiBigData2024());
const v1 = () => new Uint8Array(readFileSync(FIXTURE_V1));

/** The bytes after raw SQL run by the file's author (any SQLite tool can do this). */
function tamper(bytes: Uint8Array, text: string): Uint8Array {
  const db = new sql.Database(bytes);
  try {
    db.exec(text);
    return db.export();
  } finally {
    db.close();
  }
}

function save(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** budgetFromBytes must refuse, quickly, with the code given. */
function refused(s: SqlJs, bytes: Uint8Array, name: string, code: BudgetFileError['code']): BudgetFileError {
  const start = Date.now();
  let error: unknown;
  try {
    budgetFromBytes(s, bytes, name);
  } catch (e) {
    error = e;
  }
  recordCase(name, error ? 2 : 0, Date.now() - start);
  expect(error).toBeInstanceOf(BudgetFileError);
  const e = error as BudgetFileError;
  expect(e.code, e.message).toBe(code);
  expect(e.message).toContain(`“${name}”`);
  return e;
}

const ENDLESS = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c';

const CASES: { name: string; make: () => Uint8Array; code: BudgetFileError['code']; says: RegExp }[] = [
  {
    name: '触发器死循环-v1.budget',
    // Fired by the version-1 → 2 migration's INSERT into meta.
    make: () => tamper(v1(), `CREATE TRIGGER spin AFTER INSERT ON meta BEGIN SELECT count(*) FROM (${ENDLESS}); END;`),
    code: 'unsafe',
    says: /含有本程序不会建立的触发器“spin”/,
  },
  {
    name: '视图死循环.budget',
    make: () =>
      tamper(
        sample(),
        `DROP TABLE units; CREATE VIEW units AS SELECT x AS position, 'a' AS code, 'b' AS name, 'administrative' AS kind, 0 AS is_own_office FROM (${ENDLESS});`,
      ),
    code: 'unsafe',
    says: /视图“units”/,
  },
  {
    name: '视图伪造行.budget',
    make: () =>
      tamper(
        sample(),
        `ALTER TABLE texts RENAME TO texts_real;
         CREATE VIEW texts AS SELECT key, value FROM texts_real UNION ALL SELECT 'contactName', '伪造的联系人';`,
      ),
    code: 'unsafe',
    says: /视图“texts”/,
  },
  {
    name: '虚拟表.budget',
    make: () =>
      tamper(
        sample(),
        "PRAGMA writable_schema = ON; INSERT INTO sqlite_master VALUES ('table', 'ghost', 'ghost', 0, 'CREATE VIRTUAL TABLE ghost USING nosuch(a)'); PRAGMA writable_schema = OFF;",
      ),
    code: 'unsafe',
    says: /虚拟表“ghost”/,
  },
  {
    name: '外来索引.budget',
    make: () => tamper(sample(), 'CREATE INDEX by_name ON projects (length(name), name)'),
    code: 'unsafe',
    says: /索引“by_name”/,
  },
  {
    name: '改了列定义.budget',
    make: () => tamper(sample(), "ALTER TABLE units ADD COLUMN extra TEXT DEFAULT 'x'"),
    code: 'unsafe',
    says: /表“units”的定义与本程序建立的不同/,
  },
  {
    name: '超长文字.budget',
    make: () => tamper(sample(), "INSERT INTO texts VALUES ('huge', replace(hex(zeroblob(2500000)), '0', '字'))"),
    code: 'too-large',
    says: /表 texts（说明文字）的 value 列有一个值长 5,000,000 字符，超过上限 200,000/,
  },
  {
    name: '超大二进制值.budget',
    make: () => tamper(sample(), "UPDATE meta SET value = zeroblob(20000000) WHERE key = 'department'"),
    code: 'too-large',
    says: /表 meta（部门信息）的 value 列有一个值长 20,000,000 字符/,
  },
  {
    name: '二十万个项目.budget',
    make: () =>
      tamper(
        sample(),
        `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000)
         INSERT INTO projects SELECT 'h' || x, 1000 + x, '项目' || x, '801001', '单位', '2150501', 'general', 100, 0,
           '', '', '', '', '', 0, NULL FROM c;`,
      ),
    code: 'too-large',
    says: /表 projects（项目）有 200,0\d\d 行，超过一个部门可能有的 20,000 行/,
  },
];

describe('a hostile .budget is refused before any of its SQL runs', () => {
  it.each(CASES)('$name', ({ name, make, code, says }) => {
    const bytes = make();
    const e = refused(sql, bytes, name, code);
    expect(e.message).toMatch(says);
  });

  it('the side effect of a trigger or a view never happens (a spy function counts every call)', () => {
    let calls = 0;
    const Base = sql.Database;
    // Every database the opener makes gets the spy; the file's trigger and view call it when they run.
    class Spied extends Base {
      constructor(data?: ArrayLike<number> | Buffer | null) {
        super(data);
        this.create_function('side_effect', () => ++calls);
      }
    }
    const spied = { ...sql, Database: Spied } as unknown as SqlJs;
    const withTrigger = tamper(v1(), 'CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT side_effect(); END;');
    const withView = tamper(
      sample(),
      'ALTER TABLE meta RENAME TO meta_real; CREATE VIEW meta AS SELECT key, value FROM meta_real WHERE side_effect() > 0;',
    );
    refused(spied, withTrigger, '间谍触发器.budget', 'unsafe');
    refused(spied, withView, '间谍视图.budget', 'unsafe');
    expect(calls).toBe(0);

    // The control: the same files do run the spy once a statement touches them (the fixtures are real).
    const db = new Spied(withTrigger);
    migrateFrom(db, 1, '2024-01-01T00:00:00.000Z');
    queryAll(new Spied(withView), 'SELECT * FROM meta');
    expect(calls).toBeGreaterThan(1);
  });

  it('a trigger that would rename the department is not carried into the new year (rollover refuses)', () => {
    const bytes = tamper(v1(), "CREATE TRIGGER rename AFTER INSERT ON meta BEGIN UPDATE meta SET value = '伪造的部门' WHERE key = 'department'; END;");
    const last = save('改名触发器.budget', bytes);
    const next = join(dir, '改名触发器-次年.budget');
    const r = runCli('rollover 改名触发器', ['rollover', last, next]);
    expectOneLine(r, 2, '改名触发器.budget', /触发器“rename”/);
    expect(existsSync(next)).toBe(false);
  });

  it.each(CASES)('check $name ends with exit 2 and one line naming it', ({ name, make, says }) => {
    expectOneLine(runCli(`check ${name}`, ['check', save(name, make())]), 2, name, says);
  });

  it('a 2 GB file (sparse, two zeroblob(900000000) worth) is refused from its size, without reading it', () => {
    const path = save('巨大文件.budget', sample());
    truncateSync(path, 2 * 1024 ** 3);
    const r = runCli('check 巨大文件', ['check', path]);
    expectOneLine(r, 2, '巨大文件.budget', /有 2,147,483,648 字节，超过上限 67,108,864 字节/);
    expect(r.maxRssMb).toBeLessThan(400);
  });
});

describe('integrity: a checksum of the inputs in meta, on every save', () => {
  it('a saved file opens as ok; one changed outside the workbench as a mismatch; a version-1 file has none', () => {
    expect(budgetFromBytes(sql, sample(), 's.budget').integrity).toBe('ok');
    const edited = tamper(sample(), "UPDATE function_lines SET current_fen = current_fen + 1 WHERE code = '2080505' AND kind = 'basic'");
    const opened = budgetFromBytes(sql, edited, '改过.budget');
    expect(opened.integrity).toBe('mismatch');
    expect(opened.budget.functionLines.find((l) => l.code === '2080505' && l.kind === 'basic')?.current).toBe(17216913);
    expect(budgetFromBytes(sql, v1(), 'v1.budget').integrity).toBe('absent');
  });

  it('check warns and still reports; rollover refuses to carry changed numbers into a new year', () => {
    const path = save('改过.budget', tamper(sample(), "UPDATE texts SET value = '张三' WHERE key = 'contactName'"));
    const checked = runCli('check 改过', ['check', path]);
    expect(checked.status).toBe(0);
    expect(checked.stderr.trim()).toBe(
      '警告：“改过.budget”的内容与上次保存时的校验值不符：文件在工作台之外被改动过，或已损坏。其中的数字可能不是录入的数字，请核对或从备份恢复',
    );
    expect(checked.stdout).toContain('检查 改过.budget');
    const next = join(dir, '改过-次年.budget');
    expectOneLine(runCli('rollover 改过', ['rollover', path, next]), 2, '改过.budget', /校验值不符.*未结转$/);
    expect(existsSync(next)).toBe(false);
  });

  it('80 single-bit flips: each is refused, or opens unchanged, or opens with the mismatch warning — never changed and trusted', () => {
    const original = sample();
    const reference = budgetFromBytes(sql, original, 'ref.budget').budget;
    // Positions: 40 anywhere in the file, 40 inside stored values (an amount's 4 bytes, a name's UTF-8).
    const find = (pattern: Uint8Array): number[] => {
      const at: number[] = [];
      for (let i = 0; i + pattern.length <= original.length; i++) {
        let same = true;
        for (let j = 0; j < pattern.length && same; j++) same = original[i + j] === pattern[j];
        if (same) at.push(i);
      }
      return at;
    };
    const amount = find(new Uint8Array([17216912 >>> 24, (17216912 >>> 16) & 255, (17216912 >>> 8) & 255, 17216912 & 255])); // 分, big-endian as SQLite stores it
    const name = find(new TextEncoder().encode('办公场地租赁'));
    expect(amount.length).toBeGreaterThan(0);
    expect(name.length).toBeGreaterThan(0);
    let seed = 12345;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const positions = [
      ...Array.from({ length: 40 }, () => random(original.length)),
      ...Array.from({ length: 20 }, () => amount[random(amount.length)] + random(4)),
      ...Array.from({ length: 20 }, () => name[random(name.length)] + random(18)),
    ];
    const outcome = { refused: 0, unchanged: 0, warned: 0, trustedButChanged: 0 };
    const start = Date.now();
    for (const p of positions) {
      const bytes = original.slice();
      bytes[p] ^= 1 << random(8);
      try {
        const opened = budgetFromBytes(sql, bytes, 'flip.budget');
        const same = JSON.stringify(opened.budget) === JSON.stringify(reference);
        if (opened.integrity === 'mismatch') outcome.warned++;
        else if (same) outcome.unchanged++;
        else outcome.trustedButChanged++;
      } catch (e) {
        expect(e).toBeInstanceOf(BudgetFileError);
        outcome.refused++;
      }
    }
    recordCase('80 次单比特翻转', 0, Date.now() - start);
    console.log(`单比特翻转 80 次：拒绝 ${outcome.refused}，数据未变 ${outcome.unchanged}，警告 ${outcome.warned}，被改且未察觉 ${outcome.trustedButChanged}`);
    expect(outcome.trustedButChanged).toBe(0);
    expect(outcome.warned).toBeGreaterThan(0);
  });
});

describe('messages', () => {
  it("SQLite's own text is only in the --debug detail, never the first line", () => {
    const bytes = sample();
    for (let i = 2 * 4096; i < bytes.length - 4096; i++) bytes[i] = (i * 131) & 0xff;
    const path = save('乱码.budget', bytes);
    const line = expectOneLine(runCli('check 乱码', ['check', path]), 2, '乱码.budget', /文件已损坏，SQLite 无法读取它。请从备份恢复/);
    expect(line).not.toMatch(/malformed|corrupt|database|disk image/i);
    const debug = runCli('check 乱码 --debug', ['check', path, '--debug']);
    const lines = debug.stderr.trim().split('\n');
    expect(lines[0]).toBe(line);
    expect(lines[1]).toMatch(/^详细信息：.*(malformed|not a database|corrupt)/i);
  });
});

describe('the bounds', () => {
  it('cover every table of the schema', () => {
    const tables = knownSchema(sql, CURRENT_SCHEMA_VERSION)
      .filter((o) => o.type === 'table')
      .map((o) => o.name)
      .sort();
    expect(Object.keys(MAX_ROWS).sort()).toEqual(tables);
  });

  it('a budget beyond them is never written', () => {
    const b = yubeiBigData2024();
    b.texts.huge = '字'.repeat(200_001);
    expect(() => budgetToBytes(sql, b)).toThrow(BudgetSaveError);
    expect(() => budgetToBytes(sql, b)).toThrow('表 texts（说明文字）的 value 列有一个值长 200,001 字符，超过上限 200,000');
  });

  it('the CLI names the file it would not write past a bound (import, rollover)', async () => {
    const b = yubeiBigData2024();
    const p = b.projects[0];
    const extra = 20_001 - b.projects.length;
    for (let i = 0; i < extra; i++) b.projects.push({ ...p, id: `x${i}`, indicators: [] });
    const e = await budgetFileBytes(b, '/tmp/超两万项目.budget').then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(CliError);
    expect((e as CliError).message).toBe('无法写出“超两万项目.budget”：表 projects（项目）有 20,001 行，超过一个部门可能有的 20,000 行，未写出文件');
  });

  it('[heavy] values within their bounds that add up to more than a file may hold are not written either', () => {
    const b = yubeiBigData2024();
    // 120 texts of 200,000 characters: each within the bound, 72 MB of UTF-8 together.
    const long = '字'.repeat(200_000);
    for (let i = 0; i < 120; i++) b.texts[`long${i}`] = long;
    expect(() => budgetToBytes(sql, b)).toThrow(/^无法保存：文件将有 7\d,\d\d\d,\d\d\d 字节，超过部门预算文件的上限 67,108,864 字节$/);
  });

  it('a file at a bound still opens', () => {
    const b = yubeiBigData2024();
    b.texts.long = '字'.repeat(200_000);
    expect(budgetFromBytes(sql, budgetToBytes(sql, b), 'long.budget').budget.texts.long).toHaveLength(200_000);
  });
});
