#!/usr/bin/env node
// Installs what the project needs, once, and only what changed since the last run:
// npm packages from the lockfile, the project-local Python environment (.venv) and,
// when we are root and they are missing, Debian's Chromium, fonts and poppler.
// Plain Node with no dependencies, because it runs before `npm ci`.
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const purpose = (process.argv.indexOf('--for') > -1 && process.argv[process.argv.indexOf('--for') + 1]) || 'all';
const quiet = process.argv.includes('--quiet');

function log(msg) {
  if (!quiet) process.stderr.write(`[setup] ${msg}\n`);
}
function hashFile(file) {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
function stampMatches(stampFile, hash) {
  return fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8').trim() === hash;
}
function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: quiet ? 'ignore' : ['ignore', 'inherit', 'inherit'], cwd: root, ...opts });
  if (res.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed with status ${res.status}`);
  }
}
function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function npmPackages() {
  const lock = path.join(root, 'package-lock.json');
  const stamp = path.join(root, 'node_modules', '.finsam-lock.sha256');
  const hash = hashFile(lock);
  if (stampMatches(stamp, hash)) return;
  log('npm ci (packages from package-lock.json)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
  fs.writeFileSync(stamp, hash + '\n');
}

function pythonEnv() {
  const venv = path.join(root, '.venv');
  const reqs = path.join(root, 'requirements.txt');
  const stamp = path.join(venv, '.finsam-requirements.sha256');
  const hash = hashFile(reqs);
  if (stampMatches(stamp, hash)) return;
  const python = ['python3', 'python'].find(has);
  if (!python) throw new Error('Python 3 is needed for JupyterLab and nbclient; install python3 with venv.');
  if (!fs.existsSync(path.join(venv, 'bin', 'python'))) {
    log(`creating .venv with ${python}`);
    run(python, ['-m', 'venv', venv]);
  }
  log('pip install -r requirements.txt into .venv');
  run(path.join(venv, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', reqs]);
  fs.writeFileSync(stamp, hash + '\n');
}

function debianPackages() {
  const wanted = [];
  if (!fs.existsSync('/usr/bin/chromium')) wanted.push('chromium');
  if (!has('pdftotext')) wanted.push('poppler-utils');
  if (!fs.existsSync('/usr/share/fonts/truetype/dejavu')) wanted.push('fonts-dejavu-core');
  if (!fs.existsSync('/usr/share/fonts/truetype/liberation')) wanted.push('fonts-liberation');
  if (wanted.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !has('apt-get')) {
    log(`missing ${wanted.join(', ')}: install them (Debian: apt-get install ${wanted.join(' ')}); PDF output and browser tests need them`);
    return;
  }
  log(`apt-get install ${wanted.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...wanted], { env });
}

try {
  npmPackages();
  if (purpose !== 'npm') pythonEnv();
  if (purpose === 'report' || purpose === 'test' || purpose === 'all') debianPackages();
} catch (err) {
  process.stderr.write(`[setup] ${err.message}\n`);
  process.exit(1);
}
