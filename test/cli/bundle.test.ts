/**
 * The command line's bundled start-up (bin/bundle.js): the same bytes on stdout and stderr and
 * the same exit status as the sources run through tsx; a bundle is rebuilt whenever a source
 * changed (checked on a temporary copy of the project, never by editing src/); processes
 * starting at once with no bundle yet all run correctly and leave a sound cache; a failed
 * build falls back to tsx.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { REFERENCE_DIR } from '../helpers/csv-small';
import { spawnAsync, type SpawnResult } from '../helpers/spawn-async';

const root = path.resolve(__dirname, '..', '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-bundle-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const ref = (f: string) => path.join(REFERENCE_DIR, f);
const mpdtaDid = ['did', '--data', ref('mpdta.csv'), '--y', 'lemp', '--time', 'year', '--id', 'countyreal', '--group', 'first.treat'];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bundle = require(path.join(root, 'bin', 'bundle.js')) as {
  freshBundle(root: string, name: string, commands: string[]): string | null;
  commandNames(root: string): string[];
  cacheDir(root: string): string;
};

const BUILDING = /^finsam-eval: building the \w+ bundle\n/gm;

/** The command in project `at`: bundled (FINSAM_DEBUG on, so a fallback to tsx would be said) or through tsx. */
function run(args: string[], how: 'bundle' | 'tsx', at = root, env: NodeJS.ProcessEnv = {}): Promise<SpawnResult> {
  const e: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete e.FINSAM_NO_BUNDLE;
  delete e.FINSAM_DEBUG;
  if (how === 'tsx') e.FINSAM_NO_BUNDLE = '1';
  else e.FINSAM_DEBUG = '1';
  return spawnAsync(process.execPath, [path.join(at, 'bin', 'finsam-eval'), ...args], { cwd: root, env: e, timeout: 120_000 });
}

/** Runs both ways and checks that the bundle was used and that they agree byte for byte. */
async function same(args: string[]): Promise<SpawnResult> {
  const b = await run(args, 'bundle');
  const t = await run(args, 'tsx');
  expect(b.stderr).not.toMatch(/running through tsx/);
  expect(b.status).toBe(t.status);
  expect(b.stdout).toBe(t.stdout);
  expect(b.stderr.replace(BUILDING, '')).toBe(t.stderr);
  return t;
}

/** A copy of the project (sources, launcher, settings; the installed packages linked) with no cache. */
function projectCopy(name: string): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  for (const f of ['src', 'bin']) fs.cpSync(path.join(root, f), path.join(dir, f), { recursive: true });
  for (const f of ['package.json', 'tsconfig.json']) fs.copyFileSync(path.join(root, f), path.join(dir, f));
  fs.symlinkSync(fs.realpathSync(path.join(root, 'node_modules')), path.join(dir, 'node_modules'));
  return dir;
}

