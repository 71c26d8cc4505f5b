export * from './terms';
export { describeCell } from './describe';
