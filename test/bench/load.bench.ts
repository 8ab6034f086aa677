/**
 * npm run bench:load — loads the 12,000-unit x 115-month benchmark panel (1.38 million
 * rows, 12 columns) with readPanelCsv and prints the load time and the peak RSS.
 * Target: at most 3 s and 500 MB. The CSV is generated once by the shared generator.
 *
 *   npm run bench:load [-- --file /tmp/big_panel.csv] [--runs 3] [--chunk 1048576]
 *   FINSAM_CSV_READER=js npm run bench:load      # the JavaScript reader (default: the engine from 16 MB)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readPanelCsv } from '../../src/data/load';
import { engineLog } from '../../src/data/read-csv-engine';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const generator = path.resolve(__dirname, '..', '..', '..', 'shared', 'bench', 'make_big_panel.mjs');
const file = arg('file', path.join(os.tmpdir(), 'finsam_big_panel.csv'));
const runs = Number(arg('runs', '1'));
const chunkBytes = Number(arg('chunk', String(1 << 16)));

async function main(): Promise<void> {
  if (!fs.existsSync(file)) {
    if (!fs.existsSync(generator)) throw new Error(`the benchmark generator ${generator} is missing`);
    process.stderr.write(`generating ${file} …\n`);
    const g = spawnSync(process.execPath, [generator, file], { stdio: 'inherit' });
    if (g.status !== 0) throw new Error(`the generator failed (status ${g.status})`);
  }
  const mb = fs.statSync(file).size / 1e6;
  const rssBefore = process.resourceUsage().maxRSS / 1024;
  for (let k = 0; k < runs; k++) {
    const t0 = process.hrtime.bigint();
    const p = await readPanelCsv(file, {
      id: 'id',
      time: 'month',
      timeKind: 'integer',
      columns: ['y'],
      perUnit: ['g', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8'],
      chunkBytes,
    });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const peak = process.resourceUsage().maxRSS / 1024;
    let treated = 0;
    for (const g of p.unitCols.g) if (g > 0) treated++;
    // FINSAM_CSV_READER=js|engine|auto chooses the reader (src/data/README.md); say which read the file.
    const reader = engineLog.last?.file === file ? (engineLog.last.used ? 'engine' : `JavaScript (${engineLog.last.reason})`) : 'JavaScript';
    console.log(
      `load ${file} (${mb.toFixed(1)} MB, ${reader} reader): ${p.nUnits} units x ${p.periods.length} periods = ${p.nRows} rows, ${treated} treated; ` +
        `${seconds.toFixed(2)} s, peak RSS ${peak.toFixed(0)} MB (before loading ${rssBefore.toFixed(0)} MB)` +
        `  [target <= 3 s, <= 500 MB: ${seconds <= 3 && peak <= 500 ? 'met' : 'MISSED'}]`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
