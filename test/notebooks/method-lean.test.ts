/**
 * notebooks/learners/06-method-lean.ipynb (the learners' workbook, not rendered): runs
 * headless without errors and prints its comparison tables.
 */
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { executeNotebookAsync, streamText, type ExecutedNotebook } from '../helpers/notebook';

const NOTEBOOK = path.resolve(__dirname, '..', '..', 'notebooks', 'learners', '06-method-lean.ipynb');
let run: ExecutedNotebook;

beforeAll(async () => {
  run = await executeNotebookAsync(NOTEBOOK, 400);
}, 500_000);

describe('06-method-lean workbook', () => {
  it('runs without errors and prints every experiment', () => {
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    expect(streamText(run, 'stderr')).toBe('');
    const out = streamText(run);
    for (const word of ['callawaySantAnna', 'sunAbraham', 'twfeEventStudy', 'notyet', 'ipw-std', 'Wald pre-test', 'WCR p-value', 'rejectsTruth']) expect(out).toContain(word);
  });
});
