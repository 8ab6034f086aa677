/** Shared by the team-rct notebook tests: synthetic data present, the items a notebook showed. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SEED, synth } from '../../data-synthetic/main';
import { projectRoot } from '../../src/data/study';
import { ITEM_MIME, type ReportFigure, type ReportItem, type ReportTable, type ReportText } from '../../src/report/model';
import { outputs, type ExecutedNotebook } from '../helpers/notebook';

/** The synthetic team-rct data the notebooks read (generated if missing, never overwritten). */
export async function ensureTeamRctData(): Promise<string> {
  const out = path.join(projectRoot, 'data-synthetic', 'out');
  const dir = path.join(out, 'team-rct');
  if (!process.env.FINSAM_DATA && !fs.existsSync(path.join(dir, 'truth.json'))) await synth({ seed: DEFAULT_SEED, out, studies: ['team-rct'] }, () => {});
  return process.env.FINSAM_DATA ? path.join(process.env.FINSAM_DATA, 'team-rct') : dir;
}

export function notebookPath(name: string): string {
  return path.join(projectRoot, 'notebooks', name);
}

export interface ShownItems {
  tables: Map<string, ReportTable>;
  figures: Map<string, ReportFigure>;
  texts: ReportText[];
}

export function shownItems(nb: ExecutedNotebook): ShownItems {
  const items = outputs(nb)
    .map((o) => o.data?.[ITEM_MIME] as ReportItem | undefined)
    .filter((x): x is ReportItem => x !== undefined);
  const tables = new Map<string, ReportTable>();
  const figures = new Map<string, ReportFigure>();
  const texts: ReportText[] = [];
  for (const it of items) {
    if (it.kind === 'table') tables.set(it.id, it);
    else if (it.kind === 'figure') figures.set(it.id, it);
    else texts.push(it);
  }
  return { tables, figures, texts };
}

/** Error outputs and stderr streams of an executed notebook (should be none). */
export function errorOutputs(nb: ExecutedNotebook): string[] {
  return outputs(nb)
    .filter((o) => o.output_type === 'error' || (o.output_type === 'stream' && o.name === 'stderr'))
    .map((o) => (o.output_type === 'error' ? `${o.ename}: ${o.evalue}` : String(Array.isArray(o.text) ? o.text.join('') : o.text)));
}
