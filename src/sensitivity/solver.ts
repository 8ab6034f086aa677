/**
 * Linear and convex quadratic programs through HiGHS (the `highs` package: HiGHS compiled to
 * WebAssembly, the solver behind scipy's linprog "highs" that HonestDiD's Python port uses).
 * The programs of the sensitivity analysis are small and dense, so they are passed as dense
 * row-major matrices and converted to HiGHS's sparse column form here.
 *
 * HiGHS loads asynchronously (the WebAssembly module); after `loadSolver()` every solve is
 * synchronous. A `Program` keeps one native model so that repeated solves with new bounds or
 * costs warm-start from the previous basis; it must be disposed (native memory is not
 * garbage-collected).
 */
import type { Highs, Model } from 'highs';

export interface ProgramSpec {
  readonly numCols: number;
  readonly numRows: number;
  /** Linear objective, minimised. */
  readonly cost: ArrayLike<number>;
  /** Column bounds; omitted = free. */
  readonly colLower?: ArrayLike<number>;
  readonly colUpper?: ArrayLike<number>;
  /** Row-major numRows x numCols constraint matrix. */
  readonly rows: ArrayLike<number>;
  readonly rowLower: ArrayLike<number>;
  readonly rowUpper: ArrayLike<number>;
  /** Optional dense symmetric Q (numCols x numCols): objective adds 0.5 x'Qx. */
  readonly hessian?: ArrayLike<number>;
}

export type SolveStatus = 'optimal' | 'infeasible' | 'unbounded' | 'failed';

export interface SolveResult {
  readonly status: SolveStatus;
  readonly objective: number;
  readonly x: Float64Array;
  /** Row duals in HiGHS's convention: d objective / d row bound (>= 0 for an active lower bound when minimising). */
  readonly rowDual: Float64Array;
}

let loading: Promise<Highs> | null = null;
let solveCount = 0;
/** Programs solved so far in this process (for benchmarks). */
export function solves(): number {
  return solveCount;
}
let loaded: Highs | null = null;

/** Loads HiGHS once per process. */
export async function loadSolver(): Promise<Highs> {
  if (loaded) return loaded;
  if (!loading) {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const factory = require('highs') as (o?: unknown) => Promise<Highs>;
    loading = factory().then((h) => (loaded = h));
  }
  return loading;
}

/** The loaded solver; throws if `loadSolver()` has not finished. */
export function solver(): Highs {
  if (!loaded) throw new Error('HiGHS is not loaded yet: await loadSolver() first');
  return loaded;
}

const INF = Infinity;

function toModelData(h: Highs, p: ProgramSpec) {
  const { numCols: k, numRows: m } = p;
  const starts = new Int32Array(k + 1);
  const idx: number[] = [];
  const val: number[] = [];
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < m; i++) {
      const v = p.rows[i * k + j];
      if (v !== 0) {
        idx.push(i);
        val.push(v);
      }
    }
    starts[j + 1] = idx.length;
  }
  const big = (a: ArrayLike<number> | undefined, fill: number) => Float64Array.from({ length: k }, (_, j) => (a ? clampInf(h, a[j]) : fill));
  return {
    numCols: k,
    numRows: m,
    colCost: Float64Array.from(p.cost),
    colLower: big(p.colLower, -h.infinity),
    colUpper: big(p.colUpper, h.infinity),
    rowLower: Float64Array.from({ length: m }, (_, i) => clampInf(h, p.rowLower[i])),
    rowUpper: Float64Array.from({ length: m }, (_, i) => clampInf(h, p.rowUpper[i])),
    matrix: { format: 'csc' as const, numRows: m, numCols: k, starts, indices: Int32Array.from(idx), values: Float64Array.from(val) },
  };
}

function clampInf(h: Highs, v: number): number {
  if (v === INF) return h.infinity;
  if (v === -INF) return -h.infinity;
  return v;
}

function hessianInput(q: ArrayLike<number>, k: number) {
  const starts = new Int32Array(k + 1);
  const idx: number[] = [];
  const val: number[] = [];
  for (let j = 0; j < k; j++) {
    for (let i = j; i < k; i++) {
      const v = q[i * k + j];
      if (v !== 0) {
        idx.push(i);
        val.push(v);
      }
    }
    starts[j + 1] = idx.length;
  }
  return { format: 'triangular' as const, dimension: k, starts, indices: Int32Array.from(idx), values: Float64Array.from(val) };
}

/** A persistent program: change bounds or costs and solve again (warm start). */
export class Program {
  private readonly model: Model;
  private readonly h: Highs;
  readonly numCols: number;
  readonly numRows: number;

  constructor(spec: ProgramSpec, h: Highs = solver()) {
    this.h = h;
    this.numCols = spec.numCols;
    this.numRows = spec.numRows;
    this.model = h.createModel(toModelData(h, spec));
    this.model.options.set({ output_flag: false, presolve: 'off' });
    if (spec.hessian) this.model.passHessian(hessianInput(spec.hessian, spec.numCols));
  }

  /** HiGHS options (e.g. presolve off: the programs are tiny and solved many times). */
  setOption(options: Record<string, string | number | boolean>): void {
    this.model.options.set(options as never);
  }

  setRowBounds(i: number, lower: number, upper: number): void {
    this.model.changeRowBounds(i, clampInf(this.h, lower), clampInf(this.h, upper));
  }

  setRowLowers(lower: ArrayLike<number>, upper: ArrayLike<number>): void {
    const lo = Float64Array.from({ length: this.numRows }, (_, i) => clampInf(this.h, lower[i]));
    const up = Float64Array.from({ length: this.numRows }, (_, i) => clampInf(this.h, upper[i]));
    this.model.changeRowsBounds({ kind: 'range', from: 0, to: this.numRows - 1 }, lo, up);
  }

  setCosts(cost: ArrayLike<number>): void {
    this.model.changeColsCost({ kind: 'range', from: 0, to: this.numCols - 1 }, Float64Array.from(cost));
  }

  solve(): SolveResult {
    solveCount++;
    this.model.run();
    const st = this.model.getModelStatus();
    const c = this.h.constants.modelStatus;
    const status: SolveStatus = st === c.optimal ? 'optimal' : st === c.infeasible ? 'infeasible' : st === c.unbounded || st === c.unboundedOrInfeasible ? 'unbounded' : 'failed';
    if (status !== 'optimal') return { status, objective: NaN, x: new Float64Array(this.numCols).fill(NaN), rowDual: new Float64Array(this.numRows) };
    const s = this.model.getSolution();
    return { status, objective: this.model.getObjectiveValue(), x: Float64Array.from(s.colValue), rowDual: Float64Array.from(s.rowDual) };
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** Solves one program and frees it. */
export function solveOnce(spec: ProgramSpec): SolveResult {
  const p = new Program(spec);
  try {
    return p.solve();
  } finally {
    p.dispose();
  }
}
