/**
 * The within transformation lives in src/estimate/demean.ts (the event-study estimators of
 * src/estimate need it, and estimate sits below stats in the layers); re-exported here so
 * stats code and its callers keep their import.
 */
export { demeanTwoWay, type DemeanOptions, type Demeaned, type TwoWayIndex } from '../estimate/demean';
