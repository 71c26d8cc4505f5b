export * from './types';
export * from './engine';
export { ALL_RULES, TABLE_RULES } from './registry';
export { describeCell } from '../text/describe';
