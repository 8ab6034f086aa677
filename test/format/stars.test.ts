import { describe, expect, it } from 'vitest';
import { starRule, starsFor, starsForEstimate, STARS_R23, STARS_R24 } from '../../src/format/stars';

describe('significance stars', () => {
  it('R24: * p<0.05, ** p<0.01, *** p<0.001, strict', () => {
    expect(starsFor(0.0499, STARS_R24)).toBe('*');
    expect(starsFor(0.05, STARS_R24)).toBe('');
    expect(starsFor(0.01, STARS_R24)).toBe('*');
    expect(starsFor(0.0099, STARS_R24)).toBe('**');
    expect(starsFor(0.00099, STARS_R24)).toBe('***');
    expect(starsFor(0.2, STARS_R24)).toBe('');
  });

  it('R23: * p<0.1, ** p<0.05, *** p<0.01', () => {
    expect(starsFor(0.09, STARS_R23)).toBe('*');
    expect(starsFor(0.04, STARS_R23)).toBe('**');
    expect(starsFor(0.009, STARS_R23)).toBe('***');
    expect(starsFor(0.1, STARS_R23)).toBe('');
  });

  it('no p, no stars', () => {
    expect(starsFor(null, STARS_R24)).toBe('');
    expect(starsFor(undefined, STARS_R24)).toBe('');
    expect(starsFor(NaN, STARS_R24)).toBe('');
  });

  it('writes the note from the same thresholds, per language', () => {
    expect(STARS_R24.note.sv).toBe('* p < 0,05, ** p < 0,01, *** p < 0,001');
    expect(STARS_R24.note.en).toBe('* p < 0.05, ** p < 0.01, *** p < 0.001');
    expect(STARS_R23.note.en).toBe('* p < 0.1, ** p < 0.05, *** p < 0.01');
  });

  it('works whatever order a hand-written rule lists its thresholds in', () => {
    const rule = { thresholds: [{ p: 0.05, stars: '*' }, { p: 0.001, stars: '***' }, { p: 0.01, stars: '**' }], note: STARS_R24.note };
    expect(starsFor(0.005, rule)).toBe('**');
    expect(() => starRule([{ p: 5, stars: '*' }])).toThrow(/not in/);
  });

  it('stars from estimate and SE through the normal p-value (R24 wage: 1014.2 / 267.5)', () => {
    expect(starsForEstimate(1014.2, 267.5, STARS_R24)).toBe('***');
    expect(starsForEstimate(0.664, 0.33, STARS_R23)).toBe('**');
    expect(starsForEstimate(1.9, 1, STARS_R24)).toBe('');
    expect(starsForEstimate(1, 0, STARS_R24)).toBe('');
  });
});
