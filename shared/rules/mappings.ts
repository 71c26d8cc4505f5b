/**
 * Classification facts the cross-table rules compare by (RULES §4.4, econ-mapping.csv): which
 * economic classes of the two schemes correspond, which 款 hold the "三公" items.
 */
/**
 * 类-level identities between the two economic schemes (XT-09), from econ-mapping.csv:
 * 部门 class → 政府 classes it maps into (机关 and 事业 counterparts).
 */
export const CLASS_MAPPING: readonly { dept: readonly string[]; gov: readonly string[] }[] = [
  { dept: ['301'], gov: ['501', '50501'] },
  { dept: ['302'], gov: ['502', '50502'] },
  { dept: ['303'], gov: ['509'] },
  { dept: ['310'], gov: ['503', '50601'] },
  { dept: ['309'], gov: ['504', '50602'] },
  // 311 and part of 312 (资本金注入) both map into 508, so they are compared together.
  { dept: ['311', '312'], gov: ['507', '508'] },
  { dept: ['307'], gov: ['511'] },
  { dept: ['313'], gov: ['510'] },
  { dept: ['399'], gov: ['599'] },
];

/** "三公" items ↔ 部门经济分类 款 (XT-11), RULES §4.4. */
export const THREE_PUBLIC_CODES = {
  abroad: ['30212'],
  reception: ['30217'],
  vehicleOperation: ['30231'],
  vehiclePurchase: ['31013', '30913'],
} as const;

/** 款-level inequalities (XT-10): 机关 part in the government scheme ≤ the department-scheme 款. */
export const ORGAN_SHARE = [
  { gov: '50206', dept: '30217' },
  { gov: '50207', dept: '30212' },
  { gov: '50208', dept: '30231' },
] as const;
