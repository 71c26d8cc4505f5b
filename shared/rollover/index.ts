export { rolloverBudget, rolloverWithSummary, operatingCost, isYearBoundText, type RolloverSummary } from './rollover';
