/**
 * The disclosure rules and their parameters, in one object so the report's notes, the
 * manifest and the code all state the same numbers.
 */
import type { Label } from '../report/model';

export interface DisclosureRules {
  /** Frequency rule: a cell resting on fewer persons (or 1 to this − 1 contributors) is withheld. */
  readonly minPersons: number;
  /**
   * (n, k) dominance rule for sums and means of amounts: withheld when the largest `n`
   * contributors (1 or 2) hold more than share `k` of the cell's total. null = off.
   */
  readonly dominance: { readonly n: 1 | 2; readonly k: number } | null;
  /**
   * p % rule: withheld when the total without the two largest contributors is less than
   * share `p` of the largest, so the second largest could estimate the largest to within
   * p %. null = off.
   */
  readonly pPercent: number | null;
  /**
   * Protection level: the interval a reader can compute for a withheld cell from
   * everything published (linear programming over the declared relations) must be at
   * least `relative` × |value| wide, and for a share or count of persons wide enough to
   * hold `persons` persons; never less than two display units (never exact).
   */
  readonly protection: { readonly relative: number; readonly persons: number };
}

/**
 * Defaults: 5 persons, as the report always had; (2, 85 %) and p = 10 %, the values
 * τ-ARGUS's manual and sdcTable's examples use for magnitude tables; a 30 % protection
 * level (τ-ARGUS's usual protection interval) and a 5-person span for counts and shares.
 */
export const DEFAULT_RULES: DisclosureRules = {
  minPersons: 5,
  dominance: { n: 2, k: 0.85 },
  pPercent: 0.1,
  protection: { relative: 0.3, persons: 5 },
};

const pct = (x: number) => String(Math.round(x * 1000) / 10);

/**
 * The note every table with a withheld cell carries. Following Statistics Sweden's
 * practice, '..' marks every withheld cell, primary and complementary alike: a different
 * mark for the complementary cells would tell the reader which cell is the small one.
 */
export function disclosureNote(rules: DisclosureRules = DEFAULT_RULES): Label {
  const m = rules.minPersons;
  const dom = rules.dominance;
  const domSv = dom ? `, eller domineras av ${dom.n === 1 ? 'en person' : 'en eller två personer'} (${dom.n === 1 ? 'den största' : 'de två största'} står för mer än ${pct(dom.k)} % av summan)` : '';
  const domEn = dom ? `, or is dominated by ${dom.n === 1 ? 'one person' : 'one or two persons'} (the largest ${dom.n === 1 ? 'one holds' : 'two hold'} more than ${pct(dom.k)}% of the total)` : '';
  const pSv = rules.pPercent !== null ? ` eller där resten utom de två största är mindre än ${pct(rules.pPercent)} % av den största` : '';
  const pEn = rules.pPercent !== null ? ` or where all but the two largest add up to less than ${pct(rules.pPercent)}% of the largest` : '';
  return {
    sv:
      `.. = uppgiften redovisas inte av sekretesskäl: den bygger på färre än ${m} personer eller på 1–${m - 1} personer med ett värde skilt från noll${domSv}${pSv}, ` +
      `eller den skulle annars kunna räknas fram ur andra redovisade uppgifter (sekundär röjandekontroll). Som i SCB:s tabeller markeras båda slagen med "..".`,
    en:
      `.. = withheld for confidentiality: the figure rests on fewer than ${m} persons or on 1–${m - 1} persons with a non-zero value${domEn}${pEn}, ` +
      `or it could otherwise be computed from other published figures (secondary suppression). As in Statistics Sweden's tables, both kinds are marked "..".`,
  };
}
