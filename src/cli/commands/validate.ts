/**
 * finsam-eval validate --study S [--data DIR] [--json]
 *
 * Reads a study's data directory against its data dictionary and reports the first
 * problem as a DataError (file, column, line; exit status 2), or prints the study's
 * headline counts. Nothing is written anywhere but stdout, and only after every check.
 */
import { Command } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StudySchema } from '../../data/schema';
import { getSchema, schemas } from '../../data/schemas/index';
import { defaultDataDir, readStudy } from '../../data/study';
import { checkEncoding } from '../../data/source';
import { summarizeStudy } from '../../data/summary';
import { dataWarnings, enforceStrict, writeWarnings } from '../warnings';

interface ValidateOptions {
  study?: string;
  data?: string;
  schema?: string;
  json?: boolean;
  encoding?: string;
  strict?: boolean;
}

function userError(message: string): Error {
  const err = new Error(message);
  err.name = 'UserError';
  return err;
}

/** A dictionary module: its default export or the first exported StudySchema. */
export function loadSchemaModule(file: string): StudySchema {
  const full = path.resolve(file);
  if (!fs.existsSync(full)) throw userError(`the dictionary file ${file} does not exist`);
  // A TypeScript dictionary needs tsx, which the bundled command line (bin/bundle.js) has not
  // registered; under tsx this is the module already loaded.
  if (/\.[cm]?tsx?$/.test(full)) require('tsx/cjs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(full) as Record<string, unknown>;
  const isSchema = (x: unknown): x is StudySchema =>
    typeof x === 'object' && x !== null && typeof (x as StudySchema).name === 'string' && Array.isArray((x as StudySchema).files);
  const found = isSchema(mod.default) ? mod.default : Object.values(mod).find(isSchema);
  if (!found) throw userError(`${file} exports no study dictionary (an object with name and files)`);
  return found;
}

/**
 * The study directory: DIR itself when it holds the dictionary's files, else DIR/<study>
 * when that exists (so both data-synthetic/out and data-synthetic/out/team-rct work).
 */
export function resolveStudyDir(schema: StudySchema, data: string | undefined): string {
  if (!data) return path.join(defaultDataDir(), schema.name);
  const first = schema.files[0]?.file;
  const nested = path.join(data, schema.name);
  if (first && !fs.existsSync(path.join(data, first)) && fs.existsSync(path.join(nested, first))) return nested;
  return data;
}

export function register(program: Command): void {
  program
    .command('validate')
    .description(
      "check a study's data directory against its data dictionary. The group rule: an empty (or NA) treatment start means never treated, " +
        'counted in a warning on stderr; a dictionary may require a start (e.g. in the team arm). Files may be gzip-compressed (also as NAME.csv.gz)',
    )
    .option('--study <name>', `the study (${Object.keys(schemas).join(', ')})`)
    .option('--data <dir>', 'the data directory (default: $FINSAM_DATA/<study>, else data-synthetic/out/<study>)')
    .option('--schema <file>', 'read the dictionary from a module exporting a StudySchema instead')
    .option('--json', 'print {"study","units","rows","periods","treated","control"} as JSON')
    .option('--encoding <name>', 'text encoding of the CSV files (utf8 or latin1); gzip is read as is', 'utf8')
    .option('--strict', 'production run: a reading rule that changes the sample is an error')
    .action(async (opts: ValidateOptions) => {
      if (!opts.study && !opts.schema) throw userError('validate needs --study <name> (or --schema <file>)');
      const schema = opts.schema ? loadSchemaModule(opts.schema) : getSchema(opts.study!);
      if (opts.study && opts.schema && schema.name !== opts.study) {
        throw userError(`--schema ${opts.schema} describes study "${schema.name}", not "${opts.study}"`);
      }
      const encoding = checkEncoding(opts.encoding);
      const dir = resolveStudyDir(schema, opts.data);
      const study = await readStudy(schema, dir, { encoding, strict: !!opts.strict });
      const warnings = dataWarnings(study.warnings);
      enforceStrict(warnings, opts.strict);
      writeWarnings(warnings);
      const summary = summarizeStudy(study);
      if (opts.json) {
        process.stdout.write(JSON.stringify(summary) + '\n');
      } else {
        const n = (x: number) => x.toLocaleString('en-US');
        process.stdout.write(
          `${summary.study}: ${dir} is valid: ${n(summary.units)} units (${n(summary.treated)} treated, ${n(summary.control)} control), ` +
            `${n(summary.rows)} rows over ${n(summary.periods)} periods\n`,
        );
      }
    });
}
