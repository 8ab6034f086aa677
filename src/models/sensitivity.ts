/**
 * The event studies behind the Rambachan-Roth sensitivity items (sens-…): a chapter's main
 * model refitted with a universal base period (the restrictions bound the trend violation
 * relative to one reference month, e = -1) over a short window around the start.
 *
 * The window: `pre` months before the reference month and `post` months from the start on;
 * the target is the average effect over the post months. Why short: Delta^RM benchmarks
 * post-start changes of the violation against the LARGEST month-to-month change before the
 * start, so every extra (noisy) pre month can only raise that benchmark, and the C-LF set
 * costs one pair of polyhedra per pre month; the months just before the start are also where
 * a violation that matters (people changing course while waiting for the team) would show.
 * Four pre months give Delta^RM three changes to compare against besides the step into the
 * reference month; six post months are the first half year, where the teams' support starts
 * to work in both reports.
 */
import type { Panel } from '../data/panel';
import type { MeasureUnit } from '../data/schema';
import type { Label } from '../i18n/label';
import { DEFAULT_MBAR, defaultMs, honestInputs, sensitivity, targetWeights, type SensitivityResult } from '../sensitivity/index';
import { fitOutcomes, type DidFit, type DidModel, type DidSettings } from './did-grid';
import { TEAM_RCT_MODELS, TEAM_RCT_SETTINGS } from './team-rct';

export interface SensitivityWindow {
  /** Months before the reference month e = -1 (pre-periods of the sensitivity). */
  readonly pre: number;
  /** Months from the start on (e = 0 .. post - 1); the target is their average. */
  readonly post: number;
}

export const TEAM_RCT_SENSITIVITY: SensitivityWindow = { pre: 4, post: 6 };
export const MALMO_SENSITIVITY: SensitivityWindow = { pre: 4, post: 6 };

/** R24's headline outcomes for the sensitivity section of chapter 03. */
export const R24_SENSITIVITY_OUTCOMES = ['wage_kr', 'social_assistance_kr', 'social_assistance', 'sickness_benefit_net_days', 'public_support'] as const;
/** R23's (Malmökraften) headline outcome: earned income (wage income from employers). */
export const R23_SENSITIVITY_OUTCOMES = ['wage_kr'] as const;

/** Settings of the refit: the model's, with a universal base period and the window. */
export function universalSettings(settings: DidSettings, w: SensitivityWindow): DidSettings {
  return { ...settings, event: { minE: -w.pre - 1, maxE: w.post - 1 }, options: { ...settings.options, base: 'universal' } };
}

/** The universal-base event studies of `outcomes` under `model` (default: the team RCT's Model 1). */
export function sensitivityFits(
  panel: Panel,
  outcomes: readonly string[],
  w: SensitivityWindow,
  model: DidModel = TEAM_RCT_MODELS[0],
  settings: DidSettings = TEAM_RCT_SETTINGS,
): DidFit[] {
  return fitOutcomes(panel, model, outcomes, universalSettings(settings, w));
}

/** How an outcome is named in the sensitivity items. */
export interface SensitivityOutcome {
  readonly column: string;
  readonly unit: MeasureUnit;
  /** Id stem: sens-<study>-<slug> (table) and sens-<study>-<slug>-fig (figure). */
  readonly slug: string;
  /** The outcome as a noun phrase inside a sentence. */
  readonly phrase: Label;
  /** Title fragment. */
  readonly title: Label;
  readonly yTitle: Label;
  /** Unit of the bounds and of M (the bound on the change of the violation's slope per month). */
  readonly unitText: Label;
}

export const SENSITIVITY_OUTCOMES: Record<string, Omit<SensitivityOutcome, 'column'>> = {
  wage_kr: {
    unit: 'kr',
    slug: 'wage-kr',
    phrase: { sv: 'löneinkomsten', en: 'wage income' },
    title: { sv: 'Löneinkomst', en: 'Wage income' },
    yTitle: { sv: 'Kronor per månad', en: 'Kronor per month' },
    unitText: { sv: 'kronor per månad', en: 'kronor per month' },
  },
  social_assistance_kr: {
    unit: 'kr',
    slug: 'social-assistance-kr',
    phrase: { sv: 'försörjningsstödet i kronor', en: 'social assistance in kronor' },
    title: { sv: 'Försörjningsstöd, kronor', en: 'Social assistance, kronor' },
    yTitle: { sv: 'Kronor per månad', en: 'Kronor per month' },
    unitText: { sv: 'kronor per månad', en: 'kronor per month' },
  },
  social_assistance: {
    unit: 'indicator',
    slug: 'social-assistance',
    phrase: { sv: 'sannolikheten att få försörjningsstöd', en: 'the probability of receiving social assistance' },
    title: { sv: 'Försörjningsstöd, indikator', en: 'Social assistance, indicator' },
    yTitle: { sv: 'Sannolikhet', en: 'Probability' },
    unitText: { sv: 'sannolikhet (andel)', en: 'probability (share)' },
  },
  sickness_benefit_net_days: {
    unit: 'days',
    slug: 'sickness-net-days',
    phrase: { sv: 'nettodagarna med sjukpenning', en: 'net days of sickness benefit' },
    title: { sv: 'Sjukpenning, nettodagar', en: 'Sickness benefit, net days' },
    yTitle: { sv: 'Nettodagar per månad', en: 'Net days per month' },
    unitText: { sv: 'nettodagar per månad', en: 'net days per month' },
  },
  public_support: {
    unit: 'indicator',
    slug: 'public-support',
    phrase: { sv: 'sannolikheten att ha offentlig försörjning', en: 'the probability of public support' },
    title: { sv: 'Offentlig försörjning', en: 'Public support' },
    yTitle: { sv: 'Sannolikhet', en: 'Probability' },
    unitText: { sv: 'sannolikhet (andel)', en: 'probability (share)' },
  },
};

export function sensitivityOutcome(column: string): SensitivityOutcome {
  const o = SENSITIVITY_OUTCOMES[column];
  if (!o) throw new Error(`no sensitivity description for outcome "${column}"`);
  return { column, ...o };
}

/** The target in words: the average over the first `post` months. */
export function targetPhrase(w: SensitivityWindow): Label {
  return { sv: `den genomsnittliga effekten under de första ${w.post} månaderna`, en: `the average effect over the first ${w.post} months` };
}

/**
 * The whole sensitivity of one fit's post-period average: 5 Mbar (C-LF), 5 M (FLCI, a grid
 * scaled to the target's standard error), the original interval and both breakdown values.
 */
export async function fitSensitivity(fit: DidFit): Promise<SensitivityResult> {
  const inputs = honestInputs(fit.dynamic);
  const l = targetWeights(inputs, 'average');
  return sensitivity(inputs, { target: 'average', mbar: [...DEFAULT_MBAR], m: defaultMs(inputs, l) });
}
