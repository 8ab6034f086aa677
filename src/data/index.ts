/**
 * The data layer in one import: `import { loadStudy, restrictPeriods } from './src/data/index'`
 * (spelled out: tslab does not resolve a directory to its index.ts). See src/data/README.md.
 */
export * from './panel';
export type { UnitTable } from './unit-table';
export { findUnit } from './unit-table';
export { DataError } from './errors';
export { readPanelCsv, readUnitCsv } from './load';
export type { ReadPanelOptions, ReadUnitsOptions } from './load';
export { loadStudy, readStudy, defaultDataDir, projectRoot, attachUnits } from './study';
export type { Study } from './study';
export { summarizeStudy, treatmentCounts } from './summary';
export type { StudySummary } from './summary';
export * from './verbs/index';
export { panelToDanfo, unitTableToDanfo } from './to-danfo';
