/**
 * The data layer under the real tslab kernel (its TypeScript 5.0, the kernel started in
 * the project root): a notebook imports './src/data', loads a study, cuts a window and
 * builds a danfo frame.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeNotebookAsync, streamText } from '../helpers/notebook';

describe('the data layer in a notebook', () => {
  it('loads a study, applies a verb and converts to danfo through the tslab kernel', async () => {
    const nb = await executeNotebookAsync(path.join(__dirname, '..', 'fixtures', 'data', 'load-study.ipynb'));
    expect(nb.status, nb.stderr).toBe(0);
    expect(streamText(nb).trim().split('\n')).toEqual(['true', '{"study":"mini","units":4,"rows":24,"periods":6,"treated":2,"control":2}', '8 2x9']);
  }, 300_000);
});
