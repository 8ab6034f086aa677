/**
 * The linear programs of the audit, solved with HiGHS (the `highs` package: the HiGHS
 * solver of the University of Edinburgh compiled to WebAssembly; maintained, exact
 * simplex, and the solver the sensitivity analysis uses too, so the project has one).
 *
 * One persistent HiGHS model per group of related cells: a column per cell, a row per
 * relation. A query changes the column bounds (published cell: its printed value ± half a
 * digit; withheld: what the reader knows, e.g. [0, 1]) and the objective, and re-solves
 * from the previous basis, so the many small queries of the heuristic stay cheap.
 */
import type { Highs, Model, ObjectiveSense } from 'highs';

let loading: Promise<Highs> | null = null;

/** The HiGHS module, loaded once per process. */
export function loadHighs(): Promise<Highs> {
  // require, not import: the package's ESM entry is not what tslab/ts-node load.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  if (!loading) loading = (require('highs') as (o?: object) => Promise<Highs>)();
  return loading;
}

export interface LpRow {
  readonly indices: readonly number[];
  readonly coefs: readonly number[];
  readonly rhs: number;
  readonly kind: string;
}

const OPTIMAL = 7;
const INFEASIBLE = 8;
const UNBOUNDED_OR_INFEASIBLE = 9;
const UNBOUNDED = 10;

export class ComponentLp {
  private readonly model: Model;
  private readonly lower: Float64Array;
  private readonly upper: Float64Array;
  private target = -1;
  solves = 0;

  constructor(
    private readonly highs: Highs,
    readonly size: number,
    readonly rows: readonly LpRow[],
  ) {
    const m = highs.createModel();
    m.options.set({ output_flag: false, presolve: 'off' });
    const inf = highs.infinity;
    this.lower = new Float64Array(size).fill(-inf);
    this.upper = new Float64Array(size).fill(inf);
    m.addVars(Array.from(this.lower), Array.from(this.upper));
    for (const r of rows) m.addRow(r.rhs, r.rhs, { indices: [...r.indices], values: [...r.coefs] });
    this.model = m;
  }

  private setBounds(bounds: readonly (readonly [number, number])[]): void {
    const inf = this.highs.infinity;
    for (let j = 0; j < this.size; j++) {
      const lo = Number.isFinite(bounds[j][0]) ? bounds[j][0] : -inf;
      const hi = Number.isFinite(bounds[j][1]) ? bounds[j][1] : inf;
      if (lo !== this.lower[j] || hi !== this.upper[j]) {
        this.model.changeColBounds(j, lo, hi);
        this.lower[j] = lo;
        this.upper[j] = hi;
      }
    }
  }

  private optimise(j: number, sense: 1 | -1): number {
    if (this.target !== j) {
      if (this.target >= 0) this.model.changeColCost(this.target, 0);
      this.model.changeColCost(j, 1);
      this.target = j;
    }
    this.model.changeObjectiveSense(sense as ObjectiveSense);
    this.model.run();
    this.solves++;
    const status = this.model.getModelStatus();
    if (status === OPTIMAL) return this.model.getObjectiveValue();
    if (status === UNBOUNDED || status === UNBOUNDED_OR_INFEASIBLE) return sense === 1 ? -Infinity : Infinity;
    if (status === INFEASIBLE) {
      throw new Error(`disclosure audit: the published values contradict the declared relations (${[...new Set(this.rows.map((r) => r.kind))].join('; ')}); a relation is declared wrongly`);
    }
    throw new Error(`disclosure audit: HiGHS stopped with model status ${status}`);
  }

  /** [min, max] of column j given every column's bounds. */
  interval(j: number, bounds: readonly (readonly [number, number])[]): [number, number] {
    this.setBounds(bounds);
    return [this.optimise(j, 1), this.optimise(j, -1)];
  }

  dispose(): void {
    this.model.dispose();
  }
}
