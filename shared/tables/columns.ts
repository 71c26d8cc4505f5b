/** Column builders shared by the table sets' templates (keys are what rules read by role). */
import type { ColumnDef } from './types';

export const codeColumn = (width = 12): ColumnDef => ({ key: 'code', kind: 'code', width });
export const nameColumn = (width = 36): ColumnDef => ({ key: 'name', kind: 'name', width });
export const moneyColumn = (key: string, width = 16): ColumnDef => ({ key, kind: 'money', width });
export const textColumn = (key: string, width: number): ColumnDef => ({ key, kind: 'text', width });
