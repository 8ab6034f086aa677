/**
 * The registry of data dictionaries: one StudySchema per study, by name.
 *
 *   import { getSchema, schemas } from './src/data/schemas';
 *   const schema = getSchema('team-rct');
 */
import type { StudySchema } from '../schema';
import { teamRct } from './team-rct';
import { teamSurvey } from './team-survey';
import { malmokraften } from './malmokraften';

function buildRegistry(): Record<string, StudySchema> {
  const list: StudySchema[] = [teamRct, teamSurvey, malmokraften];
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

export { teamRct, teamSurvey, malmokraften };
