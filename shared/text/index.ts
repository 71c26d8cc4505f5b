export * from './terms';
export { describeCell } from './describe';
export { cellTitle, columnTitles, leftLabel, quotedCellName, rowLabel as cellRowLabel } from './cells';
