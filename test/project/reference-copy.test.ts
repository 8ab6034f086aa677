import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DIR } from '../helpers/reference';

// The tests use a copy of the shared R reference set (test/fixtures/reference) so that a
// clone tests anywhere. Where the original sits beside the repository, the copy must be
// byte-identical to it.
const root = path.resolve(__dirname, '..', '..');
const original = [path.resolve(root, '..', 'shared', 'reference'), '/work/shared/reference'].find((d) => fs.existsSync(d));
const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

describe('reference data', () => {
  it('holds every file the parity tests read', () => {
    for (const f of ['mpdta.csv', 'mpdta_a.json', 'mpdta_b_dr.json', 'lalonde_cps.csv', 'lalonde_drdid.json', 'survey_panel.csv', 'survey_twfe.json']) {
      expect(fs.existsSync(path.join(REFERENCE_DIR, f)), f).toBe(true);
    }
  });

  it('is a byte-identical copy of the shared reference set where that is present', () => {
    // A clone away from the shared set has nothing to compare with; the copy then stands alone.
    if (original === undefined || process.env.FINSAM_REFERENCE) return;
    const files = fs.readdirSync(original).sort();
    expect(fs.readdirSync(REFERENCE_DIR).sort()).toEqual(files);
    for (const f of files) expect(sha(path.join(REFERENCE_DIR, f)), f).toBe(sha(path.join(original, f)));
  });
});
