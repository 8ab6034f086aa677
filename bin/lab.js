#!/usr/bin/env node
// `npm run lab`: JupyterLab at the project root with the project's tslab kernel.
// Options after `--` go to JupyterLab and win over the defaults below, e.g.
//   npm run lab -- --no-browser --port 8899
'use strict';
const { spawn } = require('node:child_process');
const { root, jupyterEnv, python } = require('./jupyter-env');

const userArgs = process.argv.slice(2);
const defaults = [
  '--notebook-dir', root,
  // No calls home: no news feed and no update check (register data is often analysed offline).
  '--LabApp.news_url=None',
  '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
];
// JupyterLab refuses to start as root (containers, the Debian setup) unless told.
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && !userArgs.includes('--allow-root')) defaults.push('--allow-root');

const child = spawn(python, ['-m', 'jupyterlab', ...defaults, ...userArgs], { cwd: root, env: jupyterEnv(), stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
