/**
 * Both cores where it pays: worker threads take whole groups of ATT(g,t) cells (a group's
 * 2x2 designs are shared by no other group) and blocks of the Wald pre-test's covariance,
 * on shared memory. Every number is computed by the same function on the same inputs as in
 * a serial run, so results are bit-identical; only who computes a group changes.
 *
 * The API stays synchronous: the main thread claims work from a shared counter like the
 * workers, then waits (Atomics.wait) for work a worker has claimed, and reads the workers'
 * warnings with receiveMessageOnPort. A worker still starting up simply claims nothing, so
 * a slow start never delays a result. Threads: FINSAM_THREADS (default: the machine's
 * cores; 1 = serial). Work below FINSAM_PARALLEL_MIN influence-function entries (units x
 * cells, default 2,000,000) stays serial: a worker costs about 0.2-0.4 s to start through tsx
 * (notebooks, tests), 0.03-0.06 s from the command line's bundle (bin/bundle.js).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { CellOptions, CellPlan, CellSink, PanelCellData } from './cells';
import { addLower, gramSegment, gramSegments, mirrorLower, segmentStart } from './gram';
import type { Prepared } from './prepare';

export function threadCount(): number {
  const env = Number(process.env.FINSAM_THREADS);
  if (Number.isInteger(env) && env >= 1) return env;
  return Math.max(1, (os as { availableParallelism?: () => number }).availableParallelism?.() ?? os.cpus().length);
}

function minWork(): number {
  const env = Number(process.env.FINSAM_PARALLEL_MIN);
  return Number.isFinite(env) && env >= 0 ? env : 2_000_000;
}

/** Whether a job of n units and K cells goes to worker threads. */
export function wantParallel(n: number, K: number): boolean {
  return threadCount() > 1 && n * K >= minWork();
}

export function float64(n: number, shared: boolean): Float64Array {
  return shared ? new Float64Array(new SharedArrayBuffer(8 * n)) : new Float64Array(n);
}

export function int32(n: number, shared: boolean): Int32Array {
  return shared ? new Int32Array(new SharedArrayBuffer(4 * n)) : new Int32Array(n);
}

const isShared = (a: ArrayBufferView | null | undefined): boolean => !a || a.buffer instanceof SharedArrayBuffer;

/** A typed array sent to a worker as its buffer and position (see packViews). */
interface PackedView {
  readonly __view: 'Float64Array' | 'Int32Array';
  readonly buffer: SharedArrayBuffer;
  readonly byteOffset: number;
  readonly length: number;
}

/**
 * Replaces every Float64Array / Int32Array on shared memory inside plain objects and arrays
 * by its buffer and position. Node 20 posts a typed-array view of more than 4 GiB with its
 * length cut to 32 bits (a 5 GiB view arrives 1 GiB long; the SharedArrayBuffer itself
 * arrives whole), so workers silently wrote nothing into the cells of the upper 4 GiB
 * (1.2 M persons x 570 cells): the buffer and numbers survive, the view is rebuilt.
 */
export function packViews(value: unknown): unknown {
  if (value instanceof Float64Array || value instanceof Int32Array) {
    if (!(value.buffer instanceof SharedArrayBuffer)) return value;
    return { __view: value instanceof Float64Array ? 'Float64Array' : 'Int32Array', buffer: value.buffer, byteOffset: value.byteOffset, length: value.length } satisfies PackedView;
  }
  if (Array.isArray(value)) return value.map(packViews);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = packViews(v);
    return out;
  }
  return value;
}

/** The inverse of packViews, in the worker. */
export function unpackViews(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unpackViews);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const v = value as Partial<PackedView>;
    if (v.__view !== undefined && v.buffer instanceof SharedArrayBuffer) {
      return v.__view === 'Float64Array' ? new Float64Array(v.buffer, v.byteOffset, v.length) : new Int32Array(v.buffer, v.byteOffset, v.length);
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(value)) out[k] = unpackViews(x);
    return out;
  }
  return value;
}

let workers: Worker[] = [];

/**
 * The bundled worker's file when this module runs from the command line's bundle (bin/bundle.js
 * defines it at build time); undefined when the sources run through tsx (notebooks, tests).
 */
declare const __FINSAM_WORKER__: string | undefined;

/** The worker thread's entry: the bundle's own worker (no tsx at start), else the shim that registers tsx. */
function workerEntry(): string {
  return typeof __FINSAM_WORKER__ === 'string' ? __FINSAM_WORKER__ : path.join(__dirname, 'worker.js');
}

/** What the workers did in this process (for tests and benchmarks: did the parallel path run?). */
export const parallelStats = { cellJobs: 0, groupsByWorkers: 0, gramJobs: 0, gramRunsByWorkers: 0 };

/** Starts the worker threads now (e.g. while the data are read), so they are ready when the cells are. */
export function warmUp(): void {
  const want = threadCount() - 1;
  while (workers.length < want) {
    const w = new Worker(workerEntry());
    w.unref();
    w.on('error', () => {
      workers = workers.filter((x) => x !== w);
    });
    workers.push(w);
  }
}

/** Resolves when every worker has started and loaded the estimator (for tests and benchmarks). */
export async function workersReady(): Promise<number> {
  warmUp();
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          const { port1, port2 } = new MessageChannel();
          port1.once('message', () => {
            port1.close();
            resolve();
          });
          w.postMessage({ kind: 'ping', port: port2 }, [port2]);
        }),
    ),
  );
  return workers.length;
}

/** Control block of one job: [0] next item to claim, [1] items finished, [2] a worker failed. */
interface Job {
  readonly ctl: Int32Array;
  readonly ports: MessagePortLike[];
}
type MessagePortLike = import('node:worker_threads').MessagePort;

