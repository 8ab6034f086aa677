// The command line's start-up from bundled JavaScript (see src/cli/README.md).
//
// Loading ~100 TypeScript modules through tsx cost about 0.5 s at every start. Instead,
// bin/finsam-eval runs one esbuild bundle per command (only that command's code, as the lazy
// loading in src/cli/main.ts does), built from the sources on first use into
// .cache/finsam-eval/ under the project root. The sources stay the single copy: notebooks and
// tests keep running them through tsx, tslab and vitest.
//
// A bundle is never stale: its manifest lists every file esbuild read with its size, mtime and
// ctime, taken before the file was read, and a start compares them all (about 1 ms); any
// difference rebuilds. ctime cannot be set back by a tool, so an edit that restores size and
// mtime is still seen. Builds go into a directory of their own and the manifest, which names
// it, is replaced by a rename, so processes starting at once never see a half-written bundle.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** Bump when the manifest's shape or the build's meaning changes (this file is an input too). */
const FORMAT = 1;

/** Superseded build directories are removed after this long (a running process may still use one). */
const KEEP_OLD_MS = 60 * 60 * 1000;

function cacheDir(root) {
  // In the project, not node_modules/.cache: node_modules may be shared between clones
  // (worktrees link one install), and each clone's bundles embed its own paths.
  return path.join(root, '.cache', 'finsam-eval');
}

