/**
 * True treatment effects: their shape over months since the person's own first meeting
 * (k = 0 is the meeting month) and their size per start group.
 *
 * Every shape is 0 for k <= 0, so no participant is affected before or in the month of the
 * first meeting: all pre-period cells of every start group (whose month 0 is the group's
 * middle month, at most one month before a member's meeting) have a true effect of exactly
 * zero, and the estimator's base period g - 1 is untreated.
 */
import { MALMO_FIRST_MONTH, MALMO_LAST_MONTH, START_GROUPS } from '../../src/data/schemas/malmokraften';
import { PUBLISHED } from './params';

/** Subsidised employment: builds up over 4 months, lasts to about 3 years, gone by 42 months (R23 Figure 8). */
export function shapeSubsidised(k: number): number {
  if (k <= 0) return 0;
  if (k < 4) return k / 4;
  if (k <= 34) return 1;
  if (k < 42) return (42 - k) / 8;
  return 0;
}

/** New-start jobs: build up over 6 months and persist (R23 Figure 10), fading slowly after 40 months. */
export function shapeNewStart(k: number): number {
  if (k <= 0) return 0;
  const up = Math.min(1, k / 6);
  return k > 40 ? up * Math.max(0.6, 1 - (k - 40) / 30) : up;
}

/** Unsubsidised work: from the second month, full after ten. */
export function shapeRegular(k: number): number {
  if (k <= 1) return 0;
  return Math.min(1, (k - 1) / 9);
}

/** Registration at Arbetsförmedlingen: grows over the whole follow-up (R23 Figure 12). */
export function shapeUnemployed(k: number): number {
  if (k <= 0) return 0;
  return Math.min(1, k / 6) * (0.5 + Math.min(k, 48) / 48);
}

/** Social assistance: appears after about 4 months, full after a year, then keeps growing (R23 Figure 16). */
export function shapeSocialAssistance(k: number): number {
  if (k <= 3) return 0;
  return Math.min(1, (k - 3) / 9) * (0.75 + (0.5 * Math.min(k, 48)) / 48);
}

/**
 * Mean of a shape over group g's post-period cells (months from the group's month 0 to the
 * end of the data) and its members: the factor that turns a per-group target into a scale.
 */
export function meanShape(shape: (k: number) => number, firstMeetings: readonly number[], g: number, weight?: (member: number, t: number) => number): number {
  let s = 0;
  let c = 0;
  for (let j = 0; j < firstMeetings.length; j++) {
    for (let t = START_GROUPS[g].start; t <= MALMO_LAST_MONTH; t++) {
      const w = weight ? weight(j, t - MALMO_FIRST_MONTH) : 1;
      s += shape(t - firstMeetings[j]) * w;
      c++;
    }
  }
  return s / c;
}

/** Published per-group targets of column (1) (G3 from column (4)). */
export const TARGETS = PUBLISHED.effects;
