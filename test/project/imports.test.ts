import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

// tslab (the notebooks' kernel) compiles src/ with its own resolver, which does not map a
// directory import ('./data') to its index.ts, and it cannot handle import.meta. vitest and
// tsx can, so only this check catches such an import before a notebook breaks.
const root = path.resolve(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function notebookImports(): { file: string; spec: string }[] {
  const dir = path.join(root, 'notebooks');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ipynb'))
    .flatMap((f) => {
      const nb = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
      const code = nb.cells
        .filter((c: { cell_type: string }) => c.cell_type === 'code')
        .map((c: { source: string | string[] }) => (Array.isArray(c.source) ? c.source.join('') : c.source))
        .join('\n');
      return [...code.matchAll(/from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g)].map((m) => ({
        file: path.join(dir, f),
        spec: m[1] ?? m[2],
      }));
    });
}

const IMPORT = /(?:from|import|require\()\s*['"](\.{1,2}\/[^'"]+)['"]/g;

describe('sources stay loadable by tslab', () => {
  const files = sourceFiles(path.join(root, 'src'));

  it('no relative import in src/ names a directory', () => {
    const bad: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(IMPORT)) {
        const target = path.resolve(path.dirname(file), m[1]);
        if (fs.existsSync(target) && fs.statSync(target).isDirectory()) {
          bad.push(`${path.relative(root, file)}: '${m[1]}' is a directory; import '${m[1]}/index'`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('no file in src/ uses import.meta', () => {
    const bad = files.filter((f) => /\bimport\.meta\b/.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(root, f));
    expect(bad).toEqual([]);
  });

  it('notebooks import the library root-relative and never a directory', () => {
    const bad: string[] = [];
    for (const { file, spec } of notebookImports()) {
      const target = path.resolve(root, spec);
      // The library and the published aggregates' reader (data-public/index.ts), both from the root.
      if (!/^\.\/(src|data-public)\//.test(spec)) bad.push(`${path.basename(file)}: '${spec}' is not root-relative ./src/... or ./data-public/...`);
      else if (fs.existsSync(target) && fs.statSync(target).isDirectory()) bad.push(`${path.basename(file)}: '${spec}' is a directory`);
    }
    expect(bad).toEqual([]);
  });
});
