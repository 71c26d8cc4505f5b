/** Names shared by the writer and the reader of the current schema. */

/** performance_indicators.owner of the department's own targets (表十五); otherwise a project id. */
export const DEPARTMENT_OWNER = 'department';

/** meta.key for each stored field (snake_case: what IT staff see in the file). */
export const META_KEYS = {
  department: 'department',
  shortName: 'short_name',
  departmentCode: 'department_code',
  district: 'district',
  year: 'year',
  templateId: 'template_id',
  compilingUnit: 'compiling_unit',
  approvalDate: 'approval_date',
  publishDate: 'publish_date',
  performanceGoal: 'performance_goal',
  priorOperatingCost: 'prior_operating_cost_fen',
} as const;
