/**
 * The method chapter's interpreting sentences, computed from the numbers they interpret,
 * so that a learner who changes a parameter gets prose that still matches the table: a
 * "wrong sign" only when the signs differ, "biased" only when the bias exceeds its Monte
 * Carlo error, "the biases cancel" only when they have opposite signs. Each function returns
 * both languages; test/tables/method-text.test.ts flips every switch.
 */
import { formatNumber } from '../format/index';
import type { Label, Lang } from '../report/model';
import type { ReplicationSummary } from '../simulate/monte-carlo';

const CRITICAL = 1.959963984540054;

export interface Est {
  est: number;
  se: number;
}

const num = (x: number, lang: Lang, decimals = 2) => formatNumber(x, lang, { decimals });
const pct = (x: number, lang: Lang, decimals = 0) => formatNumber(x, lang, { decimals, percent: true });
const both = (f: (lang: Lang) => string): Label => ({ sv: f('sv'), en: f('en') });

/** Signs differ (and neither number is zero at the shown precision). */
export function wrongSign(est: number, truth: number, decimals = 2): boolean {
  const eps = 0.5 * 10 ** -decimals;
  return Math.abs(est) >= eps && Math.abs(truth) >= eps && Math.sign(est) !== Math.sign(truth);
}

/** The 95 % interval est ± 1.96 se contains the truth. */
export const covers = (e: Est, truth: number): boolean => Math.abs(e.est - truth) <= CRITICAL * e.se;

/** A Monte Carlo bias larger than three of its Monte Carlo standard errors. */
export const detectableBias = (s: ReplicationSummary): boolean => Math.abs(s.bias) > 3 * s.biasMcse;

/** "−0.17 (biased: 12 Monte Carlo standard errors)" or "0.00 (within Monte Carlo error)". */
export function biasWords(s: ReplicationSummary, lang: Lang, decimals = 2): string {
  const b = num(s.bias, lang, decimals);
  if (!detectableBias(s)) return lang === 'sv' ? `${b} (inom Monte Carlo-felet)` : `${b} (within Monte Carlo error)`;
  const k = num(Math.abs(s.bias) / s.biasMcse, lang, 0);
  return lang === 'sv' ? `${b} (snedvriden: ${k} Monte Carlo-standardfel)` : `${b} (biased: ${k} Monte Carlo standard errors)`;
}

function estimateSentence(name: Label, e: Est, truth: number, lang: Lang): string {
  const sign = wrongSign(e.est, truth) ? (lang === 'sv' ? ', alltså med fel tecken' : ', that is, of the wrong sign') : '';
  const where = covers(e, truth)
    ? lang === 'sv'
      ? '; dess 95-procentsintervall innehåller den sanna effekten'
      : '; its 95% interval contains the true effect'
    : lang === 'sv'
      ? `; den ligger ${num(Math.abs(e.est - truth), lang)} från den sanna effekten, utanför sitt 95-procentsintervall`
      : `; it lies ${num(Math.abs(e.est - truth), lang)} from the true effect, outside its 95% interval`;
  return lang === 'sv'
    ? `${name.sv} är ${num(e.est, lang)} (standardfel ${num(e.se, lang)})${sign}${where}.`
    : `${name.en} is ${num(e.est, lang)} (standard error ${num(e.se, lang)})${sign}${where}.`;
}

/** The example's table in words: truth, TWFE and CS (and any further estimators). */
export function exampleText(input: { truth: number; rows: { name: Label; estimate: Est }[] }): Label {
  return both((lang) =>
    [
      lang === 'sv' ? `Den sanna genomsnittliga effekten för de behandlade är ${num(input.truth, lang)} i exemplet.` : `The true average effect on the treated is ${num(input.truth, lang)} in the example.`,
      ...input.rows.map((r) => estimateSentence(r.name, r.estimate, input.truth, lang)),
    ].join(' '),
  );
}

