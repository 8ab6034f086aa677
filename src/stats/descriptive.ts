/**
 * "Ever in a state" statistics (R24 Table B4): for a per-unit duration such as days
 * registered at the employment service from 2015 to the first meeting, the mean over
 * everyone, the share who were ever in the state (duration > 0) and the mean duration
 * among those.
 */
import { checkMask, type Mask } from './mask';
import { summarize, shareOf, type Share, type Summary } from './summary';

export interface EverInState {
  /** Mean duration over all group members with a value (zeros included). */
  all: Summary;
  /** Members with duration > 0 over members with a value. */
  ever: Share;
  /** Mean duration among members with duration > 0. */
  amongEver: Summary;
}

export function everInState(duration: Float64Array, mask: Mask | null = null): EverInState {
  checkMask(mask, duration.length, 'everInState');
  const n = duration.length;
  const everIndicator = new Float64Array(n);
  const everMask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const d = duration[i];
    if (Number.isNaN(d)) {
      everIndicator[i] = NaN;
      continue;
    }
    const isEver = d > 0 ? 1 : 0;
    everIndicator[i] = isEver;
    everMask[i] = isEver && (!mask || mask[i]) ? 1 : 0;
  }
  return {
    all: summarize(duration, mask),
    ever: shareOf(everIndicator, mask),
    amongEver: summarize(duration, everMask),
  };
}
