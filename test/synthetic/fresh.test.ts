import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatorFingerprint, stampStudies, staleStudies } from '../../data-synthetic/fresh';
import { STUDIES } from '../../data-synthetic/main';

describe('freshness of the synthetic data', () => {
  it('finds every study current after the test setup generated what was missing or outdated', () => {
    expect(staleStudies(STUDIES)).toEqual([]);
  });

  it('fingerprints the generator sources deterministically, as a sha-256', () => {
    const a = generatorFingerprint();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(generatorFingerprint()).toBe(a);
  });

  it('records stamps per study, keeping the others', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-fresh-'));
    stampStudies(dir, ['team-rct'], 'aaa');
    stampStudies(dir, ['malmokraften'], 'bbb');
    stampStudies(dir, ['team-rct'], 'ccc');
    expect(JSON.parse(fs.readFileSync(path.join(dir, '.generator.json'), 'utf8'))).toEqual({ 'team-rct': 'ccc', malmokraften: 'bbb' });
    expect(fs.readdirSync(dir)).toEqual(['.generator.json']);
  });
});
