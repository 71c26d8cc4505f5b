/**
 * The .budget schema as an ordered list of forward migrations (MODELS.md: migrations as ordered
 * files with a record of which ran). A new file is made by running every step in order, so a fresh
 * file and an upgraded old file have the same schema by construction.
 *
 * Rules for whoever adds a step:
 * - Never edit a step once it has shipped: old files on officers' disks were made by exactly that
 *   text (tests/fixtures/budget-v1.budget guards step 1). Add a new step instead.
 * - Each step's SQL ends by setting `PRAGMA user_version` to its own version (the runner checks),
 *   so the version is never built by string interpolation.
 * - Comments inside CREATE TABLE (…) are kept by SQLite and shown by `sqlite3 x.budget .schema`:
 *   they are the documentation IT staff see. Keep them in Chinese and short.
 */

/**
 * `PRAGMA application_id` of every .budget file: ASCII "YSGK" (预算公开, Yu Suan Gong Kai),
 * 0x5953474B = 1498629963. SQLite stores it at byte offset 68 of the header; `file(1)` and our
 * own sniffing use it to tell a budget file from any other SQLite database.
 */
export const APPLICATION_ID = 0x5953474b;

export interface Migration {
  version: number;
  /** Recorded in schema_migrations; identifies the step (a different name = a different history). */
  name: string;
  /** What the step does, in Chinese, for messages. */
  description: string;
  /** Constant SQL, run with no bound values; ends with `PRAGMA user_version = <version>;`. */
  sql: string;
}

const SOURCE_CHECK = `'gpb', 'fund', 'soe', 'special', 'business', 'superior', 'affiliated', 'operating', 'other',
    'carryGpb', 'carryFund', 'carrySoe', 'carryOther', 'reserve'`;