describe('bundled and tsx runs agree byte for byte', () => {
  it('did --json (mpdta, DR with a covariate)', async () => {
    const r = await same([...mpdtaDid, '--covariates', 'lpop', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).att_gt.length).toBeGreaterThan(0);
  });

  it('did as text, with worker threads forced on', async () => {
    const r = await run([...mpdtaDid, '--covariates', 'lpop'], 'tsx');
    for (const threads of [{}, { FINSAM_THREADS: '2', FINSAM_PARALLEL_MIN: '0' }]) {
      const b = await run([...mpdtaDid, '--covariates', 'lpop'], 'bundle', root, threads);
      expect(b.status).toBe(0);
      expect(b.stdout).toBe(r.stdout);
    }
  });

  it('drdid (LaLonde, DR)', async () => {
    const args = ['drdid', '--data', ref('lalonde_cps.csv'), '--y', 're', '--time', 'year', '--id', 'id', '--treated', 'experimental'];
    expect((await same([...args, '--covariates', 'age,educ,black,married,nodegree,hisp,re74', '--method', 'dr', '--json'])).status).toBe(0);
    // More than two periods: a user error, in the same words.
    const many = await same(['drdid', '--data', ref('mpdta.csv'), '--y', 'lemp', '--time', 'year', '--id', 'countyreal', '--treated', 'treat']);
    expect(many.status).toBe(2);
    expect(many.stderr).toMatch(/^finsam-eval: drdid needs exactly two periods/);
  });

  it('twfe (survey panel), as JSON and as text', async () => {
    const args = ['twfe', '--data', ref('survey_panel.csv'), '--y', 'y', '--id', 'id', '--time', 'year', '--x', 'team,x1,x2'];
    expect((await same([...args, '--json'])).status).toBe(0);
    expect((await same(args)).status).toBe(0);
  });

  it('validate (a study, and a TypeScript dictionary module given with --schema)', async () => {
    expect((await same(['validate', '--study', 'team-rct', '--json'])).status).toBe(0);
    const schema = path.join(root, 'test', 'fixtures', 'data', 'mini-schema.ts');
    const r = await same(['validate', '--schema', schema, '--data', path.join(root, 'test', 'fixtures', 'data', 'mini'), '--json']);
    expect(r.status).toBe(0);
  });

  it('convert writes the same Parquet file and says the same', async () => {
    const outs = { bundle: path.join(tmp, 'b.parquet'), tsx: path.join(tmp, 't.parquet') };
    const args = (out: string) => ['convert', '--data', ref('mpdta.csv'), '--out', out, '--id', 'countyreal', '--time', 'year', '--time-kind', 'year'];
    const b = await run(args(outs.bundle), 'bundle');
    const t = await run(args(outs.tsx), 'tsx');
    expect([b.status, t.status]).toEqual([0, 0]);
    expect(b.stdout).toBe(t.stdout);
    expect(b.stderr.replace(BUILDING, '').replace(outs.bundle, 'OUT')).toBe(t.stderr.replace(outs.tsx, 'OUT'));
    expect(fs.readFileSync(outs.bundle).equals(fs.readFileSync(outs.tsx))).toBe(true);
  });

  it('--version and --help (the program and a command)', async () => {
    const v = await same(['--version']);
    expect(v.stdout).toBe(`${JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version}\n`);
    const h = await same(['--help']);
    for (const c of bundle.commandNames(root)) expect(h.stdout).toContain(`  ${c} `);
    expect((await same(['did', '--help'])).stdout).toMatch(/--covariates/);
    expect((await same([])).status).toBe(2);
  });

  it('errors exit 2 with the same words', async () => {
    const missing = await same([...mpdtaDid.slice(0, 4), 'nosuchcolumn', ...mpdtaDid.slice(5), '--json']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^finsam-eval: .*nosuchcolumn/m);
    expect(missing.stdout).toBe('');
    const noFile = await same(['twfe', '--data', path.join(tmp, 'absent.csv'), '--y', 'y', '--id', 'id', '--time', 'year', '--x', 'team']);
    expect(noFile.status).toBe(2);
    expect((await same(['nosuchcommand'])).status).toBe(2);
    expect((await same(['did', '--bogus-flag'])).status).toBe(2);
  });
});

