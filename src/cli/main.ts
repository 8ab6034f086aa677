import { Command, CommanderError } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A command module in src/cli/commands/ exports `register(program)`. */
export interface CommandModule {
  register(program: Command): void;
}

/** Errors the user can fix (bad input, bad flags): printed without a stack, exit status 2. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
  return pkg.version;
}

/** The subcommands' names: one file each in commands/ (adding a command touches no other file). */
export function commandNames(): string[] {
  const dir = path.join(__dirname, 'commands');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/** Whether argv asks only for the version (then no command needs loading: the output is the same). */
function versionOnly(argv: string[]): boolean {
  return argv.length === 3 && (argv[2] === '--version' || argv[2] === '-V');
}

/**
 * The program with every command, or with only `only` when it names one: a run of one
 * command then loads only that command's modules (loading all of them, DuckDB's and
 * fixest's included, cost about 0.3 s of a 1.5 s run on the benchmark panel).
 * `modules` are the command modules already loaded (bin/bundle.js bundles them per command);
 * without it they are required from commands/ (the tsx path).
 */
export function buildProgram(only?: string, modules?: Record<string, CommandModule>): Command {
  const program = new Command('finsam-eval')
    .description('Staggered DiD, balance and fixed-effects statistics for the ISF team evaluations')
    .version(packageVersion())
    .showHelpAfterError()
    .exitOverride();
  const all = modules ? Object.keys(modules).sort() : commandNames();
  const names = only !== undefined && all.includes(only) ? [only] : all;
  for (const name of names) {
    const mod = modules ? modules[name] : (require(path.join(__dirname, 'commands', `${name}.ts`)) as CommandModule);
    mod.register(program);
  }
  return program;
}

function isUserError(err: unknown): err is Error {
  return err instanceof Error && (err.name === 'UserError' || err.name === 'DataError');
}

export async function main(argv: string[], modules?: Record<string, CommandModule>): Promise<void> {
  // argv[2] is the command when it names one; anything else (--help, a typo) gets them all.
  const program = versionOnly(argv) ? buildProgram(undefined, {}) : buildProgram(argv[2], modules);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; usage errors exit 2 (commander already printed them).
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    if (isUserError(err)) {
      process.stderr.write(`finsam-eval: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
}
