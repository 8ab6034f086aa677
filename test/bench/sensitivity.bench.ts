/**
 * Speed of the Rambachan-Roth sensitivity on the team-RCT event study (not a test):
 *   node -r tsx/cjs test/bench/sensitivity.bench.ts [pre] [post]
 * Model 1 refitted with a universal base period over e = -(pre+1) .. post-1 for the five R24
 * headline outcomes; per outcome the whole sensitivity of the post-period average (5 Mbar by
 * C-LF, 5 M by FLCI, original interval) with and without the two breakdown values. Wall and
 * CPU time (the machine may be shared: CPU time is what the work costs). The first outcome
 * includes loading HiGHS and V8's warm-up of its WebAssembly (reported separately).
 */
import { loadStudy } from '../../src/data/study';
import { teamRctPanel } from '../../src/models/team-rct';
import { sensitivityFits, TEAM_RCT_SENSITIVITY, R24_SENSITIVITY_OUTCOMES } from '../../src/models/sensitivity';
import { DEFAULT_MBAR, defaultMs, honestInputs, loadSolver, sensitivitySync, targetWeights } from '../../src/sensitivity/index';
import { solves } from '../../src/sensitivity/solver';

function clock<T>(f: () => T): { value: T; wall: number; cpu: number } {
  const w = performance.now();
  const c = process.cpuUsage();
  const value = f();
  const d = process.cpuUsage(c);
  return { value, wall: performance.now() - w, cpu: (d.user + d.system) / 1000 };
}

(async () => {
  const pre = Number(process.argv[2] ?? TEAM_RCT_SENSITIVITY.pre);
  const post = Number(process.argv[3] ?? TEAM_RCT_SENSITIVITY.post);
  const study = await loadStudy('team-rct');
  const { panel } = teamRctPanel(study);
  const fit = clock(() => sensitivityFits(panel, R24_SENSITIVITY_OUTCOMES, { pre, post }));
  console.log(`universal-base refit of model 1, ${R24_SENSITIVITY_OUTCOMES.length} outcomes: wall ${fit.wall.toFixed(0)} ms, cpu ${fit.cpu.toFixed(0)} ms`);
  const w0 = performance.now();
  await loadSolver();
  console.log(`loading HiGHS: ${(performance.now() - w0).toFixed(0)} ms`);
  for (const f of fit.value) {
    const inputs = honestInputs(f.dynamic);
    const l = targetWeights(inputs, 'average');
    const opts = { target: 'average' as const, mbar: [...DEFAULT_MBAR], m: defaultMs(inputs, l) };
    const s0 = solves();
    const a = clock(() => sensitivitySync(inputs, { ...opts, breakdown: false }));
    const s1 = solves();
    const b = clock(() => sensitivitySync(inputs, opts));
    console.log(
      `${f.outcome.padEnd(26)} pre ${inputs.numPre} post ${inputs.numPost}: 5 Mbar + 5 M wall ${a.wall.toFixed(0)} ms cpu ${a.cpu.toFixed(0)} ms (${s1 - s0} programs); ` +
        `with breakdown values wall ${b.wall.toFixed(0)} ms cpu ${b.cpu.toFixed(0)} ms (${solves() - s1} programs)`,
    );
  }
})();
