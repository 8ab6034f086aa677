/**
 * The method chapter's course material as report items (ids documented in
 * src/report/extra-ids.json): the assumptions box, the estimators side by side, pre-test
 * power, overlap, exercises, glossary and references. Numbers come from the caller; the
 * fixed texts here are definitions, not results.
 */
import type { Cell, Label, NumberFormat, ReportTable, Row } from '../report/model';
import type { OverlapDiagnostics } from '../stats/overlap';

const text = (sv: string, en: string): Cell => ({ value: null, text: { sv, en } });
const numCell = (x: number | null | undefined, format: NumberFormat, se?: number | null): Cell =>
  x === null || x === undefined || !Number.isFinite(x)
    ? { value: null, na: { sv: 'saknas', en: 'not available' } }
    : { value: x, format, ...(se !== undefined && se !== null && Number.isFinite(se) ? { se } : {}) };

// ---------------------------------------------------------------------------------------
// Assumptions box
// ---------------------------------------------------------------------------------------

const ASSUMPTIONS: { key: string; name: Label; formal: string | Label; fails: Label }[] = [
  {
    key: 'twfe',
    name: { sv: 'TWFE-modellen', en: 'The TWFE model' },
    formal: 'Yᵢₜ = αᵢ + λₜ + β·Dᵢₜ + εᵢₜ,  Dᵢₜ = 1{t ≥ Gᵢ}',
    fails: {
      sv: 'β är en effekt bara om effekten är densamma för alla grupper och perioder. Annars är β ett viktat medelvärde av ATT(g,t) där vikterna kan vara negativa (de Chaisemartin och D’Haultfœuille 2020) och redan behandlade grupper används som kontroller (Goodman-Bacon 2021).',
      en: 'β is an effect only if the effect is the same for all groups and periods. Otherwise β is a weighted average of the ATT(g,t) whose weights can be negative (de Chaisemartin and D’Haultfœuille 2020), with already treated groups used as controls (Goodman-Bacon 2021).',
    },
  },
  {
    key: 'attgt',
    name: { sv: 'Gruppens effekt i period t', en: 'The group’s effect in period t' },
    formal: {
      sv: 'ATT(g,t) = E[Yₜ − Y_{g−1−δ} | G = g] − E[Yₜ − Y_{g−1−δ} | C],  C: G = ∞ (aldrig behandlade) eller G > t + δ (ännu ej behandlade)',
      en: 'ATT(g,t) = E[Yₜ − Y_{g−1−δ} | G = g] − E[Yₜ − Y_{g−1−δ} | C],  C: G = ∞ (never treated) or G > t + δ (not yet treated)',
    },
    fails: {
      sv: 'En skillnad mellan förväntade förändringar: den är en effekt under parallella trender och utan förväntanseffekter före g − δ.',
      en: 'A difference of expected changes: it is an effect under parallel trends and without anticipation before g − δ.',
    },
  },
  {
    key: 'pt',
    name: { sv: 'Parallella trender (givet X)', en: 'Parallel trends (given X)' },
    formal: { sv: 'E[Yₜ(0) − Yₜ₋₁(0) | X, G = g] = E[Yₜ(0) − Yₜ₋₁(0) | X, C]  för alla t ≥ g − δ', en: 'E[Yₜ(0) − Yₜ₋₁(0) | X, G = g] = E[Yₜ(0) − Yₜ₋₁(0) | X, C]  for all t ≥ g − δ' },
    fails: {
      sv: 'Skattningen blandar effekten med skillnaden i trend. Förperioderna prövar antagandet bara före start och ofta med låg styrka (Roth 2022).',
      en: 'The estimate mixes the effect with the difference in trends. The pre-periods test the assumption only before the start, often with little power (Roth 2022).',
    },
  },
  {
    key: 'anticipation',
    name: { sv: 'Inga förväntanseffekter', en: 'No anticipation' },
    formal: { sv: 'Yᵢₜ = Yᵢₜ(0)  för t < Gᵢ − δ  (δ = tillåtna perioder)', en: 'Yᵢₜ = Yᵢₜ(0)  for t < Gᵢ − δ  (δ = periods allowed)' },
    fails: {
      sv: 'Om utfallet rör sig redan före start blir jämförelseperioden påverkad och effekten felskattad; δ > 0 flyttar jämförelseperioden bakåt.',
      en: 'If the outcome moves before the start, the base period is affected and the effect mis-estimated; δ > 0 moves the base period back.',
    },
  },
  {
    key: 'overlap',
    name: { sv: 'Överlappning', en: 'Overlap' },
    formal: { sv: 'P(G = g | X) ≥ ε > 0  och  P(G = g | X, G ∈ {g} ∪ C) ≤ 1 − ε', en: 'P(G = g | X) ≥ ε > 0  and  P(G = g | X, G ∈ {g} ∪ C) ≤ 1 − ε' },
    fails: {
      sv: 'Utan jämförbara kontroller för varje X får några få kontroller mycket stor vikt: IPW och DR blir osäkra, och DR blir dessutom mindre effektiv när utfallsmodellen är fel.',
      en: 'Without comparable controls for every X, a few controls get very large weights: IPW and DR become noisy, and DR also loses efficiency when the outcome model is wrong.',
    },
  },
  {
    key: 'weights',
    name: { sv: 'Vikterna i sammanvägningen', en: 'The aggregation weights' },
    formal: 'θ = Σ_g Σ_{t≥g} w_{gt}·ATT(g,t),  w_{gt} ∝ P(G = g);  θ(e) = Σ_g P(G = g | g + e ≤ T)·ATT(g, g + e)',
    fails: {
      sv: 'Vikterna väljs öppet och är aldrig negativa. Olika vikter besvarar olika frågor (alla behandlade perioder, tid sedan start, grupp).',
      en: 'The weights are chosen in the open and are never negative. Different weights answer different questions (all treated periods, time since the start, group).',
    },
  },
  {
    key: 'absorbing',
    name: { sv: 'Behandlingen upphör inte', en: 'Treatment does not switch off' },
    formal: { sv: 'Dᵢₜ = 1{t ≥ Gᵢ}  (absorberande)', en: 'Dᵢₜ = 1{t ≥ Gᵢ}  (absorbing)' },
    fails: {
      sv: 'Metoderna här förutsätter att en påbörjad insats räknas som pågående; den som slutar räknas fortfarande som behandlad (intention att behandla).',
      en: 'The methods here assume that a started intervention counts as ongoing; whoever stops still counts as treated (intention to treat).',
    },
  },
];

