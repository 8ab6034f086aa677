/** Column verbs on a Panel, one per file (arquero style); each returns a new value and never changes its input. */
export { selectUnits } from './select-units';
export { restrictPeriods } from './restrict-periods';
export { selectColumns } from './select-columns';
export { broadcast } from './broadcast';
export { derive } from './derive';
export { deriveUnits } from './derive-units';
export { eventTime } from './event-time';
export { unitMeans } from './unit-means';
export { periodMeans } from './period-means';
export { rowColumn, unitColumn, columnNames } from './column';
export { subsetPanel } from './subset';