/** The Goodman-Bacon paragraph: the forbidden comparisons' weight and average against the clean ones. */
export function baconText(input: { forbiddenWeight: number; forbiddenMean: number; cleanMean: number; estimate: number; comparisons: number; gap: number }): Label {
  const { forbiddenWeight: fw, forbiddenMean: fe, cleanMean: ce, estimate } = input;
  return both((lang) => {
    const sv = lang === 'sv';
    let first: string;
    if (!(fw > 0)) first = sv ? 'Här jämförs ingen grupp med en redan behandlad grupp; alla jämförelser är rena.' : 'No comparison here uses an already treated group as control; all comparisons are clean.';
    else {
      const dir = fe < ce ? (sv ? 'drar ned' : 'pull down') : fe > ce ? (sv ? 'drar upp' : 'pull up') : sv ? 'ändrar inte' : 'do not move';
      first = sv
        ? `Jämförelserna mot redan behandlade grupper har tillsammans ${pct(fw, lang)} av vikten och ett viktat medelvärde på ${num(fe, lang)}, mot ${num(ce, lang)} för de rena jämförelserna; de ${dir} koefficienten, som blir ${num(estimate, lang)}.`
        : `The comparisons against already treated groups carry ${pct(fw, lang)} of the weight together and average ${num(fe, lang)}, against ${num(ce, lang)} for the clean comparisons; they ${dir} the coefficient, which ends at ${num(estimate, lang)}.`;
    }
    const gap = input.gap < 1e-9 ? (sv ? 'under 10⁻⁹' : 'below 10⁻⁹') : num(input.gap, lang, 12);
    return sv
      ? `${first} Vikterna summerar till ett och den viktade summan av alla ${input.comparisons} jämförelser är exakt TWFE-koefficienten (skillnad ${gap}).`
      : `${first} The weights sum to one and the weighted sum of all ${input.comparisons} comparisons is exactly the TWFE coefficient (difference ${gap}).`;
  });
}

/** The event-study paragraph: how many post-period truths the CS intervals contain, and what TWFE's single number does. */
export function recoveryText(input: { inside: number; total: number; maxDev: number; twfe: Est; truth: number }): Label {
  return both((lang) => {
    const sv = lang === 'sv';
    const tw = wrongSign(input.twfe.est, input.truth)
      ? sv
        ? 'som här till och med har fel tecken'
        : 'that here even has the wrong sign'
      : covers(input.twfe, input.truth)
        ? sv
          ? 'som här ligger nära genomsnittet men inte visar förloppet'
          : 'that here is close to the average but does not show the path'
        : sv
          ? `som här ligger ${num(Math.abs(input.twfe.est - input.truth), lang)} från den sanna genomsnittseffekten`
          : `that here lies ${num(Math.abs(input.twfe.est - input.truth), lang)} from the true average effect`;
    return sv
      ? `Av de ${input.total} tidpunkterna efter start ligger den sanna effekten inom 95-procentsintervallet vid ${input.inside}; den största avvikelsen är ${num(input.maxDev, lang)}. Metoden följer effektens förlopp, medan TWFE sammanfattar det med ett enda tal ${tw}.`
      : `Of the ${input.total} event times after the start, the true effect lies within the 95% interval at ${input.inside}; the largest deviation is ${num(input.maxDev, lang)}. The method follows the path of the effect, while TWFE sums it up in a single number ${tw}.`;
  });
}

/**
 * TWFE in the coverage design: its bias next to the two experiments that separate the
 * sources (effects varying over time without confounding; confounding with a constant
 * effect), and whether they cancel — the reason a small bias in one design says nothing
 * about TWFE in another.
 */
