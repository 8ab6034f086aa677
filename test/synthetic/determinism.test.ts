import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, intoDirectory, parseArgs, synth } from '../../data-synthetic/main';
import { generateTeamStudies, hashTree } from './fixture';

describe('npm run synth', () => {
  it('gives byte-identical files for the same seed and different data for another seed', async () => {
    const a = hashTree(await generateTeamStudies(DEFAULT_SEED));
    const b = hashTree(await generateTeamStudies(DEFAULT_SEED));
    const c = hashTree(await generateTeamStudies(DEFAULT_SEED + 1));
    expect(Object.keys(a)).toEqual(['team-rct/monthly.csv', 'team-rct/persons.csv', 'team-rct/recruitment.csv', 'team-rct/sickness_spells.csv', 'team-rct/truth.json', 'team-rct/yearly.csv', 'team-survey/answers.csv', 'team-survey/persons.csv', 'team-survey/truth.json']);
    expect(b).toEqual(a);
    for (const f of Object.keys(a)) expect(c[f], f).not.toBe(a[f]);
  }, 120_000);

  it('replaces a study directory only when the new data are complete, and prints what it wrote', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-swap-'));
    const lines: string[] = [];
    await synth({ seed: 7, out, studies: ['team-rct'] }, (l) => lines.push(l));
    expect(fs.readdirSync(out)).toEqual(['.generator.json', 'team-rct']);
    expect(Object.keys(JSON.parse(fs.readFileSync(path.join(out, '.generator.json'), 'utf8')))).toEqual(['team-rct']);
    expect(lines.join('\n')).toMatch(/team-rct \(seed 7\)[\s\S]*monthly\.csv\s+60592 rows[\s\S]*done in/);
    // A generator that fails half-way leaves the previous directory and no temporary one.
    const before = hashTree(out);
    await expect(
      intoDirectory(out, 'team-rct', async (dir) => {
        fs.writeFileSync(path.join(dir, 'monthly.csv'), 'id,month\n1,2015-01\n');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(hashTree(out)).toEqual(before);
    expect(fs.readdirSync(out)).toEqual(['.generator.json', 'team-rct']);
  }, 120_000);

  it('parses --seed, --out and --study, and rejects bad arguments with a UserError', () => {
    expect(parseArgs(['--seed', '5', '--out', '/tmp/x', '--study', 'team-rct,team-survey'])).toEqual({ seed: 5, out: '/tmp/x', studies: ['team-rct', 'team-survey'] });
    expect(parseArgs(['--seed=9']).seed).toBe(9);
    expect(parseArgs([]).studies).toEqual(['team-rct', 'team-survey', 'malmokraften']);
    for (const bad of [['--seed', 'x'], ['--seed'], ['--study', 'team-rtc'], ['--bogus']]) {
      let err: Error | undefined;
      try {
        parseArgs(bad);
      } catch (e) {
        err = e as Error;
      }
      expect(err?.name, bad.join(' ')).toBe('UserError');
    }
  });
});
