/**
 * `npm run synth [-- --seed N] [--out DIR] [--study NAME ...]`
 *
 * Writes every study's synthetic data to <out>/<study>/ (default data-synthetic/out). The
 * same seed gives byte-identical files. Each study is generated into a temporary sibling
 * directory that replaces the old one only when complete, so a failed run leaves the
 * previous data intact.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatorFingerprint, stampStudies } from './fresh';
import { simulateTeamRct, writeTeamRct } from './team-rct';
import { generateTeamSurvey } from './team-survey';

export const DEFAULT_SEED = 2024;
export const STUDIES = ['team-rct', 'team-survey', 'malmokraften'] as const;

interface Options {
  seed: number;
  out: string;
  studies: string[];
}

export const USAGE = `usage: npm run synth -- [--seed N] [--out DIR] [--study ${STUDIES.join('|')}]...
Writes the synthetic data of the studies (default: all three) to data-synthetic/out/<study>/.
  --seed N       seed of the random generator (default ${DEFAULT_SEED})
  --out DIR      output directory (default data-synthetic/out)
  --study NAME   one study; repeat or separate with commas for several
  --help         this text`;

function usage(message: string): never {
  const err = new Error(`${message}\n${USAGE}`);
  err.name = 'UserError';
  throw err;
}

export function parseArgs(argv: readonly string[]): Options {
  const opts: Options = { seed: DEFAULT_SEED, out: path.join(__dirname, 'out'), studies: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i] ?? usage(`${flag} needs a value`);
    if (flag === '--seed') {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) > 0xffffffff) usage(`--seed must be a whole number 0..4294967295, got "${v}"`);
      opts.seed = Number(v);
    } else if (flag === '--out') opts.out = path.resolve(value());
    else if (flag === '--study') {
      for (const s of value().split(',')) {
        if (!(STUDIES as readonly string[]).includes(s)) usage(`unknown study "${s}"; valid studies: ${STUDIES.join(', ')}`);
        opts.studies.push(s);
      }
    } else if (flag === '--help' || flag === '-h') usage('Writes the synthetic data of the three studies.');
    else usage(`unknown argument "${a}"`);
  }
  if (opts.studies.length === 0) opts.studies = [...STUDIES];
  return opts;
}

type Generator = (dir: string, seed: number) => Promise<void>;

/** The Malmökraften generator is its own module (data-synthetic/malmokraften/index.ts). */
function malmokraftenGenerator(): Generator {
  const file = path.join(__dirname, 'malmokraften', 'index.ts');
  if (!fs.existsSync(file)) {
    const err = new Error(`the Malmökraften generator (${file}) does not exist yet`);
    err.name = 'UserError';
    throw err;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('./malmokraften') as { generateMalmokraften: (dir: string, seed: number) => Promise<unknown> };
  return async (dir, seed) => {
    await mod.generateMalmokraften(dir, seed);
  };
}

/** Generates into <out>/.<study>.tmp and swaps it in when done. */
export async function intoDirectory(out: string, study: string, generate: (dir: string) => Promise<void>): Promise<string> {
  const final = path.join(out, study);
  const tmp = path.join(out, `.${study}.tmp-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  try {
    await generate(tmp);
    fs.rmSync(final, { recursive: true, force: true });
    fs.renameSync(tmp, final);
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  return final;
}

function describeDir(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => {
      const full = path.join(dir, f);
      const size = fs.statSync(full).size;
      const rows = f.endsWith('.csv') ? countLines(full) - 1 : undefined;
      return `  ${f.padEnd(16)} ${rows === undefined ? ''.padStart(10) : String(rows).padStart(10)} rows ${(size / 1e6).toFixed(2).padStart(8)} MB`;
    });
}

function countLines(file: string): number {
  const buf = fs.readFileSync(file);
  let n = 0;
  for (let i = 0; i < buf.length; i++) if (buf[i] === 10) n++;
  return n;
}

export async function synth(opts: Options, log: (line: string) => void = console.log): Promise<void> {
  const t0 = Date.now();
  // Taken before generating, so an edit during the run leaves the data marked outdated.
  const fingerprint = generatorFingerprint();
  fs.mkdirSync(opts.out, { recursive: true });
  let rct: ReturnType<typeof simulateTeamRct> | undefined;
  const needRct = opts.studies.includes('team-rct') || opts.studies.includes('team-survey');
  if (needRct) rct = simulateTeamRct(opts.seed);
  for (const study of opts.studies) {
    const t = Date.now();
    let dir: string;
    if (study === 'team-rct') dir = await intoDirectory(opts.out, study, async (d) => void writeTeamRct(rct!, d));
    else if (study === 'team-survey') dir = await intoDirectory(opts.out, study, async (d) => void generateTeamSurvey(rct!, d, opts.seed));
    else {
      const gen = malmokraftenGenerator();
      dir = await intoDirectory(opts.out, study, (d) => gen(d, opts.seed));
    }
    log(`${study} (seed ${opts.seed}) -> ${path.relative(process.cwd(), dir) || dir}  [${((Date.now() - t) / 1000).toFixed(1)} s]`);
    for (const line of describeDir(dir)) log(line);
    stampStudies(opts.out, [study], fingerprint);
  }
  log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

function fail(err: Error): void {
  if (err.name === 'UserError') {
    process.stderr.write(`synth: ${err.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`synth: ${err.stack ?? err.message}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) process.stdout.write(`${USAGE}\n`);
  else {
    try {
      synth(parseArgs(argv)).catch(fail);
    } catch (err) {
      // A usage error in the arguments: the message and the usage, no stack trace.
      fail(err as Error);
    }
  }
}
