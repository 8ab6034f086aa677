import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { root, jupyterEnv, python } = require('../../bin/jupyter-env.js');

export interface ExecutedNotebook {
  status: number | null;
  /** Progress and error events the runner printed (one JSON object per stderr line). */
  events: Record<string, unknown>[];
  stderr: string;
  /** The executed notebook, parsed. */
  notebook: { cells: { cell_type: string; source: string | string[]; outputs?: Record<string, any>[] }[] };
}

function runnerArgs(file: string, timeoutSeconds: number): { args: string[]; out: string } {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-nb-')), 'out.ipynb');
  return { args: [path.join(root, 'render', 'run_notebook.py'), file, out, '--timeout', String(timeoutSeconds)], out };
}

function collect(status: number | null, stderr: string, out: string): ExecutedNotebook {
  const events = stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
  const notebook = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) : { cells: [] };
  return { status, events, stderr, notebook };
}

/**
 * Executes a notebook headless through the real tslab kernel (render/run_notebook.py),
 * without blocking the test worker: a synchronous spawn longer than vitest's worker RPC
 * timeout (about a minute) fails the whole run with "Timeout calling onTaskUpdate".
 */
export function executeNotebookAsync(file: string, timeoutSeconds = 300): Promise<ExecutedNotebook> {
  const { args, out } = runnerArgs(file, timeoutSeconds);
  return new Promise((resolve, reject) => {
    const child = spawn(python, args, { cwd: root, env: jupyterEnv(), timeout: (timeoutSeconds + 60) * 1000 });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (status) => resolve(collect(status, stderr, out)));
  });
}

/** All outputs of all code cells, flattened. */
export function outputs(nb: ExecutedNotebook): Record<string, any>[] {
  return nb.notebook.cells.flatMap((c) => c.outputs ?? []);
}

export function streamText(nb: ExecutedNotebook, name: 'stdout' | 'stderr' = 'stdout'): string {
  return outputs(nb)
    .filter((o) => o.output_type === 'stream' && o.name === name)
    .map((o) => (Array.isArray(o.text) ? o.text.join('') : o.text))
    .join('');
}
