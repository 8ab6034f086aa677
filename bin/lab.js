#!/usr/bin/env node
// `npm run lab`: JupyterLab at the project root with the project's tslab kernel.
// Options after `--` go to JupyterLab and win over the defaults below, e.g.
//   npm run lab -- --no-browser --port 8899
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');
const { root, jupyterEnv, python } = require('./jupyter-env');

const userArgs = process.argv.slice(2);
const defaults = [
  '--notebook-dir', root,
  // No calls home and no news prompt: jupyter/config/jupyter_lab_config.py (through
  // JUPYTER_CONFIG_PATH, bin/jupyter-env.js) and jupyter/lab/settings/overrides.json.
];
// JupyterLab refuses to start as root (containers, the Debian setup) unless told.
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && !userArgs.includes('--allow-root')) defaults.push('--allow-root');

// The synthetic data, as `npm test` and `npm run report` prepare it: generated when missing or
// made by another version of the generator (skipped when FINSAM_DATA points at real data).
if (!process.env.FINSAM_DATA) {
  const prepare = spawnSync(process.execPath, ['-r', 'tsx/cjs', path.join(root, 'data-synthetic', 'ensure.ts')], { cwd: root, stdio: 'inherit' });
  if (prepare.status !== 0) {
    process.stderr.write('npm run lab: the synthetic data could not be prepared (see above); JupyterLab not started\n');
    process.exit(prepare.status || 1);
  }
}
if (process.env.FINSAM_LANG && !['sv', 'en'].includes(process.env.FINSAM_LANG)) {
  process.stderr.write(`npm run lab: FINSAM_LANG=${process.env.FINSAM_LANG}: use sv or en\n`);
  process.exit(2);
}
process.stderr.write(`npm run lab: notebooks in ${process.env.FINSAM_LANG || 'sv'} (the other language's text cells are hidden in the lab and kept in the files; FINSAM_LANG=${process.env.FINSAM_LANG === 'en' ? 'sv' : 'en'} for the other)\n`);

const child = spawn(python, ['-m', 'jupyterlab', ...defaults, ...userArgs], { cwd: root, env: jupyterEnv(), stdio: 'inherit' });
// Stopping this launcher stops JupyterLab (and its kernels) too.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));
