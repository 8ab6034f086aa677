import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A real Jupyter server with the project's configuration (jupyter/config through
// bin/jupyter-env.js): the lab shows one language's markdown cells, and saving puts the
// other language's cells back, leaving an unchanged notebook byte-identical.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { jupyterEnv, python } = require('../../bin/jupyter-env.js') as { jupyterEnv(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv; python: string };

const root = path.resolve(__dirname, '..', '..');
const notebooks = fs.readdirSync(path.join(root, 'notebooks')).filter((f) => f.endsWith('.ipynb')).sort();
const TOKEN = 'finsam-test-token';
const marker = (source: string) => /^\s*<!--\s*lang:\s*([a-z]+)\s*-->/.exec(source)?.[1] ?? null;

interface Cell { cell_type: string; id?: string; source: string | string[]; metadata: object; outputs?: unknown[]; execution_count?: number | null }
interface Nb { cells: Cell[]; metadata: object; nbformat: number; nbformat_minor: number }
const src = (c: Cell) => (Array.isArray(c.source) ? c.source.join('') : c.source);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

interface Server { url: string; dir: string; proc: ChildProcess; log: string[] }

async function startServer(lang: 'sv' | 'en'): Promise<Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `finsam-lab-${lang}-`));
  for (const f of notebooks) fs.copyFileSync(path.join(root, 'notebooks', f), path.join(dir, f));
  const port = await freePort();
  const env = jupyterEnv({ ...process.env, FINSAM_LANG: lang });
  // Runtime files of this server stay in its own directory.
  env.JUPYTER_RUNTIME_DIR = path.join(dir, '.runtime');
  const args = ['-m', 'jupyter_server', `--ServerApp.root_dir=${dir}`, `--ServerApp.port=${port}`, '--ServerApp.port_retries=0',
    '--ServerApp.open_browser=False', `--IdentityProvider.token=${TOKEN}`, '--ServerApp.ip=127.0.0.1'];
  if (process.getuid?.() === 0) args.push('--allow-root');
  const proc = spawn(python, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  proc.stdout!.on('data', (d) => log.push(String(d)));
  proc.stderr!.on('data', (d) => log.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    if (proc.exitCode !== null) throw new Error(`jupyter server exited: ${log.join('')}`);
    try {
      const r = await fetch(`${url}/api/status`, { headers: { Authorization: `token ${TOKEN}` } });
      if (r.ok) return { url, dir, proc, log };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  proc.kill();
  throw new Error(`jupyter server did not start: ${log.join('')}`);
}

async function stopServer(s: Server | undefined) {
  if (!s) return;
  s.proc.kill('SIGTERM');
  await new Promise((r) => (s.proc.exitCode !== null ? r(null) : s.proc.once('exit', r)));
  fs.rmSync(s.dir, { recursive: true, force: true });
}

async function getNb(s: Server, name: string): Promise<Nb> {
  const r = await fetch(`${s.url}/api/contents/${name}?content=1&type=notebook`, { headers: { Authorization: `token ${TOKEN}` } });
  expect(r.status, s.log.join('')).toBe(200);
  return ((await r.json()) as { content: Nb }).content;
}

async function putNb(s: Server, name: string, content: Nb): Promise<void> {
  const r = await fetch(`${s.url}/api/contents/${name}`, {
    method: 'PUT',
    headers: { Authorization: `token ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'notebook', format: 'json', content }),
  });
  expect(r.status, `${await r.text()}\n${s.log.join('')}`).toBe(200);
}

for (const lang of ['sv', 'en'] as const) {
  const other = lang === 'sv' ? 'en' : 'sv';
  describe(`JupyterLab contents in one language (FINSAM_LANG=${lang})`, () => {
    let server: Server | undefined;
    beforeAll(async () => {
      server = await startServer(lang);
    }, 60_000);
    afterAll(async () => stopServer(server));

    it('loads every notebook without the other language and saves it back byte-identical', async () => {
      for (const f of notebooks) {
        const before = fs.readFileSync(path.join(server!.dir, f));
        const file = JSON.parse(before.toString('utf8')) as Nb;
        const nb = await getNb(server!, f);
        const shown = nb.cells.map((c) => marker(src(c)));
        expect(shown, f).not.toContain(other);
        const expected = file.cells.filter((c) => c.cell_type !== 'markdown' || marker(src(c)) !== other).map((c) => c.id);
        expect(nb.cells.map((c) => c.id), f).toEqual(expected);
        expect(file.cells.some((c) => marker(src(c)) === other), `${f} has ${other} cells to hide`).toBe(true);
        await putNb(server!, f, nb);
        expect(fs.readFileSync(path.join(server!.dir, f)).equals(before), `${f} changed on a save without edits`).toBe(true);
      }
    }, 60_000);

    it('an edit and a new cell keep the hidden cells in place and change nothing else', async () => {
      const f = notebooks[0];
      const file = JSON.parse(fs.readFileSync(path.join(server!.dir, f), 'utf8')) as Nb;
      const nb = await getNb(server!, f);
      const edited = nb.cells.findIndex((c) => marker(src(c)) === lang);
      nb.cells[edited].source = `${src(nb.cells[edited])}\n\nAn added sentence.`;
      const added: Cell = { cell_type: 'markdown', id: 'added-cell', metadata: {}, source: 'A new cell.' };
      nb.cells.splice(edited + 1, 0, added);
      await putNb(server!, f, nb);
      const text = fs.readFileSync(path.join(server!.dir, f), 'utf8');
      const saved = JSON.parse(text) as Nb;
      // Every cell of the file is still there, in order, with the new one after the edited
      // cell and the hidden cells that follow it (a Swedish cell's English translation).
      const ids = file.cells.map((c) => c.id);
      const editedId = nb.cells[edited].id;
      let at = ids.indexOf(editedId) + 1;
      while (at < ids.length && marker(src(file.cells[at])) === other) at++;
      if (lang === 'sv') expect(at).toBeGreaterThan(ids.indexOf(editedId) + 1);
      expect(saved.cells.map((c) => c.id)).toEqual([...ids.slice(0, at), 'added-cell', ...ids.slice(at)]);
      for (const c of saved.cells) {
        if (c.id === editedId) expect(src(c)).toMatch(/An added sentence\.$/);
        else if (c.id !== 'added-cell') expect(c).toEqual(file.cells.find((d) => d.id === c.id));
      }
      // In the file's own style: sources as single strings, the same indentation.
      expect(saved.cells.every((c) => typeof c.source === 'string')).toBe(true);
      expect(text.startsWith('{\n "cells": [\n  {\n')).toBe(true);
    }, 30_000);

    it('deleting a shown cell keeps its translation', async () => {
      const f = notebooks[1];
      const file = JSON.parse(fs.readFileSync(path.join(server!.dir, f), 'utf8')) as Nb;
      const nb = await getNb(server!, f);
      const gone = nb.cells.findIndex((c, i) => i > 0 && marker(src(c)) === lang);
      const goneId = nb.cells[gone].id;
      nb.cells.splice(gone, 1);
      await putNb(server!, f, nb);
      const saved = JSON.parse(fs.readFileSync(path.join(server!.dir, f), 'utf8')) as Nb;
      expect(saved.cells.map((c) => c.id)).toEqual(file.cells.map((c) => c.id).filter((id) => id !== goneId));
    }, 30_000);
  });
}
