import { spawnSync } from 'node:child_process';
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

/** Executes a notebook headless through the real tslab kernel (render/run_notebook.py). */
export function executeNotebook(file: string, timeoutSeconds = 300): ExecutedNotebook {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-nb-')), 'out.ipynb');
  const res = spawnSync(python, [path.join(root, 'render', 'run_notebook.py'), file, out, '--timeout', String(timeoutSeconds)], {
    cwd: root,
    env: jupyterEnv(),
    encoding: 'utf8',
    timeout: (timeoutSeconds + 60) * 1000,
  });
  const events = res.stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
  const notebook = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) : { cells: [] };
  return { status: res.status, events, stderr: res.stderr, notebook };
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