describe('the bundle cache', () => {
  it('the did bundle carries its own worker entry, which starts without tsx', async () => {
    const commands = bundle.commandNames(root);
    await run(['did', '--help'], 'bundle');
    const main = bundle.freshBundle(root, 'did', commands);
    expect(main).not.toBeNull();
    const worker = path.join(path.dirname(main!), 'worker.js');
    expect(fs.readFileSync(main!, 'utf8')).toContain(JSON.stringify(worker));
    // The worker answers a ping (parallel.ts's readiness check) when loaded on its own.
    const w = new Worker(worker);
    try {
      const { port1, port2 } = new MessageChannel();
      const answered = new Promise((resolve) => port1.once('message', resolve));
      w.postMessage({ kind: 'ping', port: port2 }, [port2]);
      await answered;
      port1.close();
    } finally {
      await w.terminate();
    }
  });

  it('a changed source makes the next run rebuild, even with size and mtime restored', async () => {
    const at = projectCopy('stale');
    const first = await run(['--help'], 'bundle', at);
    expect(first.stderr).toMatch(BUILDING);
    const again = await run(['--help'], 'bundle', at);
    expect(again.stderr).toBe('');
    expect(again.stdout).toBe(first.stdout);

    // A module deep below the entry: the description main.ts gives the program.
    const file = path.join(at, 'src', 'cli', 'main.ts');
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.replace('Staggered DiD', 'Staggered DID'));
    const changed = await run(['--help'], 'bundle', at);
    expect(changed.stderr).toMatch(BUILDING);
    expect(changed.stdout).toContain('Staggered DID');

    // Same size, mtime set back (to a whole second, which utimes restores exactly): the ctime still differs.
    const T = 1_700_000_000;
    fs.utimesSync(file, T, T);
    expect((await run(['--help'], 'bundle', at)).stderr).toMatch(BUILDING);
    const st = fs.statSync(file);
    fs.writeFileSync(file, text.replace('Staggered DiD', 'Staggered DXD'));
    fs.utimesSync(file, T, T);
    expect([fs.statSync(file).size, fs.statSync(file).mtimeMs]).toEqual([st.size, st.mtimeMs]);
    const restored = await run(['--help'], 'bundle', at);
    expect(restored.stdout).toContain('Staggered DXD');

    // A new command file shows up in the program's help.
    fs.writeFileSync(
      path.join(at, 'src', 'cli', 'commands', 'hello.ts'),
      "import { Command } from 'commander';\nexport function register(p: Command): void {\n  p.command('hello').description('says hello').action(() => console.log('hello'));\n}\n",
    );
    const added = await run(['--help'], 'bundle', at);
    expect(added.stdout).toMatch(/\n {2}hello +says hello/);
    const hello = await run(['hello'], 'bundle', at);
    expect([hello.status, hello.stdout]).toEqual([0, 'hello\n']);

    // A changed command file changes that command's own bundle too.
    const twfe = path.join(at, 'src', 'cli', 'commands', 'twfe.ts');
    expect((await run(['twfe', '--help'], 'bundle', at)).stdout).not.toContain('TWFE!');
    fs.writeFileSync(twfe, fs.readFileSync(twfe, 'utf8').replace(".command('twfe')", ".command('twfe').summary('TWFE!')"));
    fs.appendFileSync(twfe, "\nexport const marker = 'TWFE!';\n");
    const t = await run(['--help'], 'bundle', at);
    expect(t.stdout).toContain('TWFE!');
  });

  it('first starts at once leave one sound cache and all print the same', async () => {
    const at = projectCopy('race');
    const args = [...mpdtaDid, '--covariates', 'lpop', '--json'];
    const expected = await run(args, 'tsx', at);
    expect(expected.status).toBe(0);
    const runs = await Promise.all([1, 2, 3, 4].map(() => run(args, 'bundle', at)));
    for (const r of runs) {
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/running through tsx/);
      expect(r.stdout).toBe(expected.stdout);
    }
    const cache = bundle.cacheDir(at);
    expect(fs.readdirSync(cache).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(bundle.freshBundle(at, 'did', bundle.commandNames(at))).not.toBeNull();
    const after = await run(args, 'bundle', at);
    expect(after.stderr).toBe('');
    expect(after.stdout).toBe(expected.stdout);
  });

  it('a build that cannot be written runs through tsx, said only with FINSAM_DEBUG', async () => {
    const at = projectCopy('readonly');
    fs.writeFileSync(path.join(at, '.cache'), 'not a directory');
    const args = ['twfe', '--data', ref('survey_panel.csv'), '--y', 'y', '--id', 'id', '--time', 'year', '--x', 'team', '--json'];
    const expected = await run(args, 'tsx');
    const debug = await run(args, 'bundle', at);
    expect(debug.stderr).toMatch(/^finsam-eval: running through tsx, bundling failed: /m);
    expect([debug.status, debug.stdout]).toEqual([0, expected.stdout]);
    const quiet = await spawnAsync(process.execPath, [path.join(at, 'bin', 'finsam-eval'), ...args], { env: { ...process.env, FINSAM_DEBUG: '', FINSAM_NO_BUNDLE: '' } });
    expect([quiet.status, quiet.stdout, quiet.stderr]).toEqual([0, expected.stdout, expected.stderr]);
  });
});
