import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeNotebookAsync, streamText } from '../helpers/notebook';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { root, jupyterEnv, python } = require('../../bin/jupyter-env.js');
const fixtures = path.join(__dirname, '..', 'fixtures');

// The project's kernel launcher (jupyter/kernels/tslab/kernel.js) on top of tslab.
describe('the project tslab kernel launcher', () => {
  it('stack traces of library code name the .ts file and its line', async () => {
    const nb = await executeNotebookAsync(path.join(fixtures, 'kernel-stack.ipynb'), 120);
    expect(nb.status, nb.stderr).toBe(0);
    const out = streamText(nb);
    expect(out).toMatch(/the data directory does not exist/);
    expect(out).toMatch(/src\/data\/study\.ts:\d+:\d+/);
    expect(out).not.toMatch(/src\/data\/study\.js/);
  });

  it('answers history_request with an empty history and logs no "unknown msg_type"', async () => {
    const script = `
import sys, jupyter_client
km = jupyter_client.KernelManager(kernel_name='tslab')
km.start_kernel(cwd=${JSON.stringify(root)})
kc = km.client(); kc.start_channels()
try:
    kc.wait_for_ready(timeout=90)
    msg_id = kc.history(hist_access_type='tail', n=10)
    while True:  # skip the kernel_info_reply of wait_for_ready
        reply = kc.get_shell_msg(timeout=30)
        if reply['parent_header'].get('msg_id') == msg_id:
            break
    print(reply['msg_type'], reply['content']['status'], len(reply['content']['history']))
finally:
    kc.stop_channels(); km.shutdown_kernel(now=True)
`;
    const res = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(python, ['-c', script], { cwd: root, env: jupyterEnv(), timeout: 150_000 });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += String(d)));
      child.stderr.on('data', (d) => (stderr += String(d)));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout.trim()).toBe('history_reply ok 0');
    expect(res.stderr).not.toMatch(/unknown msg_type/);
  });
});