export function twfeSourcesText(input: { combined: ReplicationSummary; heterogeneity: ReplicationSummary; confounding: ReplicationSummary; forbiddenWeight: number }): Label {
  const { combined: c, heterogeneity: h, confounding: k } = input;
  const hb = detectableBias(h);
  const kb = detectableBias(k);
  return both((lang) => {
    const sv = lang === 'sv';
    const head = sv
      ? `TWFE har här en bias på ${biasWords(c, lang, 3)} och täcker i ${pct(c.coverage, lang, 1)}. Två felkällor verkar samtidigt. Effekter som växer med tiden utan störfaktor ger ensamma en bias på ${biasWords(h, lang, 3)} (täckning ${pct(h.coverage, lang, 1)}); den utelämnade bakgrundsvariabelns trend med en konstant effekt ger ensam ${biasWords(k, lang, 3)} (täckning ${pct(k.coverage, lang, 1)}).`
      : `TWFE here has a bias of ${biasWords(c, lang, 3)} and covers in ${pct(c.coverage, lang, 1)}. Two sources of error act at once. Effects that grow over time, without confounding, alone give a bias of ${biasWords(h, lang, 3)} (coverage ${pct(h.coverage, lang, 1)}); the omitted background variable's trend with a constant effect alone gives ${biasWords(k, lang, 3)} (coverage ${pct(k.coverage, lang, 1)}).`;
    let tail: string;
    if (hb && kb && Math.sign(h.bias) !== Math.sign(k.bias))
      tail = sv
        ? ' De har motsatt tecken och tar delvis ut varandra; att TWFE:s samlade fel är litet här är alltså en slump i designen, inte ett tecken på att metoden fungerar.'
        : ' They have opposite signs and partly cancel; that TWFE’s overall error is small here is thus an accident of the design, not a sign that the method works.';
    else if (hb && kb)
      tail = sv ? ' De har samma tecken och förstärker varandra.' : ' They have the same sign and add up.';
    else if (hb || kb)
      tail = sv ? ' Bara den ena källan ger ett fel som syns mot Monte Carlo-felet.' : ' Only one of the sources gives an error that stands out from the Monte Carlo error.';
    else tail = sv ? ' Ingen av källorna ger här ett fel som syns mot Monte Carlo-felet.' : ' Neither source gives an error here that stands out from the Monte Carlo error.';
    const weight = sv
      ? ` Jämförelserna mot redan behandlade grupper får ${pct(input.forbiddenWeight, lang)} av vikten i ett urval av designen; vikten ensam säger inte hur stort felet blir.`
      : ` The comparisons against already treated groups get ${pct(input.forbiddenWeight, lang)} of the weight in one sample of the design; the weight alone does not tell how large the error is.`;
    return head + tail + weight;
  });
}

/** One estimator's Monte Carlo result in words: bias verdict and coverage. */
export function replicationWords(name: Label, s: ReplicationSummary, lang: Lang, decimals = 3): string {
  return lang === 'sv'
    ? `${name.sv}: bias ${biasWords(s, lang, decimals)}, täckning ${pct(s.coverage, lang, 1)}`
    : `${name.en}: bias ${biasWords(s, lang, decimals)}, coverage ${pct(s.coverage, lang, 1)}`;
}

