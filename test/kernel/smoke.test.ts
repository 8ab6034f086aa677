import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeNotebookAsync, streamText } from '../helpers/notebook';

const fixtures = path.join(__dirname, '..', 'fixtures');

describe('tslab kernel from the project kernel spec', () => {
  it('runs a notebook that imports ./src root-relative', async () => {
    const nb = await executeNotebookAsync(path.join(fixtures, 'smoke.ipynb'), 120);
    expect(nb.status, nb.stderr).toBe(0);
    expect(streamText(nb)).toBe('2019-08\n112\n');
    expect(nb.events.filter((e) => e.event === 'cell')).toHaveLength(2);
  }, 300_000);

  it('reports a failing cell with its index and the compiler message', async () => {
    const nb = await executeNotebookAsync(path.join(fixtures, 'smoke-error.ipynb'), 120);
    expect(nb.status).toBe(3);
    const err = nb.events.find((e) => e.event === 'error') as { cell: number; lines: string[] };
    expect(err.cell).toBe(3);
    expect(err.lines.join('\n')).toMatch(/not assignable to type 'number'/);
  }, 300_000);
});
