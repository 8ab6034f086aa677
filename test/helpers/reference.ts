/**
 * Where the tests find the R reference outputs (did 2.5.1, DRDID 1.2.3, fixest 0.12.2) and
 * their data: a verbatim copy of the shared reference set kept in test/fixtures/reference, so
 * a clone tests the same way anywhere. FINSAM_REFERENCE points elsewhere (e.g. a newer set).
 * test/project/reference-copy.test.ts checks the copy against the shared original when the
 * original is present next to the repository.
 */
import * as path from 'node:path';

export const REFERENCE_DIR = process.env.FINSAM_REFERENCE
  ? path.resolve(process.env.FINSAM_REFERENCE)
  : path.resolve(__dirname, '..', 'fixtures', 'reference');

export const referenceFile = (name: string): string => path.join(REFERENCE_DIR, name);