/** The subcommands, as src/cli/main.ts lists them: one file each in src/cli/commands/. */
function commandNames(root) {
  return fs
    .readdirSync(path.join(root, 'src', 'cli', 'commands'))
    .filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/** The bundle a run needs: its command's, or "all" (help, no or unknown command). */
function bundleName(argv, commands) {
  const first = argv[2];
  if (argv.length === 3 && (first === '--version' || first === '-V')) return 'version';
  return first !== undefined && commands.includes(first) ? first : 'all';
}

function stampOf(file) {
  const st = fs.statSync(file, { throwIfNoEntry: false });
  return st ? [st.size, st.mtimeMs, st.ctimeMs] : null;
}

/** Inputs are kept relative to the root when inside it (readable), absolute otherwise (esbuild's package.json). */
function rel(root, file) {
  const r = path.relative(root, file);
  return r.startsWith('..') || path.isAbsolute(r) ? file : r;
}

/** The fresh bundle's main file for `name`, or null (missing, another clone's, or any input changed). */
function freshBundle(root, name, commands) {
  const dir = cacheDir(root);
  let m;
  try {
    m = JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8'));
  } catch {
    return null;
  }
  if (m.format !== FORMAT || m.root !== root || m.commands.join(',') !== commands.join(',')) return null;
  for (const [file, size, mtime, ctime] of m.inputs) {
    const s = stampOf(path.resolve(root, file));
    if (!s || s[0] !== size || s[1] !== mtime || s[2] !== ctime) return null;
  }
  const main = path.join(dir, m.dir, 'main.js');
  return fs.existsSync(main) ? main : null;
}

/** The entry module of a bundle: main() with its command modules passed in (no directory listing at run time). */
function entrySource(name, commands) {
  const mods = name === 'all' ? commands : name === 'version' ? [] : [name];
  const table = mods.map((c) => `  ${JSON.stringify(c)}: require(${JSON.stringify(`./src/cli/commands/${c}.ts`)}),`).join('\n');
  return `'use strict';\nconst { main } = require('./src/cli/main.ts');\nconst commands = {\n${table}\n};\nmodule.exports = (argv) => main(argv, commands);\n`;
}

const LOADERS = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.js': 'js', '.cjs': 'js', '.mjs': 'js', '.json': 'json' };

/**
 * Builds `name`'s bundle (and the worker threads' entry beside it) into a new directory and
 * then points the manifest at it. Returns the main file.
 */
async function build(root, name, commands) {
  const esbuild = require('esbuild');
  const dir = cacheDir(root);
  fs.mkdirSync(dir, { recursive: true });
  const id = `${name}-${process.pid.toString(36)}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const out = path.join(dir, id);

  const stamps = new Map();
  const stamp = (file) => {
    if (!stamps.has(file)) {
      const s = stampOf(file);
      if (!s) throw new Error(`${file} vanished during the build`);
      stamps.set(file, s);
    }
  };
  // What else decides the bundle's code: the build itself, the compiler, the TypeScript settings.
  stamp(__filename);
  stamp(require.resolve('esbuild/package.json'));
  stamp(path.join(root, 'tsconfig.json'));
  stamp(path.join(root, 'package.json')); // e.g. its "type" decides how esbuild reads .js files

  const sources = {
    name: 'finsam-sources',
    setup(b) {
      b.onResolve({ filter: /^finsam-entry:/ }, (args) => ({ path: args.path, namespace: 'finsam-entry' }));
      b.onLoad({ filter: /.*/, namespace: 'finsam-entry' }, () => ({ contents: entrySource(name, commands), resolveDir: root, loader: 'js' }));
      b.onLoad({ filter: /.*/, namespace: 'file' }, (args) => {
        const loader = LOADERS[path.extname(args.path)];
        if (!loader) return undefined;
        // Stamped before reading: an edit after this point changes the stamp, so the next start rebuilds.
        stamp(args.path);
        let text = fs.readFileSync(args.path, 'utf8');
        // A bundle's __dirname is the cache's; each module keeps its source's (projectRoot,
        // package.json, commands/), declared on its first line so line numbers stay.
        if (loader !== 'json' && /\b__(dirname|filename)\b/.test(text)) {
          text = `const __dirname = ${JSON.stringify(path.dirname(args.path))}, __filename = ${JSON.stringify(args.path)}; ${text}`;
        }
        return { contents: text, loader };
      });
    },
  };

  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: `finsam-entry:${name}`, worker: path.join(root, 'src', 'estimate', 'worker-main.ts') },
    outdir: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    tsconfig: path.join(root, 'tsconfig.json'),
    define: { __FINSAM_WORKER__: JSON.stringify(path.join(out, 'worker.js')) },
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [sources],
  });
  // esbuild's service process would otherwise stay for the whole run.
  if (typeof esbuild.stop === 'function') esbuild.stop();
  for (const input of Object.keys(result.metafile.inputs)) {
    if (input.startsWith('finsam-entry:')) continue;
    const file = path.resolve(root, input);
    if (!stamps.has(file)) stamp(file); // not through onLoad (an unusual extension): stamped now
  }

  const manifest = {
    format: FORMAT,
    root,
    commands,
    dir: id,
    inputs: [...stamps].map(([file, s]) => [rel(root, file), ...s]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
  };
  const tmp = path.join(dir, `${name}.json.${id}.tmp`);
  fs.writeFileSync(tmp, `${JSON.stringify(manifest)}\n`);
  fs.renameSync(tmp, path.join(dir, `${name}.json`));
  removeOld(dir);
  return path.join(out, 'main.js');
}

/** Removes build directories no manifest names any more, once they are old enough to be unused. */
function removeOld(dir) {
  try {
    const live = new Set();
    const entries = fs.readdirSync(dir);
    for (const f of entries) {
      if (!f.endsWith('.json')) continue;
      try {
        live.add(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')).dir);
      } catch {
        // another process's manifest being replaced: keep everything this time
        return;
      }
    }
    const now = Date.now();
    for (const f of entries) {
      const full = path.join(dir, f);
      if (live.has(f) || f.endsWith('.json')) continue;
      const st = fs.statSync(full, { throwIfNoEntry: false });
      if (st && now - st.mtimeMs > KEEP_OLD_MS) fs.rmSync(full, { recursive: true, force: true });
    }
  } catch {
    // tidying is best effort
  }
}

/**
 * The run function of argv's bundle, built first when missing or stale; null when bundling is
 * off (FINSAM_NO_BUNDLE=1) or failed (then the caller runs the sources through tsx).
 */
async function loadBundled(root, argv) {
  if (process.env.FINSAM_NO_BUNDLE === '1') return null;
  let main;
  try {
    const commands = commandNames(root);
    const name = bundleName(argv, commands);
    main = freshBundle(root, name, commands);
    if (!main) {
      if (process.env.FINSAM_DEBUG) process.stderr.write(`finsam-eval: building the ${name} bundle\n`);
      main = await build(root, name, commands);
    }
  } catch (err) {
    if (process.env.FINSAM_DEBUG) process.stderr.write(`finsam-eval: running through tsx, bundling failed: ${err && err.message ? err.message : err}\n`);
    return null;
  }
  return require(main);
}

/**
 * An unexpected error's stack with the bundle's lines mapped back to the sources. Node maps
 * stacks itself only when source maps were enabled before loading (about 10 ms at every start
 * for the did bundle); a crash is rare, so its stack is mapped here instead, from the .map files.
 */
function sourceStack(root, stack) {
  const dir = cacheDir(root) + path.sep;
  if (typeof stack !== 'string' || !stack.includes(dir)) return stack;
  const { SourceMap } = require('node:module');
  const maps = new Map();
  const mapOf = (file) => {
    if (!maps.has(file)) {
      try {
        maps.set(file, new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8'))));
      } catch {
        maps.set(file, null);
      }
    }
    return maps.get(file);
  };
  return stack.replace(/([^\s()]+\.js):(\d+):(\d+)/g, (whole, file, line, col) => {
    if (!file.startsWith(dir)) return whole;
    const map = mapOf(file);
    const e = map && map.findEntry(Number(line) - 1, Number(col) - 1);
    if (!e || !e.originalSource || e.originalSource.includes('finsam-entry:')) return whole; // the generated entry has no source
    const source = path.resolve(path.dirname(file), e.originalSource);
    return `${source}:${e.originalLine + 1}:${e.originalColumn + 1}`;
  });
}

module.exports = { loadBundled, sourceStack, freshBundle, build, bundleName, commandNames, cacheDir, entrySource };
