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

/**
 * The program with every command, or with only `only` when it names one: a run of one
 * command then loads only that command's modules (loading all of them, DuckDB's and
 * fixest's included, cost about 0.3 s of a 1.5 s run on the benchmark panel).
 */
export function buildProgram(only?: string): Command {
  const program = new Command('finsam-eval')
    .description('Staggered DiD, balance and fixed-effects statistics for the ISF team evaluations')
    .version(packageVersion())
    .showHelpAfterError()
    .exitOverride();
  // Every file in commands/ is one subcommand; adding a command touches no other file.
  const dir = path.join(__dirname, 'commands');
  const all = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts')).sort() : [];
  const files = only !== undefined && all.includes(`${only}.ts`) ? [`${only}.ts`] : all;
  for (const file of files) {
    const mod = require(path.join(dir, file)) as CommandModule;
    mod.register(program);
  }
  return program;
}

function isUserError(err: unknown): err is Error {
  return err instanceof Error && (err.name === 'UserError' || err.name === 'DataError');
}

export async function main(argv: string[]): Promise<void> {
  // argv[2] is the command when it names one; anything else (--help, a typo) gets them all.
  const program = buildProgram(argv[2]);
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
