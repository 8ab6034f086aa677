#!/usr/bin/env node
// `npm run lab`: JupyterLab at the project root with the project's tslab kernel.
'use strict';
const { spawn } = require('node:child_process');
const { root, jupyterEnv, python } = require('./jupyter-env');

const args = ['-m', 'jupyterlab', '--notebook-dir', root, ...process.argv.slice(2)];
const child = spawn(python, args, { cwd: root, env: jupyterEnv(), stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
