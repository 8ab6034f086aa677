// The one place that says where Jupyter looks: the project's own kernel spec
// (jupyter/kernels/tslab), the project's committed configuration (jupyter/config: the
// one-language contents manager, no news prompt) and project-local config, data and runtime
// directories, so nothing is read from or written to the user's home.
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
    JUPYTER_CONFIG_PATH: [path.join(root, 'jupyter', 'config'), base.JUPYTER_CONFIG_PATH].filter(Boolean).join(path.delimiter),
    // jupyter/python/finsam_lab.py, the contents manager named in jupyter/config.
    PYTHONPATH: [path.join(root, 'jupyter', 'python'), base.PYTHONPATH].filter(Boolean).join(path.delimiter),
    PATH: `${venvBin}${path.delimiter}${base.PATH || ''}`,
  };
}

module.exports = { root, jupyterEnv, python: path.join(root, '.venv', 'bin', 'python') };
