/**
 * Runs one notebook through render/run_notebook.py (nbclient + the project's tslab kernel)
 * and reads its progress events as they come. A failing cell becomes a RenderError naming
 * the notebook, the cell and the first lines of the error.
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
  event: 'start' | 'cell' | 'error' | 'interrupted';
  cells?: number;
  code_cells?: number;
  index?: number;
  seconds?: number;
  cell?: number | null;
  lines?: string[];
}

export interface ExecuteResult {
  seconds: number;
  /** Seconds per executed code cell, by 0-based cell index. */
  cellSeconds: Map<number, number>;
  codeCells: number;
}

const running = new Set<ChildProcess>();

/** Stops the notebook runs in flight (on Ctrl-C); each runner shuts its kernel down. */
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

export function executeNotebook(
  file: string,
  outFile: string,
  options: { timeoutSeconds: number; env?: NodeJS.ProcessEnv; onEvent?: (e: RunnerEvent) => void },
): Promise<ExecuteResult> {
  const name = path.relative(root, file) || file;
  const t0 = Date.now();
  const result: ExecuteResult = { seconds: 0, cellSeconds: new Map(), codeCells: 0 };
  return new Promise((resolve, reject) => {
    const child = spawn(python, [path.join(root, 'render', 'run_notebook.py'), file, outFile, '--timeout', String(options.timeoutSeconds)], {
      cwd: root,
      env: jupyterEnv(options.env ?? process.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    let failure: RunnerEvent | null = null;
    let buffered = '';
    const other: string[] = [];
    child.stdout.on('data', () => undefined);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        let ev: RunnerEvent | null = null;
        if (line.startsWith('{')) {
          try {
            ev = JSON.parse(line) as RunnerEvent;
          } catch {
            ev = null;
          }
        }
        if (!ev) {
          if (line.trim()) other.push(line);
          continue;
        }
        if (ev.event === 'start') result.codeCells = ev.code_cells ?? 0;
        if (ev.event === 'cell' && ev.index !== undefined) result.cellSeconds.set(ev.index, ev.seconds ?? 0);
        if (ev.event === 'error' || ev.event === 'interrupted') failure = ev;
        options.onEvent?.(ev);
      }
    });
    child.on('error', (err) => {
      running.delete(child);
      reject(new RenderError(`${name}: could not start ${python} (${err.message}); run \`npm run setup\``));
    });
    child.on('close', (status) => {
      running.delete(child);
      result.seconds = (Date.now() - t0) / 1000;
      if (status === 0 && !failure) return resolve(result);
      const f = failure as RunnerEvent | null;
      if (f && f.event === 'error' && typeof f.cell === 'number') {
        const code = codeCellNumber(file, f.cell);
        const where = `cell ${f.cell + 1}${code ? ` (code cell ${code})` : ''}`;
        const lines = (f.lines ?? []).map((l) => `    ${l}`).join('\n');
        return reject(new RenderError(`${name}, ${where} failed:\n${lines}`));
      }
      if (f && f.event === 'interrupted') return reject(new RenderError(`${name}: interrupted`));
      reject(new RenderError(`${name}: the notebook runner stopped with status ${status}:\n    ${other.slice(-8).join('\n    ')}`));
    });
  });
}