export function assumptionsTable(): ReportTable {
  return {
    kind: 'table',
    id: 'method-assumptions',
    title: { sv: 'Antagandena bakom skattningarna', en: 'The assumptions behind the estimates' },
    stub: { sv: 'Antagande', en: 'Assumption' },
    columns: [
      { key: 'formal', label: { sv: 'Formellt', en: 'Formally' } },
      { key: 'fails', label: { sv: 'Vad det betyder och vad som går fel utan det', en: 'What it means and what fails without it' } },
    ],
    rows: ASSUMPTIONS.map((a) => ({ key: a.key, label: a.name, cells: [typeof a.formal === 'string' ? text(a.formal, a.formal) : { value: null, text: a.formal }, { value: null, text: a.fails }] })),
    notes: [
      {
        sv: 'Y = utfall, Y(0) = utfallet utan insatsen, G = första behandlade period (∞ = aldrig), C = jämförelsegruppen, X = bakgrundsvariabler, δ = antal perioder med tillåten förväntanseffekt, e = tid sedan start.',
        en: 'Y = outcome, Y(0) = the outcome without the intervention, G = first treated period (∞ = never), C = the comparison group, X = background variables, δ = periods of anticipation allowed, e = time since the start.',
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------
// Estimators side by side (event study of one sample)
// ---------------------------------------------------------------------------------------

export interface EstimatorColumn {
  key: string;
  label: Label;
  /** Estimate and SE by event time (missing event times print as not available). */
  byEvent: Map<number, { est: number; se: number }>;
  overall: { est: number; se: number };
}

export function estimatorsTable(spec: { events: readonly number[]; truth: (e: number) => number; truthOverall: number; columns: EstimatorColumn[]; format: NumberFormat; notes?: Label[] }): ReportTable {
  const rows: Row[] = spec.events.map((e) => ({
    key: `e${e}`,
    label: { sv: `${e}`, en: `${e}` },
    cells: [numCell(spec.truth(e), spec.format), ...spec.columns.map((c) => numCell(c.byEvent.get(e)?.est, spec.format, c.byEvent.get(e)?.se))],
  }));
  rows.push({
    key: 'overall',
    label: { sv: 'Alla behandlade person-perioder', en: 'All treated person-periods' },
    cells: [numCell(spec.truthOverall, spec.format), ...spec.columns.map((c) => numCell(c.overall.est, spec.format, c.overall.se))],
  });
  return {
    kind: 'table',
    id: 'method-estimators',
    title: { sv: 'Fyra skattare av samma händelsestudie mot den sanna effekten', en: 'Four estimators of the same event study against the true effect' },
    stub: { sv: 'Tid sedan start', en: 'Time since the start' },
    columns: [{ key: 'truth', label: { sv: 'Sann effekt', en: 'True effect' } }, ...spec.columns.map((c) => ({ key: c.key, label: c.label }))],
    rows,
    notes: [
      ...(spec.notes ?? []),
      {
        sv: 'Standardfel inom parentes, klustrade på person. CS: Callaway–Sant’Anna (förperioder: förändring från perioden före, som i rapporten). Sun–Abraham och imputation: förperioder mot perioden före start (−1). TWFE-händelsestudie: en dummy per tid sedan start i en regression med person- och periodeffekter; den sista raden är den vanliga TWFE-koefficienten. Sista raden för de övriga: medelvärdet över alla behandlade person-perioder.',
        en: 'Standard errors in parentheses, clustered by person. CS: Callaway–Sant’Anna (pre-periods: change from the period before, as in the report). Sun–Abraham and imputation: pre-periods against the period before the start (−1). TWFE event study: one dummy per time since the start in a regression with person and period effects; its last row is the usual TWFE coefficient. Last row for the others: the mean over all treated person-periods.',
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------
// Pre-test power (Roth 2022)
// ---------------------------------------------------------------------------------------

export function pretestTable(spec: {
  rows: { key: string; label: Label; reject: number; passing: number; coveragePassing: number; biasPassing: number }[];
  all: { coverage: number; bias: number; reps: number };
  format: NumberFormat;
  notes?: Label[];
}): ReportTable {
  const p1 = { decimals: 1, percent: true };
  return {
    kind: 'table',
    id: 'method-pretest-power',
    title: { sv: 'Hur ofta förtestet upptäcker en bruten trend, och vad det betyder att passera det', en: 'How often the pre-test detects a broken trend, and what passing it means' },
    stub: { sv: 'Förtest', en: 'Pre-test' },
    columns: [
      { key: 'reject', label: { sv: 'Andel urval där testet förkastar', en: 'Share of samples rejecting' } },
      { key: 'passing', label: { sv: 'Urval som passerar', en: 'Samples passing' } },
      { key: 'bias', label: { sv: 'Bias bland dem', en: 'Bias among them' } },
      { key: 'coverage', label: { sv: 'Täckning bland dem', en: 'Coverage among them' } },
    ],
    rows: [
      {
        key: 'none',
        label: { sv: 'Inget förtest (alla urval)', en: 'No pre-test (all samples)' },
        cells: [{ value: null }, numCell(spec.all.reps, { decimals: 0 }), numCell(spec.all.bias, spec.format), numCell(spec.all.coverage, p1)],
      },
      ...spec.rows.map((r) => ({ key: r.key, label: r.label, cells: [numCell(r.reject, p1), numCell(r.passing, { decimals: 0 }), numCell(r.biasPassing, spec.format), numCell(r.coveragePassing, p1)] })),
    ],
    notes: spec.notes ?? [],
  };
}

// ---------------------------------------------------------------------------------------
// Overlap and the DR efficiency cost
// ---------------------------------------------------------------------------------------

export function overlapTable(spec: { rows: { key: string; label: Label; overlap: OverlapDiagnostics; sdDr: number; sdOr: number; sdIpw: number }[]; notes?: Label[] }): ReportTable {
  const f2 = { decimals: 2 };
  const f0 = { decimals: 0 };
  const range = (r: { min: number; max: number }): Cell => text(`${r.min.toFixed(2)}–${r.max.toFixed(2)}`.replace(/\./g, ','), `${r.min.toFixed(2)}–${r.max.toFixed(2)}`);
  return {
    kind: 'table',
    id: 'method-overlap',
    title: { sv: 'Överlappning i propensity score och dubbelt robust skattnings pris', en: 'Overlap in the propensity score and the price of doubly robust estimation' },
    stub: { sv: 'Simulerad situation', en: 'Simulated situation' },
    columns: [
      { key: 'treatedRange', label: { sv: 'Poäng, behandlade', en: 'Score, treated' } },
      { key: 'controlRange', label: { sv: 'Poäng, kontroller', en: 'Score, controls' } },
      { key: 'above', label: { sv: 'Kontroller med poäng > 0,9', en: 'Controls with score > 0.9' } },
      { key: 'ess', label: { sv: 'Effektivt antal kontroller', en: 'Effective number of controls' } },
      { key: 'maxShare', label: { sv: 'Största kontrollens viktandel', en: 'Largest control’s weight share' } },
      { key: 'sdOr', label: { sv: 'SD, OR', en: 'SD, OR' } },
      { key: 'sdIpw', label: { sv: 'SD, IPW', en: 'SD, IPW' } },
      { key: 'sdDr', label: { sv: 'SD, DR', en: 'SD, DR' } },
    ],
    rows: spec.rows.map((r) => ({
      key: r.key,
      label: r.label,
      cells: [
        range(r.overlap.treated),
        range(r.overlap.control),
        numCell(r.overlap.controlsAboveHigh, f0),
        numCell(r.overlap.effectiveControls, f0),
        numCell(r.overlap.maxWeightShare, { decimals: 1, percent: true }),
        numCell(r.sdOr, f2),
        numCell(r.sdIpw, f2),
        numCell(r.sdDr, f2),
      ],
    })),
    notes: [
      ...(spec.notes ?? []),
      {
        sv: 'Poäng: den skattade sannolikheten att tillhöra de behandlade (logit på de fyra bakgrundsvariablerna, som analytikern ser dem), i ett urval per situation. Effektivt antal kontroller: (Σw)²/Σw² med ATT-vikterna w = p/(1 − p) (Kish). SD: spridningen av skattningarna över alla simulerade urval.',
        en: 'Score: the estimated probability of being treated (logit on the four background variables, as the analyst sees them), in one sample per situation. Effective number of controls: (Σw)²/Σw² with the ATT weights w = p/(1 − p) (Kish). SD: the spread of the estimates over all simulated samples.',
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------
// Exercises, glossary, references
// ---------------------------------------------------------------------------------------

export interface Exercise {
  key: string;
  task: Label;
  change: Label;
  answer: Label;
}

export function exercisesTable(exercises: Exercise[]): ReportTable {
  return {
    kind: 'table',
    id: 'method-exercises',
    title: { sv: 'Övningar med svar', en: 'Exercises with answers' },
    stub: { sv: 'Övning', en: 'Exercise' },
    columns: [
      { key: 'change', label: { sv: 'Ändra så här', en: 'Change this' } },
      { key: 'answer', label: { sv: 'Svar (beräknat i kapitlet)', en: 'Answer (computed in the chapter)' } },
    ],
    rows: exercises.map((x) => ({ key: x.key, label: x.task, cells: [{ value: null, text: x.change }, { value: null, text: x.answer }] })),
    notes: [
      {
        sv: 'Svaren räknas fram när kapitlet körs, med samma kod som övningen ber om; den som ändrar parametrarna får nya svar.',
        en: 'The answers are computed when the chapter runs, with the same code the exercise asks for; whoever changes the parameters gets new answers.',
      },
    ],
  };
}

const GLOSSARY: [string, string, string, string][] = [
  ['standardfel', 'standard error', 'skattningens standardavvikelse över tänkta upprepade urval (i kapitlet används bara detta ord, inte ”medelfel”)', 'the standard deviation of the estimate over imagined repeated samples'],
  ['konfidensintervall, täckning', 'confidence interval, coverage', 'andelen intervall som innehåller den sanna effekten; 95 % om allt stämmer', 'the share of intervals containing the true effect; 95% if all is right'],
  ['bias (systematiskt fel)', 'bias', 'skattningens medelvärde minus den sanna effekten', 'the mean of the estimate minus the true effect'],
  ['väntevärdesriktig', 'unbiased', 'bias noll vid varje urvalsstorlek', 'zero bias at every sample size'],
  ['konsistent', 'consistent', 'skattningen närmar sig den sanna effekten när urvalet växer; DR-skattningar är konsistenta, inte väntevärdesriktiga', 'the estimate approaches the true effect as the sample grows; DR estimators are consistent, not unbiased'],
  ['tvåvägs fixa effekter (TWFE)', 'two-way fixed effects (TWFE)', 'regression med en konstant per person och en per period', 'regression with a constant per person and one per period'],
  ['startgrupp (kohort)', 'start group (cohort)', 'de som börjar i samma period g', 'those who start in the same period g'],
  ['aldrig behandlade / ännu ej behandlade', 'never treated / not yet treated', 'de två möjliga jämförelsegrupperna', 'the two possible comparison groups'],
  ['händelsestudie', 'event study', 'effekten efter tid sedan start', 'the effect by time since the start'],
  ['parallella trender', 'parallel trends', 'utan insatsen hade grupperna utvecklats lika (givet bakgrund)', 'without the intervention the groups would have moved alike (given background)'],
  ['förväntanseffekt', 'anticipation', 'utfallet påverkas redan innan insatsen börjar', 'the outcome moves before the intervention starts'],
  ['förtest', 'pre-test', 'test av att effekterna före start är noll', 'test that the effects before the start are zero'],
  ['styrka', 'power', 'sannolikheten att ett test förkastar när det finns en effekt (eller ett brott)', 'the probability that a test rejects when there is an effect (or a violation)'],
  ['minsta upptäckbara effekt', 'minimum detectable effect (MDE)', 'minsta effekt som upptäcks med given styrka', 'the smallest effect detected with given power'],
  ['propensity score (sannolikhetsmodell)', 'propensity score', 'sannolikheten att tillhöra de behandlade givet bakgrund', 'the probability of being treated given background'],
  ['överlappning', 'overlap', 'att det finns jämförbara kontroller för varje bakgrund', 'that there are comparable controls for every background'],
  ['utfallsregression (OR)', 'outcome regression (OR)', 'förutsäger de behandlades förändring utan insats från kontrollerna', 'predicts the treated’s change without treatment from the controls'],
  ['inverterad sannolikhetsviktning (IPW)', 'inverse probability weighting (IPW)', 'viktar kontrollerna med p/(1 − p)', 'weights the controls by p/(1 − p)'],
  ['dubbelt robust (DR)', 'doubly robust (DR)', 'kombinerar OR och IPW; konsistent om någon av modellerna är rätt', 'combines OR and IPW; consistent if either model is right'],
  ['influensfunktion', 'influence function', 'varje persons bidrag till skattningens avvikelse; standardfelet är dess spridning delad med √n', 'each person’s contribution to the estimate’s deviation; the standard error is its spread divided by √n'],
  ['multiplikator-bootstrap', 'multiplier bootstrap', 'influensfunktionerna multipliceras med slumpvikter i stället för att dra om data', 'the influence functions are multiplied by random weights instead of resampling the data'],
  ['Rademacher-vikter', 'Rademacher weights', 'slumpvikter som är +1 eller −1 med sannolikhet ½ vardera', 'random weights that are +1 or −1 with probability ½ each'],
  ['vild klusterbootstrap (WCR)', 'wild cluster restricted bootstrap (WCR)', 'residualerna från modellen med nollhypotesen pålagd får en slumpvikt per kluster, och den klustrade t-statistikan räknas om i varje bootstrapurval; för få kluster', 'the residuals of the model with the null hypothesis imposed get one random weight per cluster, and the clustered t statistic is recomputed in every bootstrap sample; for few clusters'],
  ['Webb-vikter', 'Webb weights', 'slumpvikter med sex värden, ±√½, ±1 och ±√1½; ger fler kombinationer än Rademacher när klustren är mycket få', 'random weights with six values, ±√½, ±1 and ±√1½; more combinations than Rademacher when clusters are very few'],
  ['Monte Carlo-fel', 'Monte Carlo error', 'osäkerheten i ett simulerat tal för att antalet replikeringar är begränsat', 'the uncertainty of a simulated number because the number of replications is limited'],
];

export function glossaryTable(): ReportTable {
  return {
    kind: 'table',
    id: 'method-glossary',
    title: { sv: 'Ordlista svenska–engelska', en: 'Swedish–English glossary' },
    stub: { sv: 'Svenska', en: 'Swedish' },
    columns: [
      { key: 'en', label: { sv: 'Engelska', en: 'English' } },
      { key: 'meaning', label: { sv: 'Betydelse', en: 'Meaning' } },
    ],
    rows: GLOSSARY.map(([sv, en, msv, men], i) => ({ key: `t${i + 1}`, label: { sv, en: sv }, cells: [text(en, en), text(msv, men)] })),
    notes: [],
  };
}

const REFERENCES: [string, string][] = [
  ['Borusyak, Jaravel och Spiess 2024', 'Borusyak, K., Jaravel, X. & Spiess, J. (2024). Revisiting event-study designs: robust and efficient estimation. Review of Economic Studies 91(6), 3253–3285.'],
  ['Callaway och Sant’Anna 2021', 'Callaway, B. & Sant’Anna, P. H. C. (2021). Difference-in-differences with multiple time periods. Journal of Econometrics 225(2), 200–230.'],
  ['Cameron, Gelbach och Miller 2008', 'Cameron, A. C., Gelbach, J. B. & Miller, D. L. (2008). Bootstrap-based improvements for inference with clustered errors. Review of Economics and Statistics 90(3), 414–427.'],
  ['de Chaisemartin och D’Haultfœuille 2020', 'de Chaisemartin, C. & D’Haultfœuille, X. (2020). Two-way fixed effects estimators with heterogeneous treatment effects. American Economic Review 110(9), 2964–2996.'],
  ['Goodman-Bacon 2021', 'Goodman-Bacon, A. (2021). Difference-in-differences with variation in treatment timing. Journal of Econometrics 225(2), 254–277.'],
  ['Rambachan och Roth 2023', 'Rambachan, A. & Roth, J. (2023). A more credible approach to parallel trends. Review of Economic Studies 90(5), 2555–2591.'],
  ['Roodman m.fl. 2019', 'Roodman, D., MacKinnon, J. G., Nielsen, M. Ø. & Webb, M. D. (2019). Fast and wild: bootstrap inference in Stata using boottest. Stata Journal 19(1), 4–60.'],
  ['Roth 2022', 'Roth, J. (2022). Pretest with caution: event-study estimates after testing for parallel trends. American Economic Review: Insights 4(3), 305–322.'],
  ['Roth m.fl. 2023', 'Roth, J., Sant’Anna, P. H. C., Bilinski, A. & Poe, J. (2023). What’s trending in difference-in-differences? A synthesis of the recent econometrics literature. Journal of Econometrics 235(2), 2218–2244.'],
  ['Sant’Anna och Zhao 2020', 'Sant’Anna, P. H. C. & Zhao, J. (2020). Doubly robust difference-in-differences estimators. Journal of Econometrics 219(1), 101–122.'],
  ['Sun och Abraham 2021', 'Sun, L. & Abraham, S. (2021). Estimating dynamic treatment effects in event studies with heterogeneous treatment effects. Journal of Econometrics 225(2), 175–199.'],
  ['Kish 1965', 'Kish, L. (1965). Survey Sampling. New York: Wiley.'],
  ['ISF 2023:2', 'Inspektionen för socialförsäkringen (2023). Rapport 2023:2 (Malmökraften).'],
  ['ISF 2024:12', 'Inspektionen för socialförsäkringen (2024). Rapport 2024:12 (teamförsöket).'],
];

export function referencesTable(): ReportTable {
  return {
    kind: 'table',
    id: 'method-references',
    title: { sv: 'Referenser', en: 'References' },
    stub: { sv: 'Hänvisning i texten', en: 'Cited as' },
    columns: [{ key: 'reference', label: { sv: 'Referens', en: 'Reference' } }],
    rows: REFERENCES.map(([cite, full], i) => ({ key: `r${i + 1}`, label: { sv: cite, en: cite.replace(/ och /g, ' and ').replace('m.fl.', 'et al.') }, cells: [text(full, full)] })),
    notes: [],
  };
}
