import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

// Data flows one way: data -> estimation -> tables/figures -> notebooks -> render. Each
// folder of src/ has a rank; a file may import from its own rank or below, never above.
// A new folder must be given a rank here, so its place in the flow is a decision.
const RANK: Record<string, number> = {
  i18n: 0,
  random: 0,
  data: 1,
  estimate: 2,
  stats: 3,
  simulate: 3,
  sensitivity: 3,
  models: 4,
  format: 5,
  report: 5,
  disclosure: 5,
  tables: 6,
  figures: 6,
  cli: 7,
};

const root = path.resolve(__dirname, '..', '..');
const src = path.join(root, 'src');
const IMPORT = /(?:from|import|require\()\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const topFolder = (file: string): string => path.relative(src, file).split(path.sep)[0];

describe('layers of src/', () => {
  it('every folder of src/ has a rank', () => {
    const folders = fs.readdirSync(src, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.filter((f) => !(f in RANK))).toEqual([]);
  });

  it('no file imports from a higher layer', () => {
    const bad: string[] = [];
    for (const file of sourceFiles(src)) {
      const from = topFolder(file);
      for (const m of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const target = path.resolve(path.dirname(file), m[1]);
        if (!target.startsWith(src + path.sep)) continue;
        const to = topFolder(target);
        if ((RANK[to] ?? Infinity) > (RANK[from] ?? -Infinity)) bad.push(`${path.relative(root, file)} imports ${to} ('${m[1]}')`);
      }
    }
    expect(bad).toEqual([]);
  });
});
