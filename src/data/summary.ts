/**
 * The headline counts of a loaded study, as `finsam-eval validate --json` prints them.
 */
import { Study } from './study';

export interface StudySummary {
  study: string;
  /** Units in the study's unit file. */
  units: number;
  /** Rows of the main panel (the first non-auxiliary unit-period file). */
  rows: number;
  /** Distinct periods of the main panel. */
  periods: number;
  treated: number;
  control: number;
}

/** The main panel: the first non-auxiliary unit-period file of the dictionary. */
export function mainPanelName(study: Study): string | undefined {
  const spec = study.schema.files.find((f) => f.level === 'unit-period' && !f.auxiliary);
  return spec ? spec.file.replace(/\.[^.]*$/, '') : undefined;
}

/**
 * Treated and control units: by the randomised arm where the dictionary names one (every
 * unit of the team RCT is eventually treated), else by having a treatment start (not
 * empty, not 0). Units with neither value known are counted in neither.
 */
export function treatmentCounts(study: Study): { treated: number; control: number } {
  const { schema, units } = study;
  if (schema.arm) {
    const values = units.cols[schema.arm.column];
    const code = (units.levels[schema.arm.column] ?? []).indexOf(schema.arm.treated);
    // A non-category arm column holds numbers: compare with the code as a number.
    const treatedValue = code >= 0 ? code : Number(schema.arm.treated);
    if (!values) return { treated: 0, control: 0 };
    let treated = 0;
    let control = 0;
    for (const v of values) {
      if (v !== v) continue;
      if (v === treatedValue) treated++;
      else control++;
    }
    return { treated, control };
  }
  const start = schema.treatmentStart;
  const main = mainPanelName(study);
  const values = start ? units.cols[start] ?? (main ? study.panels[main]?.unitCols[start] : undefined) : undefined;
  if (!values) return { treated: 0, control: units.nUnits };
  let treated = 0;
  for (const v of values) if (v === v && v !== 0) treated++;
  return { treated, control: values.length - treated };
}

export function summarizeStudy(study: Study): StudySummary {
  const main = mainPanelName(study);
  const panel = main ? study.panels[main] : undefined;
  const { treated, control } = treatmentCounts(study);
  return {
    study: study.name,
    units: study.units.nUnits > 0 ? study.units.nUnits : panel?.nUnits ?? 0,
    rows: panel ? panel.nRows : study.units.nUnits,
    periods: panel ? panel.periods.length : 0,
    treated,
    control,
  };
}
