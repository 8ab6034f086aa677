/**
 * A worker thread of parallel.ts: takes jobs (groups of cells, runs of Gram blocks) from the
 * main thread, claims items from the job's shared counter until none are left, writes
 * numbers into shared memory and posts each group's warnings back.
 */
import { parentPort, MessagePort } from 'node:worker_threads';
import { CellOptions, Cells, estimatePanelGroup, PanelCellData, planCells, sinkOn } from './cells';
import { claim, finished, gramRun, unpackViews } from './parallel';

interface CellsJob {
  kind: 'cells';
  ctl: Int32Array;
  port: MessagePort;
  data: Omit<PanelCellData, 'xByPeriod' | 'wByPeriod'>;
  opts: CellOptions;
  cells: Cells[];
  ranges: [number, number][];
}

interface GramJob {
  kind: 'gram';
  ctl: Int32Array;
  port: MessagePort;
  x: Float64Array;
  o: number[];
  n: number;
  out: Float64Array;
  runs: number;
}

function runCells(job: CellsJob): void {
  const data: PanelCellData = { ...job.data, xByPeriod: null, wByPeriod: null };
  const plans = planCells(data, job.opts);
  for (let gi = claim(job.ctl); gi < job.ranges.length; gi = claim(job.ctl)) {
    const sinks = job.cells.map((c) => sinkOn(c, data.n, []));
    const designs = estimatePanelGroup(data, job.opts, plans, job.ranges[gi][0], job.ranges[gi][1], sinks);
    // The message first: the main thread reads it once every group is finished.
    job.port.postMessage({ gi, warnings: sinks.map((s) => s.warnings), designs });
    finished(job.ctl);
  }
}

function runGram(job: GramJob): void {
  for (let r = claim(job.ctl); r < job.runs; r = claim(job.ctl)) {
    gramRun(job.x, job.o, job.n, job.out, r);
    finished(job.ctl);
  }
}

parentPort!.on('message', (message: unknown) => {
  // Typed arrays come packed (parallel.ts, packViews: views over 4 GiB lose their length in postMessage).
  const job = unpackViews(message) as CellsJob | GramJob | { kind: 'ping'; port: MessagePort };
  if (job.kind === 'ping') {
    job.port.postMessage('ready');
    job.port.close();
    return;
  }
  try {
    if (job.kind === 'cells') runCells(job);
    else runGram(job);
  } catch (err) {
    job.port.postMessage({ error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
    Atomics.store(job.ctl, 2, 1);
    Atomics.notify(job.ctl, 1);
  }
  job.port.close();
});
