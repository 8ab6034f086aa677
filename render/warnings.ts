/**
 * The notebooks' warnings: each notebook's kernel appends what the reading rules and the
 * estimators warn about to its own file (FINSAM_WARNINGS_DIR/<k>.jsonl, see
 * render/run_notebook.py and src/data/warnings.ts). The render prints a notebook's
 * sample-changing warnings in its progress output, records them in manifest.json, and with
 * --strict refuses to publish when there are any.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface NotebookWarning {
  /** "data" (a reading rule) or the estimator ("attgt", "twfe"). */
  source: string;
  message: string;
  /** How many times the notebook raised it (a model fitted for several outcomes repeats it). */
  times: number;
}

/** Notebook k's sample-changing warnings, each once with its count, in order of first appearance. */
export function readNotebookWarnings(dir: string, k: number): NotebookWarning[] {
  const file = path.join(dir, `${k}.jsonl`);
  if (!fs.existsSync(file)) return [];
  const seen = new Map<string, NotebookWarning>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let w: { source?: string; message?: string; changesSample?: boolean };
    try {
      w = JSON.parse(line);
    } catch {
      continue; // a line cut short by a killed kernel
    }
    if (!w.changesSample || typeof w.message !== 'string') continue;
    const key = `${w.source}\u0000${w.message}`;
    const had = seen.get(key);
    if (had) had.times++;
    else seen.set(key, { source: w.source ?? 'data', message: w.message, times: 1 });
  }
  return [...seen.values()];
}

/** One progress line per warning. */
export function warningLines(label: string, warnings: readonly NotebookWarning[]): string[] {
  return warnings.map((w) => `${label}: warning (${w.source}${w.times > 1 ? `, ${w.times} times` : ''}): ${w.message}`);
}
