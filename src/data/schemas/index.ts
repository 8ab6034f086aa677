/**
 * The registry of data dictionaries: one StudySchema per study, by name.
 *
 *   import { getSchema, schemas } from './src/data/schemas';
 *   const schema = getSchema('team-rct');
 */
import type { StudySchema } from '../schema';
import { teamRct } from './team-rct';
import { teamSurvey } from './team-survey';

function isStudySchema(x: unknown): x is StudySchema {
  return typeof x === 'object' && x !== null && typeof (x as StudySchema).name === 'string' && Array.isArray((x as StudySchema).files);
}

/**
 * The Malmökraften dictionary lives in its own module, written in parallel; it joins the
 * registry as soon as the module exists (any exported StudySchema named "malmokraften").
 */
function loadMalmokraften(): StudySchema | undefined {
  let mod: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require('./malmokraften');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'MODULE_NOT_FOUND' && /malmokraften/.test(String((err as Error).message))) return undefined;
    throw err;
  }
  return Object.values(mod).find((v): v is StudySchema => isStudySchema(v) && v.name === 'malmokraften');
}

function buildRegistry(): Record<string, StudySchema> {
  const list: StudySchema[] = [teamRct, teamSurvey];
  const malmo = loadMalmokraften();
  if (malmo) list.push(malmo);
  const out: Record<string, StudySchema> = {};
  for (const s of list) out[s.name] = s;
  return out;
}

/** All known studies by name. */
export const schemas: Record<string, StudySchema> = buildRegistry();

/** The dictionary of a study; an unknown name is a UserError listing the valid ones. */
export function getSchema(name: string): StudySchema {
  const s = Object.prototype.hasOwnProperty.call(schemas, name) ? schemas[name] : undefined;
  if (!s) {
    const err = new Error(`unknown study "${name}"; valid studies: ${Object.keys(schemas).join(', ')}`);
    err.name = 'UserError';
    throw err;
  }
  return s;
}

export { teamRct, teamSurvey };
