// The one place that says where Jupyter looks: the project's own kernel spec
// (jupyter/kernels/tslab) and project-local config, data and runtime directories,
// so nothing is read from or written to the user's home.
'use strict';
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function jupyterEnv(base = process.env) {
  const venvBin = path.join(root, '.venv', 'bin');
  return {
    ...base,
    JUPYTER_PATH: path.join(root, 'jupyter'),
    JUPYTER_CONFIG_DIR: path.join(root, '.jupyter', 'config'),
    JUPYTER_DATA_DIR: path.join(root, '.jupyter', 'data'),
    JUPYTER_RUNTIME_DIR: path.join(root, '.jupyter', 'runtime'),
    JUPYTER_PLATFORM_DIRS: '1',
    PATH: `${venvBin}${path.delimiter}${base.PATH || ''}`,
  };
}

module.exports = { root, jupyterEnv, python: path.join(root, '.venv', 'bin', 'python') };
