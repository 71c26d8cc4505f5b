/** Why a file could not be opened, in words a budget officer (and IT staff) can act on. */

export type BudgetFileErrorCode =
  | 'empty' // 0 bytes
  | 'not-sqlite' // a workbook, a text file, anything that is not SQLite
  | 'foreign' // SQLite, but another program's database
  | 'newer' // made by a newer workbench
  | 'migration' // its upgrade history is not ours (another branch, hand-edited)
  | 'unsafe' // triggers, views, virtual tables or other objects the workbench never creates
  | 'too-large' // beyond the bounds of a real department (limits.ts)
  | 'damaged'; // truncated, corrupt, or tables changed by hand beyond reading

export class BudgetFileError extends Error {
  override readonly name = 'BudgetFileError';
  constructor(
    readonly code: BudgetFileErrorCode,
    /** The display name the caller passed in; every message names it. */
    readonly fileName: string,
    /** The reason, without the file name. */
    readonly reason: string,
    /** SQLite's own text, for a --debug detail; never part of the message. */
    readonly detail?: string,
  ) {
    super(`无法打开“${fileName}”：${reason}`);
  }
}

/** Thrown by budgetToBytes when the in-memory budget cannot be stored as is (e.g. a non-integer amount, a duplicate id). */
export class BudgetSaveError extends Error {
  override readonly name = 'BudgetSaveError';
  constructor(readonly reason: string) {
    super(`无法保存：${reason}`);
  }
}
