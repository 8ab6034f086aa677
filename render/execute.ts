/**
 * Runs the notebooks through render/run_notebook.py (nbclient + the project's tslab kernel,
 * one Python process for all, a fresh kernel per notebook) and reads its progress events as
 * they come. A failing cell becomes a RenderError naming the notebook, the cell and the first
 * lines of the error.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RenderError } from './errors';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { root, jupyterEnv, python } = require('../bin/jupyter-env.js') as {
  root: string;
  jupyterEnv(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  python: string;
};

export interface RunnerEvent {
  event: 'start' | 'cell' | 'done' | 'retry' | 'error' | 'interrupted';
  notebook?: number;
  cells?: number;
  code_cells?: number;
  index?: number;
  seconds?: number;
  cell?: number | null;
  lines?: string[];
}

export interface ExecuteResult {
  file: string;
  /** Wall time of the notebook from its start event (kernel ready, compile and cells). */
  seconds: number;
  /** Seconds per executed code cell, by 0-based cell index. */
  cellSeconds: Map<number, number>;
  codeCells: number;
}

export interface NotebookRun {
  file: string;
  /** Where the executed copy is written. */
  out: string;
}

const running = new Set<ChildProcess>();

/** Stops the notebook runs in flight (on Ctrl-C); the runner shuts its kernels down. */
export function stopRunningNotebooks(): void {
  for (const child of running) child.kill('SIGTERM');
}

/** 1-based position of a cell among the code cells, for error messages. */
function codeCellNumber(file: string, index: number): number | null {
  try {
    const nb = JSON.parse(fs.readFileSync(file, 'utf8')) as { cells: { cell_type: string }[] };
    return nb.cells.slice(0, index + 1).filter((c) => c.cell_type === 'code').length;
  } catch {
    return null;
  }
}

function failureMessage(runs: NotebookRun[], f: RunnerEvent): string {
  const file = runs[f.notebook ?? 0]?.file ?? '?';
  const name = path.relative(root, file) || file;
  if (f.event === 'interrupted') return 'interrupted';
  if (typeof f.cell !== 'number') return `${name} failed: ${(f.lines ?? []).join('\n    ')}`;
  const code = codeCellNumber(file, f.cell);
  const where = `cell ${f.cell + 1}${code ? ` (code cell ${code})` : ''}`;
  const lines = f.lines ?? [];
  // tslab's compiler watches the sources it loaded; an edit during the render breaks it.
  const hint = lines.some((l) => l.includes('rebuildTimer'))
    ? '\n    (a source file changed while the kernel was compiling it; render again once no file is being edited)'
    : '';
  return `${name}, ${where} failed:\n${lines.map((l) => `    ${l}`).join('\n')}${hint}`;
}

export function executeNotebooks(
  runs: NotebookRun[],
  options: { timeoutSeconds: number; env?: NodeJS.ProcessEnv; onEvent?: (e: RunnerEvent, result: ExecuteResult) => void },
): Promise<ExecuteResult[]> {
  const results: ExecuteResult[] = runs.map((r) => ({ file: r.file, seconds: 0, cellSeconds: new Map(), codeCells: 0 }));
  const args = [path.join(root, 'render', 'run_notebook.py'), ...runs.flatMap((r) => [r.file, r.out]), '--timeout', String(options.timeoutSeconds)];
  return new Promise((resolve, reject) => {
    const child = spawn(python, args, { cwd: root, env: jupyterEnv(options.env ?? process.env), stdio: ['ignore', 'ignore', 'pipe'] });
    running.add(child);
    let failure: RunnerEvent | null = null;
    let buffered = '';
    const other: string[] = [];
    const handle = (line: string) => {
      let ev: RunnerEvent | null = null;
      try {
        ev = line.startsWith('{') ? (JSON.parse(line) as RunnerEvent) : null;
      } catch {
        ev = null;
      }
      if (!ev) {
        if (line.trim()) other.push(line);
        return;
      }
      const result = results[ev.notebook ?? 0];
      if (ev.event === 'start' && result) result.codeCells = ev.code_cells ?? 0;
      if (ev.event === 'cell' && result && ev.index !== undefined) result.cellSeconds.set(ev.index, ev.seconds ?? 0);
      if (ev.event === 'done' && result) result.seconds = ev.seconds ?? 0;
      if (ev.event === 'error' || ev.event === 'interrupted') failure = ev;
      if (result) options.onEvent?.(ev, result);
    };
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        handle(buffered.slice(0, nl));
        buffered = buffered.slice(nl + 1);
      }
    });
    child.on('error', (err) => {
      running.delete(child);
      reject(new RenderError(`could not start ${python} (${err.message}); run \`npm run setup\``));
    });
    child.on('close', (status) => {
      running.delete(child);
      if (buffered) handle(buffered);
      if (status === 0 && !failure) return resolve(results);
      if (failure) return reject(new RenderError(failureMessage(runs, failure)));
      reject(new RenderError(`the notebook runner stopped with status ${status}:\n    ${other.slice(-8).join('\n    ')}`));
    });
  });
}
