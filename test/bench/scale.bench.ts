/**
 * npm run bench:scale — the command line at register scale: the shared benchmark panel
 * (make_big_panel.mjs, N persons x 115 months, DR with x1..x8) at 12,000 and 120,000 persons
 * (and 1,200,000 with --huge: several GB and minutes), from CSV and from Parquet, with
 * never-treated and not-yet-treated controls. Every run is a fresh `finsam-eval did --json
 * --timings` process, as a user runs it; printed per size: reading, estimation, aggregation
 * (the four aggregations and the Wald pre-test), the whole process (wall and CPU seconds)
 * and its peak RSS, beside R did's figures from shared/bench/README.md, then the growth
 * exponent of each step between sizes (time ~ N^b; b = 1 is linear).
 *
 *   npm run bench:scale [-- --sizes 12000,120000] [--huge] [--dir tmp] [--no-csv] [--keep]
 *   (--no-csv: Parquet only; an existing Parquet file is then used without its CSV, which at
 *   1.2 M persons is 5.7 GB and 5 minutes to generate)
 *
 * Data files go to --dir (default: tmp/ in the project, gitignored) and are deleted at the
 * end unless --keep. The Parquet file of each size is written by `finsam-eval convert` up to
 * 120,000 persons; at 1.2 M by DuckDB straight from the generator's CSV (the CSV reader would
 * hold every column per row: about 15 GB), so that size measures reading Parquet, not
 * converting.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run as duckRun, sqlString } from '../../src/data/duckdb';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const flag = (name: string): boolean => process.argv.includes(`--${name}`);

const root = path.resolve(__dirname, '..', '..');
// The shared generator: FINSAM_BENCH_DIR, else shared/bench beside the checkout (or beside its parent, for worktrees).
const generator =
  [process.env.FINSAM_BENCH_DIR, path.resolve(root, '..', 'shared', 'bench'), path.resolve(root, '..', '..', 'shared', 'bench')]
    .filter((d): d is string => !!d)
    .map((d) => path.join(d, 'make_big_panel.mjs'))
    .find((f) => fs.existsSync(f)) ?? path.resolve(root, '..', 'shared', 'bench', 'make_big_panel.mjs');
const dir = path.resolve(arg('dir', path.join(root, 'tmp')));
const sizes = arg('sizes', '12000,120000').split(',').map(Number);
if (flag('huge') && !sizes.includes(1_200_000)) sizes.push(1_200_000);
const withCsv = !flag('no-csv');
const bin = path.join(root, 'bin', 'finsam-eval');
const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** R did 2.5.1 on the 12,000-person panel (shared/bench/README.md; not-yet-treated: the register-scale issue). */
const R_12K = { never: 'att_gt + simple + dynamic 25.1-27.9 s, fread 0.85 s, max RSS 1.18 GiB', notyet: 'att_gt 31-34 s' };

interface Run {
  load: number;
  estimate: number;
  aggregate: number;
  total: number;
  wall: number;
  cpu: number;
  rssMb: number;
}

