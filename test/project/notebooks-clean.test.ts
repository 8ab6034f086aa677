import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

// Notebooks are source: committed without outputs or execution counts (JupyterLab's autosave
// writes them in), each cell with an id, on the project's kernel.
const dir = path.resolve(__dirname, '..', '..', 'notebooks');
const notebooks = fs.readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort();

describe('notebooks are committed as clean source', () => {
  it('finds the report chapters', () => {
    expect(notebooks.length).toBeGreaterThanOrEqual(6);
  });

  for (const file of notebooks) {
    it(`${file} has no outputs, no execution counts, cell ids and the tslab kernel`, () => {
      const nb = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      expect(nb.metadata.kernelspec.name).toBe('tslab');
      const ids = new Set<string>();
      for (const [i, cell] of nb.cells.entries()) {
        expect(typeof cell.id, `${file} cell ${i + 1} id`).toBe('string');
        ids.add(cell.id);
        if (cell.cell_type !== 'code') continue;
        expect(cell.outputs, `${file} cell ${i + 1} outputs`).toEqual([]);
        expect(cell.execution_count, `${file} cell ${i + 1} execution_count`).toBeNull();
      }
      expect(ids.size).toBe(nb.cells.length);
    });
  }
});
