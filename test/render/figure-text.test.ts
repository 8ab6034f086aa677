import { describe, expect, it } from 'vitest';
import { distributionFigure } from '../../src/figures/distribution';
import { eventStudyFigure } from '../../src/figures/event-study';
import { surveyTimelineFigure } from '../../src/figures/survey-timeline';
import { figureDataHtml, figureDescription, figurePanels } from '../../src/report/figure-text';
import { countLabel, countWord, fillValues, monthLabel } from '../../src/report/values';
import { monthCode } from '../../src/data/panel';

describe('figure text alternatives from the plotted traces', () => {
  const rows = [
    { e: -2, att: 1.5, se: 1, lower: -0.5, upper: 3.5, n: 40 },
    { e: -1, att: -2.2, se: 1, lower: -4.2, upper: -0.2, n: 40 },
    { e: 0, att: 10, se: 2, lower: 6, upper: 14, n: 38 },
    { e: 1, att: 12.5, se: 2, lower: 8.5, upper: 16.5, n: 35 },
  ];
  const fig = eventStudyFigure({
    id: 'fx-es',
    title: { sv: 'Skillnad', en: 'Difference' },
    panels: [{ rows, yTitle: { sv: 'Kronor per månad', en: 'Kronor per month' }, unit: 'kr' }],
  });

  it('describes kind, series, axes and the range of estimates and intervals', () => {
    const sv = figureDescription(fig.plotly.sv, 'sv');
    expect(sv).toMatch(/^Punktdiagram\./);
    expect(sv).toContain('lodrät axel: Kronor per månad');
    // One decimal: the largest magnitude is between 10 and 100.
    expect(sv).toContain('De visade värdena ligger mellan −2,2 och 12,5');
    expect(sv).toContain('intervallen från −4,2 till 16,5');
    const en = figureDescription(fig.plotly.en, 'en');
    expect(en).toContain('The plotted values range from −2.2 to 12.5, the intervals from −4.2 to 16.5');
  });

  it('puts every plotted number in a table with scoped headers', () => {
    const html = figureDataHtml(fig.plotly.en, 'en', 'Figure 1.1 Difference');
    expect(html).toContain('<caption>Figure 1.1 Difference</caption>');
    expect((html.match(/<tr>/g) ?? []).length).toBe(1 + rows.length);
    expect(html).toContain('<th scope="row">−1</th>');
    for (const r of rows) for (const v of [r.att, r.lower, r.upper]) expect(html).toContain(`<td>${v < 0 ? '−' : ''}${Math.abs(v).toFixed(1)}</td>`);
  });

  it('splits a grid of panels by axes, with the panel titles', () => {
    const dist = distributionFigure({
      id: 'fx-dist',
      title: { sv: 'Svar', en: 'Answers' },
      range: [0, 2],
      panels: [
        { title: { sv: 'Fråga 1', en: 'Question 1' }, series: [{ name: { sv: 'Alla', en: 'All' }, values: [0, 1, 1, 2] }] },
        { title: { sv: 'Fråga 2', en: 'Question 2' }, series: [{ name: { sv: 'Alla', en: 'All' }, values: [2, 2, 2, 2] }] },
      ],
    });
    const panels = figurePanels(dist.plotly.sv);
    expect(panels.map((p) => p.title)).toEqual(['Fråga 1', 'Fråga 2']);
    expect(panels[1].series[0].y).toEqual([0, 0, 100]);
    expect(figureDescription(dist.plotly.sv, 'sv')).toMatch(/^Stapeldiagram, 2 delfigurer \(Fråga 1; Fråga 2\)\./);
    // No vertical zero line through the bar of the answer 0.
    expect((dist.plotly.sv.layout.xaxis as { zeroline: boolean }).zeroline).toBe(false);
  });
});

describe('values quoted in prose', () => {
  it('formats months and counts per language and fills {{name}}', () => {
    const v = { last: monthLabel(monthCode(2023, 12)), n: countLabel(12028), groups: countWord(9) };
    expect(fillValues('till {{last}}: {{ n }} personer i {{groups}} grupper', v, 'sv', 'x')).toMatch(/^till december 2023: 12\s028 personer i nio grupper$/);
    expect(fillValues('to {{last}}: {{n}} persons in {{groups}} groups', v, 'en', 'x')).toBe('to December 2023: 12,028 persons in nine groups');
  });

  it('an unknown name stops with the place and the names shown', () => {
    expect(() => fillValues('from {{first}}', { last: monthLabel(monthCode(2023, 12)) }, 'en', '03-x.ipynb, cell 1')).toThrow(
      /03-x\.ipynb, cell 1: the text quotes \{\{first\}\}, which no cell of the notebook shows \(showValues\); shown: last/,
    );
  });

  it('a timeline (categorical y axis) names its categories and its date range instead of a value range', () => {
    const timeline = surveyTimelineFigure({
      id: 'fx-timeline',
      title: { sv: 'Tidslinje', en: 'Timeline' },
      bars: [
        { label: { sv: 'Samtycke', en: 'Consent' }, arm: 'T', dates: ['2019-08-12', '2021-06-03', '2020-01-20'] },
        { label: { sv: 'Enkät', en: 'Survey' }, arm: 'C', dates: ['2020-03-01', '2020-09-30'] },
      ],
    });
    const sv = figureDescription(timeline.plotly.sv, 'sv');
    expect(sv).toContain('De visade kategorierna är Samtycke, Enkät.');
    expect(sv).toContain('aug 2019 till jun 2021');
    expect(sv).not.toContain('värdena ligger mellan');
    expect(figureDescription(timeline.plotly.en, 'en')).toContain('The categories shown are Consent, Survey.');
    // Its numbers as a table: a row per plotted point with its category and date.
    const html = figureDataHtml(timeline.plotly.sv, 'sv', 'Tidslinje');
    expect(html).toContain('<th scope="col">Kategori</th>');
    expect(html).toContain('<tr><th scope="row">Samtycke</th><td>aug 2019</td></tr>');
    expect((html.match(/<td>/g) ?? []).length).toBe(6);
  });
});