function did(data: string, control: 'never' | 'notyet'): Run {
  const args = [bin, 'did', '--data', data, '--y', 'y', '--time', 'month', '--id', 'id', '--group', 'g', '--covariates', 'x1,x2,x3,x4,x5,x6,x7,x8', '--control', control, '--json', '--timings'];
  const t0 = process.hrtime.bigint();
  // /usr/bin/time gives the child's CPU seconds (user + system, worker threads included).
  const r = timeBin
    ? spawnSync(timeBin, ['-f', 'TIME %e %U %S %M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'ignore', 'pipe'] })
    : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`did failed on ${data}: ${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  const t = JSON.parse(lines.find((l) => l.startsWith('{"load_s"'))!);
  const tm = lines.find((l) => l.startsWith('TIME '))?.split(' ').map(Number);
  return {
    load: t.load_s,
    estimate: t.estimate_s,
    aggregate: t.aggregate_s,
    total: t.total_s,
    wall: tm ? tm[1] : wall,
    cpu: tm ? tm[2] + tm[3] : NaN,
    rssMb: tm ? tm[4] / 1024 : t.peak_rss_mb,
  };
}

async function prepare(n: number): Promise<{ csv: string; parquet: string; convertS: number | null; csvMb: number; parquetMb: number }> {
  fs.mkdirSync(dir, { recursive: true });
  const csv = path.join(dir, `big${n}.csv`);
  const parquet = path.join(dir, `big${n}.parquet`);
  // The CSV only when it is measured or the Parquet file must be written from it (at 1.2 M it is 5.7 GB).
  if (!fs.existsSync(csv) && (withCsv || !fs.existsSync(parquet))) {
    if (!fs.existsSync(generator)) throw new Error(`the benchmark generator ${generator} is missing`);
    process.stderr.write(`generating ${csv} …\n`);
    const g = spawnSync(process.execPath, [generator, csv, '--units', String(n)], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (g.status !== 0) throw new Error(`the generator failed (status ${g.status})`);
  }
  let convertS: number | null = null;
  if (!fs.existsSync(parquet)) {
    const t0 = process.hrtime.bigint();
    if (n <= 120_000) {
      const r = spawnSync(process.execPath, [bin, 'convert', '--data', csv, '--out', parquet, '--id', 'id', '--time', 'month'], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`convert failed: ${r.stderr}`);
    } else {
      const types = `{'id': 'INTEGER', 'month': 'INTEGER', 'g': 'INTEGER', 'y': 'DOUBLE', 'x1': 'INTEGER', 'x2': 'INTEGER', 'x3': 'INTEGER', 'x4': 'INTEGER', 'x5': 'INTEGER', 'x6': 'INTEGER', 'x7': 'INTEGER', 'x8': 'INTEGER'}`;
      await duckRun(`COPY (SELECT * FROM read_csv(${sqlString(csv)}, header = true, columns = ${types})) TO ${sqlString(parquet)} (FORMAT parquet, COMPRESSION zstd)`);
    }
    convertS = Number(process.hrtime.bigint() - t0) / 1e9;
  }
  return { csv, parquet, convertS, csvMb: fs.existsSync(csv) ? fs.statSync(csv).size / 1e6 : NaN, parquetMb: fs.statSync(parquet).size / 1e6 };
}

const f2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '–');
const exponent = (a: number, b: number, na: number, nb: number): string => (a > 0 && b > 0 ? (Math.log(b / a) / Math.log(nb / na)).toFixed(2) : '–');

async function main(): Promise<void> {
  const results: { n: number; key: string; run: Run }[] = [];
  const os = await import('node:os');
  console.log(`bench:scale on ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; load average ${os.loadavg().map((v) => v.toFixed(1)).join(' ')}`);
  console.log('seconds; "aggregate" = four aggregations + Wald pre-test; wall/cpu/RSS of the whole did process\n');
  console.log('persons    input    control  read    estimate  aggregate  est+agg  process wall  cpu    peak RSS');
  // The command line builds its bundle on the first run after a source changed (bin/bundle.js): not in any timed run.
  spawnSync(process.execPath, [bin, 'did', '--help'], { stdio: 'ignore' });
  for (const n of sizes) {
    const files = await prepare(n);
    const note = `${n.toLocaleString('en-US')} persons: CSV ${Number.isFinite(files.csvMb) ? `${files.csvMb.toFixed(0)} MB` : 'not written'}, Parquet ${files.parquetMb.toFixed(0)} MB${files.convertS !== null ? ` (written in ${f2(files.convertS)} s${n > 120_000 ? ' by DuckDB' : ' by finsam-eval convert'})` : ''}`;
    console.log(`# ${note}`);
    const runs: [string, string, 'never' | 'notyet'][] = [
      ...(withCsv ? ([['csv', files.csv, 'never']] as [string, string, 'never'][]) : []),
      ['parquet', files.parquet, 'never'],
      ['parquet', files.parquet, 'notyet'],
    ];
    for (const [input, file, control] of runs) {
      const r = did(file, control);
      results.push({ n, key: `${input} ${control}`, run: r });
      console.log(
        `${String(n).padEnd(10)} ${input.padEnd(8)} ${control.padEnd(8)} ${f2(r.load).padStart(6)}  ${f2(r.estimate).padStart(8)}  ${f2(r.aggregate).padStart(9)}  ${f2(r.estimate + r.aggregate).padStart(7)}  ${f2(r.wall).padStart(12)}  ${f2(r.cpu).padStart(5)}  ${r.rssMb.toFixed(0).padStart(6)} MB`,
      );
    }
    if (n === 12_000) console.log(`           R did 2.5.1 (12,000): never ${R_12K.never}; not yet treated ${R_12K.notyet}`);
    if (!flag('keep')) {
      for (const f of [files.csv, files.parquet]) fs.rmSync(f, { force: true });
    }
  }
  if (sizes.length > 1) {
    console.log('\ngrowth exponent b (time ~ persons^b) between consecutive sizes');
    console.log('input/control       sizes              read  estimate  aggregate  process  peak RSS');
    const keys = Array.from(new Set(results.map((r) => r.key)));
    for (const key of keys) {
      const rs = results.filter((r) => r.key === key);
      for (let i = 1; i < rs.length; i++) {
        const a = rs[i - 1];
        const b = rs[i];
        console.log(
          `${key.padEnd(18)}  ${`${a.n}->${b.n}`.padEnd(17)}  ${exponent(a.run.load, b.run.load, a.n, b.n).padStart(4)}  ${exponent(a.run.estimate, b.run.estimate, a.n, b.n).padStart(8)}  ${exponent(a.run.aggregate, b.run.aggregate, a.n, b.n).padStart(9)}  ${exponent(a.run.wall, b.run.wall, a.n, b.n).padStart(7)}  ${exponent(a.run.rssMb, b.run.rssMb, a.n, b.n).padStart(8)}`,
        );
      }
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