/** The DR paragraph: which estimator fails in which design, as the numbers say. */
export function drText(r: Record<'none' | 'propensity' | 'outcome' | 'both', Record<'reg' | 'ipw-std' | 'dr', ReplicationSummary>>): Label {
  const names: Record<'reg' | 'ipw-std' | 'dr', Label> = { reg: { sv: 'OR', en: 'OR' }, 'ipw-std': { sv: 'IPW', en: 'IPW' }, dr: { sv: 'DR', en: 'DR' } };
  const designs: { key: 'propensity' | 'outcome' | 'both'; label: Label }[] = [
    { key: 'propensity', label: { sv: 'När sannolikhetsmodellen är fel', en: 'When the propensity model is wrong' } },
    { key: 'outcome', label: { sv: 'När utfallsmodellen är fel', en: 'When the outcome model is wrong' } },
    { key: 'both', label: { sv: 'När båda är fel', en: 'When both are wrong' } },
  ];
  return both((lang) => {
    const sv = lang === 'sv';
    const parts = designs.map((d) => {
      const list = (['ipw-std', 'reg', 'dr'] as const).map((m) => `${names[m][lang]} ${biasWords(r[d.key][m], lang)}`).join(', ');
      return `${d.label[lang]}: ${list}.`;
    });
    const drOk = !detectableBias(r.propensity.dr) && !detectableBias(r.outcome.dr);
    const verdict = drOk
      ? sv
        ? 'DR håller alltså så länge en av modellerna är rätt: skattningen är konsistent (den närmar sig den sanna effekten när urvalet växer), vilket inte är detsamma som väntevärdesriktig i varje urvalsstorlek.'
        : 'DR thus holds as long as one of the models is right: the estimator is consistent (it approaches the true effect as the sample grows), which is not the same as unbiased at every sample size.'
      : sv
        ? 'I den här körningen syns en bias för DR trots att en modell är rätt; DR är konsistent, inte väntevärdesriktig, och med få personer per urval kan en sådan bias synas.'
        : 'In this run DR shows a bias although one model is right; DR is consistent, not unbiased, and with few persons per sample such a bias can show.';
    const sd = sv
      ? `När båda modellerna är rätt är spridningen (SD) för DR ${num(r.none.dr.sd, lang)}, för OR ${num(r.none.reg.sd, lang)} och för IPW ${num(r.none['ipw-std'].sd, lang)}.`
      : `When both models are right, the spread (SD) is ${num(r.none.dr.sd, lang)} for DR, ${num(r.none.reg.sd, lang)} for OR and ${num(r.none['ipw-std'].sd, lang)} for IPW.`;
    return [...parts, verdict, sd].join(' ');
  });
}

/** Pre-test power (Roth 2022): how often the pre-test catches a violation that biases the estimate, and what passing it does to coverage. */
export function pretestText(input: { bias: ReplicationSummary; rejectWald: number; rejectPreMean: number; coveragePassing: number; passing: number; reps: number; alpha: number }): Label {
  const b = input.bias;
  return both((lang) => {
    const sv = lang === 'sv';
    const biased = detectableBias(b);
    const head = sv
      ? `Utan bakgrundsvariabeln är Callaway–Sant’Annas skattning ${biased ? 'snedvriden' : 'inte märkbart snedvriden'} (bias ${biasWords(b, lang, 3)}, ${pct(Math.abs(b.bias / b.truth), lang)} av den sanna effekten) och täcker i ${pct(b.coverage, lang, 1)} av urvalen.`
      : `Without the background variable, the Callaway–Sant’Anna estimate is ${biased ? 'biased' : 'not noticeably biased'} (bias ${biasWords(b, lang, 3)}, ${pct(Math.abs(b.bias / b.truth), lang)} of the true effect) and covers in ${pct(b.coverage, lang, 1)} of the samples.`;
    const power = sv
      ? ` Wald-testet av alla förperioder förkastar på ${pct(input.alpha, lang)}-nivån i ${pct(input.rejectWald, lang, 1)} av urvalen, testet av förperiodernas medelvärde i ${pct(input.rejectPreMean, lang, 1)}.`
      : ` The Wald test of all pre-periods rejects at the ${pct(input.alpha, lang)} level in ${pct(input.rejectWald, lang, 1)} of the samples, the test of the pre-period average in ${pct(input.rejectPreMean, lang, 1)}.`;
    const cond =
      input.passing > 0
        ? sv
          ? ` Bland de ${input.passing} urval där Wald-testet inte förkastar täcker intervallen i ${pct(input.coveragePassing, lang, 1)}: att ett förtest passerar gör inte skattningen pålitlig, och att bara rapportera analyser som passerat det ${input.coveragePassing < b.coverage ? 'försämrar täckningen ytterligare' : 'ändrar täckningen'} (Roth 2022).`
          : ` Among the ${input.passing} samples in which the Wald test does not reject, the intervals cover in ${pct(input.coveragePassing, lang, 1)}: passing a pre-test does not make the estimate reliable, and reporting only analyses that passed it ${input.coveragePassing < b.coverage ? 'lowers the coverage further' : 'changes the coverage'} (Roth 2022).`
        : sv
          ? ' Inget urval passerar testet.'
          : ' No sample passes the test.';
    return head + power + cond;
  });
}
