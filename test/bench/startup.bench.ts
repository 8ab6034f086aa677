/**
 * npm run bench:startup — what a start of the command line costs, bundled (bin/bundle.js) and
 * through tsx (FINSAM_NO_BUNDLE=1), in fresh processes as a user runs them:
 *   - `--version` and `did --help`;
 *   - `did --json --timings` on the 12k benchmark panel (tmp/big12000.parquet or --data FILE;
 *     skipped when absent): process wall and CPU beside the command's own timings;
 *   - the first start with no cache (the build) on a temporary copy of the project;
 *   - a worker thread's start (new Worker until it answers a ping): the tsx shim
 *     src/estimate/worker.js against the bundle's worker.js.
 * Runs alternate between the two ways so that a change in the machine's load hits both.
 * Options: --runs N (default 5), --data FILE. Not a test: no timings in tests.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const bin = path.join(root, 'bin', 'finsam-eval');
const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const runs = Number(opt('--runs') ?? 5);
const data = opt('--data') ?? path.join(root, 'tmp', 'big12000.parquet');
const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bundle = require(path.join(root, 'bin', 'bundle.js')) as {
  freshBundle(root: string, name: string, commands: string[]): string | null;
  commandNames(root: string): string[];
};

interface Run {
  wall: number;
  cpu: number;
  stderr: string;
}

/** One process; wall from here, CPU (user + system, all threads) from /usr/bin/time when present. */
function once(args: string[], env: NodeJS.ProcessEnv): Run {
  const t0 = process.hrtime.bigint();
  const r = timeBin
    ? spawnSync(timeBin, ['-f', 'TIME %U %S', process.execPath, ...args], { encoding: 'utf8', env, maxBuffer: 1 << 28, stdio: ['ignore', 'ignore', 'pipe'] })
    : spawnSync(process.execPath, args, { encoding: 'utf8', env, maxBuffer: 1 << 28, stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const tm = /TIME ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { wall, cpu: tm ? Number(tm[1]) + Number(tm[2]) : NaN, stderr: r.stderr };
}

const bundled = { ...process.env, FINSAM_NO_BUNDLE: '', FINSAM_DEBUG: '' };
const tsx = { ...process.env, FINSAM_NO_BUNDLE: '1', FINSAM_DEBUG: '' };
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const f2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '-');
const span = (xs: number[]): string => `${f2(median(xs))} (${f2(Math.min(...xs))}-${f2(Math.max(...xs))})`;

/** The command's own timings (--timings on stderr), or NaN. */
function timings(r: Run): Record<string, number> {
  const m = /\{"load_s".*\}/.exec(r.stderr);
  return m ? (JSON.parse(m[0]) as Record<string, number>) : {};
}

function compare(label: string, args: string[], extra?: (rs: Run[]) => string): void {
  once([bin, ...args], bundled); // the bundle exists before timing
  const b: Run[] = [];
  const t: Run[] = [];
  for (let i = 0; i < runs; i++) {
    b.push(once([bin, ...args], bundled));
    t.push(once([bin, ...args], tsx));
  }
  const line = (how: string, rs: Run[]) =>
    `  ${how.padEnd(8)} wall ${span(rs.map((r) => r.wall))}  cpu ${span(rs.map((r) => r.cpu))}${extra ? `  ${extra(rs)}` : ''}`;
  console.log(`${label} (median of ${runs}, range)`);
  console.log(line('bundled', b));
  console.log(line('tsx', t));
  if (extra) for (const [how, rs] of [['bundled', b], ['tsx', t]] as const) rs.forEach((r, i) => console.log(`    ${how} ${i + 1}: wall ${f2(r.wall)} cpu ${f2(r.cpu)} ${extra([r])}`));
}

/** A copy of the project with no cache: the first start builds. */
function coldStart(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-startup-'));
  try {
    for (const f of ['src', 'bin']) fs.cpSync(path.join(root, f), path.join(dir, f), { recursive: true });
    for (const f of ['package.json', 'tsconfig.json']) fs.copyFileSync(path.join(root, f), path.join(dir, f));
    fs.symlinkSync(fs.realpathSync(path.join(root, 'node_modules')), path.join(dir, 'node_modules'));
    const b = path.join(dir, 'bin', 'finsam-eval');
    const rows: string[] = [];
    for (const args of [['did', '--help'], ['--version'], ['--help']]) {
      const first = once([b, ...args], bundled);
      const second = once([b, ...args], bundled);
      rows.push(`  ${args.join(' ').padEnd(12)} first (builds) ${f2(first.wall)} s wall, ${f2(first.cpu)} cpu; then ${f2(second.wall)} s wall`);
    }
    console.log('first start with no cache (a temporary copy of the project)');
    for (const r of rows) console.log(r);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts `count` workers one after another on `entry` in a fresh process; each one's seconds to a ping's answer. */
function workerStarts(entry: string, count: number): number[] {
  const script = `
    const { Worker, MessageChannel } = require('node:worker_threads');
    (async () => {
      const out = [];
      for (let i = 0; i < ${count}; i++) {
        const t0 = process.hrtime.bigint();
        const w = new Worker(${JSON.stringify(entry)});
        const { port1, port2 } = new MessageChannel();
        await new Promise((resolve) => { port1.once('message', resolve); w.postMessage({ kind: 'ping', port: port2 }, [port2]); });
        out.push(Number(process.hrtime.bigint() - t0) / 1e9);
        port1.close();
        await w.terminate();
      }
      console.log(JSON.stringify(out));
    })();`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as number[];
}

function main(): void {
  console.log(`bench:startup on ${os.cpus().length} cores; load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}; seconds`);
  compare('--version', ['--version']);
  compare('did --help', ['did', '--help']);
  if (fs.existsSync(data)) {
    const args = ['did', '--data', data, '--y', 'y', '--time', 'month', '--id', 'id', '--group', 'g', '--covariates', 'x1,x2,x3,x4,x5,x6,x7,x8', '--control', 'never', '--json', '--timings'];
    compare(`did --json --timings on ${path.basename(data)}`, args, (rs) => {
      const m = (k: string) => f2(median(rs.map((r) => timings(r)[k] ?? NaN)));
      const outside = median(rs.map((r) => r.wall - (timings(r).total_s ?? NaN)));
      return `read ${m('load_s')} est ${m('estimate_s')} agg ${m('aggregate_s')} timed ${m('total_s')}; outside the timed part ${f2(outside)}`;
    });
  } else {
    console.log(`did on the 12k panel skipped: ${data} is absent (node ../shared/bench/make_big_panel.mjs, then finsam-eval convert)`);
  }
  coldStart();
  once([bin, 'did', '--help'], bundled);
  const main = bundle.freshBundle(root, 'did', bundle.commandNames(root));
  if (!main) throw new Error('the did bundle was not built');
  console.log('a worker thread, started 5 times one after another in one process (first, then the rest)');
  for (const [how, entry] of [
    ['tsx shim', path.join(root, 'src', 'estimate', 'worker.js')],
    ['bundled', path.join(path.dirname(main), 'worker.js')],
  ] as const) {
    const s = workerStarts(entry, 5);
    console.log(`  ${how.padEnd(9)} ${s.map(f2).join(' ')}`);
  }
  console.log(`load average at the end ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}`);
}

main();
