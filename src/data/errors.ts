/**
 * Errors in input data: which file, which column, which 1-based line (the header is line 1).
 *
 * The command line prints `message` and exits with status 2 (see src/cli/main.ts, which
 * recognises the name 'DataError'). `detail` is the message without the location.
 */
export interface DataLocation {
  file: string;
  column?: string;
  line?: number;
}

export class DataError extends Error {
  readonly file: string;
  readonly column?: string;
  readonly line?: number;
  readonly detail: string;

  constructor(where: DataLocation, detail: string) {
    super(formatLocation(where) + detail);
    this.name = 'DataError';
    this.file = where.file;
    this.column = where.column;
    this.line = where.line;
    this.detail = detail;
  }
}

function formatLocation(where: DataLocation): string {
  let s = where.file;
  if (where.line !== undefined) s += `, line ${where.line}`;
  if (where.column !== undefined) s += `, column "${where.column}"`;
  return s + ': ';
}

/** Levenshtein distance, case-insensitive (a column written "Wage" for "wage" is near). */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = new Array<number>(t.length + 1);
  let cur = new Array<number>(t.length + 1);
  for (let j = 0; j <= t.length; j++) prev[j] = j;
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const sub = prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, prev[j] + 1, cur[j - 1] + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[t.length];
}

/**
 * The candidate nearest to `name`, if it is near enough to be a likely misspelling: at
 * most a third of the name's length in edits (at least 2), ties going to the first; else
 * a candidate that contains the name or is contained in it.
 */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  const limit = Math.max(2, Math.floor(name.length / 3));
  if (bestD <= limit) return best;
  // A shortened or lengthened name ("wage" for "wage_kr"): the closest one containing the other.
  const low = name.toLowerCase();
  const containing = candidates.filter((c) => {
    const l = c.toLowerCase();
    return Math.min(l.length, low.length) >= 3 && (l.includes(low) || low.includes(l));
  });
  containing.sort((a, b) => Math.abs(a.length - name.length) - Math.abs(b.length - name.length));
  return containing[0];
}

/** ' (did you mean "wages"?)' when a candidate is near `name`, else ''. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const near = nearestName(name, candidates);
  return near !== undefined ? ` (did you mean "${near}"?)` : '';
}
