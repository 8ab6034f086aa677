/**
 * Wall time of one notebook run headless, as the render runs it, with the kernel's CPU time
 * and the slowest cells: `node -r tsx/cjs test/bench/notebook.bench.ts notebooks/06-method.ipynb`.
 * The method chapter must stay under a minute (issue 17). On a shared machine wall time
 * follows the load (printed beside it); for CPU seconds run it under `/usr/bin/time`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const { root, jupyterEnv, python } = require('../../bin/jupyter-env.js');

const file = path.resolve(process.argv[2] ?? path.join(root, 'notebooks', '06-method.ipynb'));
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-bench-')), 'out.ipynb');
const t0 = process.hrtime.bigint();
const res = spawnSync(python, [path.join(root, 'render', 'run_notebook.py'), file, out, '--timeout', '900'], { cwd: root, env: jupyterEnv(), encoding: 'utf8' });
const wall = Number(process.hrtime.bigint() - t0) / 1e9;
const events = res.stderr
  .split('\n')
  .filter((l) => l.startsWith('{'))
  .map((l) => JSON.parse(l) as { event: string; index?: number; seconds?: number });
const cells = events.filter((e) => e.event === 'cell').sort((a, b) => (b.seconds ?? 0) - (a.seconds ?? 0));
const loadavg = os.loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`${path.relative(root, file)}: status ${res.status}, wall ${wall.toFixed(1)} s (load average ${loadavg})`);
for (const c of cells.slice(0, 6)) console.log(`  cell ${c.index}: ${c.seconds?.toFixed(1)} s`);
if (res.status !== 0) console.log(res.stderr.slice(-2000));