function startJob(message: Record<string, unknown>): Job | null {
  warmUp();
  if (workers.length === 0) return null;
  const ctl = new Int32Array(new SharedArrayBuffer(12));
  const ports: MessagePortLike[] = [];
  for (const w of workers) {
    const { port1, port2 } = new MessageChannel();
    w.postMessage({ ...(packViews(message) as Record<string, unknown>), ctl, port: port2 }, [port2]);
    ports.push(port1);
  }
  return { ctl, ports };
}

/** Waits until all `items` are finished; returns the workers' messages. Throws a worker's error. */
function finishJob(job: Job, items: number): unknown[] {
  const { ctl } = job;
  for (;;) {
    const done = Atomics.load(ctl, 1);
    if (done >= items || Atomics.load(ctl, 2) !== 0) break;
    Atomics.wait(ctl, 1, done, 1000);
  }
  const messages: unknown[] = [];
  for (const port of job.ports) {
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) messages.push(m.message);
    port.close();
  }
  const failed = messages.find((m) => (m as { error?: string }).error !== undefined) as { error: string } | undefined;
  if (failed || Atomics.load(ctl, 2) !== 0) throw new Error(`a worker thread failed: ${failed?.error ?? 'unknown error'}`);
  return messages;
}

/** Claims the next item of a job (main thread or worker). */
export function claim(ctl: Int32Array): number {
  return Atomics.add(ctl, 0, 1);
}

export function finished(ctl: Int32Array): void {
  Atomics.add(ctl, 1, 1);
  Atomics.notify(ctl, 1);
}

/**
 * estimatePanelCells on several threads: groups are claimed one at a time; the warnings of
 * each group are collected apart and appended in group order, as a serial run pushes them.
 * Null when the data are not all in shared memory (then the caller runs serially).
 */
export function parallelCells(
  prep: Prepared,
  opts: CellOptions,
  plans: CellPlan[],
  sinks: CellSink[],
  ranges: [number, number][],
  // cells.ts's own functions, passed in (cells.ts imports this module).
  estimatePanelGroup: typeof import('./cells').estimatePanelGroup,
  sinkOn: typeof import('./cells').sinkOn,
): number | null {
  const data: PanelCellData = prep;
  if (data.xByPeriod || !isShared(data.xUnit) || !isShared(data.wUnit) || data.wByPeriod) return null;
  if (!data.yByPeriod || !data.yByPeriod.every((ys) => ys.every((y) => isShared(y)))) return null;
  if (!sinks.every((s) => isShared(s.cells.inf) && isShared(s.cells.att) && isShared(s.cells.nTreated) && isShared(s.cells.nControl))) return null;
  const job = startJob({
    kind: 'cells',
    data: { n: data.n, k: data.k, periods: data.periods, groups: data.groups, entGroup: data.entGroup, yByPeriod: data.yByPeriod, xUnit: data.xUnit, wUnit: data.wUnit },
    opts,
    cells: sinks.map((s) => s.cells),
    ranges,
  });
  if (!job) return null;
  const byGroup: { warnings: string[][]; designs: number }[] = new Array(ranges.length);
  for (let gi = claim(job.ctl); gi < ranges.length; gi = claim(job.ctl)) {
    const local = sinks.map((s) => sinkOn(s.cells, data.n, []));
    const designs = estimatePanelGroup(data, opts, plans, ranges[gi][0], ranges[gi][1], local);
    byGroup[gi] = { warnings: local.map((s) => s.warnings), designs };
    finished(job.ctl);
  }
  const fromWorkers = finishJob(job, ranges.length) as { gi: number; warnings: string[][]; designs: number }[];
  for (const m of fromWorkers) byGroup[m.gi] = m;
  parallelStats.cellJobs++;
  parallelStats.groupsByWorkers += fromWorkers.length;
  let designs = 0;
  for (const g of byGroup) {
    designs += g.designs;
    sinks.forEach((s, o) => s.warnings.push(...g.warnings[o]));
  }
  return designs;
}

/**
 * The Wald pre-test's covariance (gram.ts) on several threads: each thread takes whole row
 * segments (gramSegments: a function of n only), writes its segment's lower triangle to its
 * own part of shared memory, and the parts are added in row order as gram() adds them.
 * Null when x is not in shared memory, the work is small, or n makes one segment.
 */
export function parallelGram(x: Float64Array, o: readonly number[], n: number): Float64Array | null {
  const S = gramSegments(n);
  if (S < 2 || !isShared(x) || !wantParallel(n, (o.length * o.length) / 4)) return null;
  const q = o.length;
  const parts = float64(S * q * q, true);
  const job = startJob({ kind: 'gram', x, o, n, out: parts, runs: S });
  if (!job) return null;
  let mine = 0;
  for (let r = claim(job.ctl); r < S; r = claim(job.ctl)) {
    gramRun(x, o, n, parts, r);
    finished(job.ctl);
    mine++;
  }
  finishJob(job, S);
  parallelStats.gramJobs++;
  parallelStats.gramRunsByWorkers += S - mine;
  const out = new Float64Array(q * q);
  out.set(parts.subarray(0, q * q));
  for (let s = 1; s < S; s++) addLower(out, parts, q, s * q * q);
  mirrorLower(out, q);
  return out;
}

/** Row segment r of the Gram, lower triangle, into parts[r * q * q ...]. */
export function gramRun(x: Float64Array, o: readonly number[], n: number, parts: Float64Array, r: number): void {
  const q = o.length;
  const S = gramSegments(n);
  gramSegment(x, o, segmentStart(n, S, r), segmentStart(n, S, r + 1), parts.subarray(r * q * q, (r + 1) * q * q));
}