/** Version 1: the first schema. Kept verbatim as data: the fixture builder runs exactly this. */
export const SCHEMA_V1_SQL = `
PRAGMA application_id = 1498629963;

CREATE TABLE meta (
  -- 部门与年度信息，一项一行。key: department 部门全称, short_name 简称, department_code 部门编码,
  -- district 区县, year 预算年度（整数）, template_id 公开表样, compiling_unit 表十七编制单位,
  -- performance_goal 部门整体绩效目标, prior_operating_cost_fen 上年机关运行经费（分；未知则无此行）
  key   TEXT NOT NULL PRIMARY KEY,
  value
);

CREATE TABLE units (
  -- 部门所属单位（本级及下属单位），按 position 排序
  position      INTEGER NOT NULL PRIMARY KEY,
  code          TEXT NOT NULL,  -- 单位代码，如 801001
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('administrative', 'institution')),  -- 行政单位 / 事业单位
  is_own_office INTEGER NOT NULL CHECK (is_own_office IN (0, 1))  -- 1 = 本级
);

CREATE TABLE function_lines (
  -- 支出功能分类（项级）× 基本/项目支出 × 资金来源：本年与上年预算数。金额单位：分（1 元 = 100 分）
  position    INTEGER NOT NULL UNIQUE,
  code        TEXT NOT NULL,  -- 7 位项级科目编码，如 2150501
  kind        TEXT NOT NULL CHECK (kind IN ('basic', 'project')),  -- 基本支出 / 项目支出
  source      TEXT NOT NULL CHECK (source IN (${SOURCE_CHECK})),
  -- 资金来源: gpb 一般公共预算财政拨款, fund 政府性基金, soe 国有资本经营, special 财政专户, business 事业收入,
  -- superior 上级补助, affiliated 附属单位上缴, operating 经营收入, other 其他收入, carry* 上年结转, reserve 用事业基金弥补
  current_fen INTEGER NOT NULL CHECK (typeof(current_fen) = 'integer'),  -- 本年预算数（分）
  prior_fen   INTEGER NOT NULL CHECK (typeof(prior_fen) = 'integer'),    -- 上年预算数（分）
  PRIMARY KEY (code, kind, source)
);

CREATE TABLE econ_lines (
  -- 一般公共预算财政拨款按经济分类（款级）的金额，表六至表九。金额单位：分
  position   INTEGER NOT NULL UNIQUE,
  scheme     TEXT NOT NULL CHECK (scheme IN ('department', 'government')),  -- 部门预算（301…）/ 政府预算（501…）支出经济分类
  kind       TEXT NOT NULL CHECK (kind IN ('basic', 'project')),  -- 基本支出 / 项目支出
  code       TEXT NOT NULL,  -- 5 位款级科目编码
  amount_fen INTEGER NOT NULL CHECK (typeof(amount_fen) = 'integer'),
  PRIMARY KEY (scheme, kind, code)
);

CREATE TABLE three_public (
  -- “三公”经费，表十。金额单位：分
  year_slot  TEXT NOT NULL CHECK (year_slot IN ('current', 'prior')),  -- 本年 / 上年
  item       TEXT NOT NULL CHECK (item IN ('abroad', 'vehiclePurchase', 'vehicleOperation', 'reception')),
  -- 因公出国（境）费 / 公务用车购置费 / 公务用车运行维护费 / 公务接待费
  amount_fen INTEGER NOT NULL CHECK (typeof(amount_fen) = 'integer'),
  PRIMARY KEY (year_slot, item)
);

CREATE TABLE projects (
  -- 项目支出的项目，表十三；has_targets = 1 的项目另列于表十六/表十七。金额单位：分
  id            TEXT NOT NULL PRIMARY KEY CHECK (id <> 'department'),  -- 稳定编号（'department' 留给部门整体绩效）
  position      INTEGER NOT NULL UNIQUE,
  name          TEXT NOT NULL,  -- 项目名称
  unit_code     TEXT NOT NULL,  -- 单位代码
  unit_name     TEXT NOT NULL,
  function_code TEXT NOT NULL,  -- 列支的功能分类项级科目
  category      TEXT NOT NULL CHECK (category IN ('key', 'general')),  -- 重点项目 / 一般项目
  district_fen  INTEGER NOT NULL CHECK (typeof(district_fen) = 'integer'),  -- 区级支出
  town_fen      INTEGER NOT NULL CHECK (typeof(town_fen) = 'integer'),      -- 补助镇街
  department    TEXT NOT NULL,  -- 业务主管部门
  summary       TEXT NOT NULL,  -- 项目概况
  basis         TEXT NOT NULL,  -- 立项依据
  goal          TEXT NOT NULL,  -- 当年绩效目标
  description   TEXT NOT NULL,  -- 表十三的简要说明
  has_targets   INTEGER NOT NULL CHECK (has_targets IN (0, 1)),
  needs_review  INTEGER CHECK (needs_review IN (0, 1))  -- 结转自上年、待复核；NULL = 未标记
);

CREATE TABLE project_amounts (
  -- 项目当年预算按资金来源，表十三。金额单位：分
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  source     TEXT NOT NULL CHECK (source IN (${SOURCE_CHECK})),
  amount_fen INTEGER NOT NULL CHECK (typeof(amount_fen) = 'integer'),
  PRIMARY KEY (project_id, source)
);

CREATE TABLE performance_indicators (
  -- 绩效指标：owner = 'department' 为部门整体绩效（表十五），否则为 projects.id（表十六/表十七）
  owner    TEXT NOT NULL,
  position INTEGER NOT NULL,  -- 指标在所属目标中的顺序
  name     TEXT NOT NULL,     -- 指标名称
  weight   TEXT NOT NULL,     -- 权重（按录入原文保存）
  unit     TEXT NOT NULL,     -- 计量单位：%、个、万元……
  nature   TEXT NOT NULL,     -- 指标性质：≥ ≤ = > < 定性
  value    TEXT NOT NULL,     -- 指标值
  is_core  INTEGER NOT NULL CHECK (is_core IN (0, 1)),  -- 是否核心指标
  PRIMARY KEY (owner, position)
);

CREATE TABLE procurement_lines (
  -- 政府采购预算明细，表十四。金额单位：分
  id           TEXT NOT NULL PRIMARY KEY,
  position     INTEGER NOT NULL UNIQUE,
  dept_code    TEXT NOT NULL,
  dept_name    TEXT NOT NULL,
  unit_code    TEXT NOT NULL,
  unit_name    TEXT NOT NULL,
  item         TEXT NOT NULL,  -- 采购项目名称
  goods_fen    INTEGER NOT NULL CHECK (typeof(goods_fen) = 'integer'),     -- 货物类
  works_fen    INTEGER NOT NULL CHECK (typeof(works_fen) = 'integer'),     -- 工程类
  services_fen INTEGER NOT NULL CHECK (typeof(services_fen) = 'integer'),  -- 服务类
  source       TEXT NOT NULL CHECK (source IN (${SOURCE_CHECK}))
);

CREATE TABLE assets (
  -- 国有资产占有使用情况（情况说明）。held = 上年末实有数量，planned = 本年一般公共预算拟购置数量
  item    TEXT NOT NULL PRIMARY KEY CHECK (item IN ('leader', 'confidential', 'emergency', 'law', 'special', 'other', 'equipment')),
  -- 车辆: leader 领导干部用车, confidential 机要通信, emergency 应急保障, law 执法执勤, special 特种专业技术, other 其他；
  -- equipment = 单位价值 100 万元（含）以上设备（不含车辆），台（套）
  held    INTEGER NOT NULL CHECK (typeof(held) = 'integer' AND held >= 0),
  planned INTEGER NOT NULL CHECK (typeof(planned) = 'integer' AND planned >= 0)
);

CREATE TABLE texts (
  -- 情况说明的文字：functions 职能职责, composition 单位构成, contactName/contactPhone 联系人,
  -- reason:… 增减原因, narrative:edited 手工修改过的情况说明全文
  key   TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE carry_forward (
  -- 结转下年的资金，按资金来源。金额单位：分
  source     TEXT NOT NULL PRIMARY KEY CHECK (source IN (${SOURCE_CHECK})),
  amount_fen INTEGER NOT NULL CHECK (typeof(amount_fen) = 'integer')
);

CREATE TABLE name_overrides (
  -- 与目录写法不同的科目名称（按公开文件原样打印）。key = '分类:编码'，
  -- 分类为 function / econ-department / econ-government，如 'econ-department:30213'
  key  TEXT NOT NULL PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE schema_migrations (
  -- 本文件已执行的结构升级步骤（工作台内部使用，请勿修改）
  version    INTEGER NOT NULL PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TEXT NOT NULL  -- ISO 8601 时间
);

PRAGMA user_version = 1;
`;

/** Version 2: 批复日期 and 公开日期 join the meta (files from version 1 get empty dates). */
const SCHEMA_V2_SQL = `
INSERT OR IGNORE INTO meta (key, value) VALUES ('approval_date', ''), ('publish_date', '');

PRAGMA user_version = 2;
`;

/**
 * Version 3: every file records the table set it is published under (meta template_id, one of
 * `budget-workbench templates`); a file that recorded none was made for the 渝北 seventeen tables.
 */
const SCHEMA_V3_SQL = `
INSERT OR IGNORE INTO meta (key, value) VALUES ('template_id', 'chongqing-yubei-2024');
UPDATE meta SET value = 'chongqing-yubei-2024' WHERE key = 'template_id' AND (value IS NULL OR trim(value) = '');

PRAGMA user_version = 3;
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial-schema', description: '建立初始结构', sql: SCHEMA_V1_SQL },
  { version: 2, name: 'approval-and-publish-dates', description: '增加批复日期和公开日期', sql: SCHEMA_V2_SQL },
  { version: 3, name: 'template-set-recorded', description: '记录文件所用的公开表样', sql: SCHEMA_V3_SQL },
];

/** The schema version this program writes and the newest it can open. */
export const CURRENT_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
