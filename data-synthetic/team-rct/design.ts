/**
 * team-rct design: the recruitment log (860 asked Aug 2019 – Jun 2021, 560 consenting, 19 of
 * them not found in the registers), randomisation (332 T / 209 C among the 541), sex (320
 * women / 221 men), referral source (R24 2.5), federation, consent and first-meeting months.
 */
import { monthCode } from '../../src/data/panel';
import type { Rng } from '../../src/random/rng';
import { assignExactCounts, chooseExactly, exactCounts } from '../sampling';

export const TEAM_RCT_COUNTS = {
  asked: 860,
  consented: 560,
  inRegisters: 541,
  treated: 332,
  control: 209,
  women: 320,
  men: 221,
} as const;

export const RECRUIT_FIRST = monthCode(2019, 8);
export const RECRUIT_LAST = monthCode(2021, 6);

/**
 * Relative number asked per month Aug 2019 – Jun 2021 (R24 Figure 1's shape: a start-up in
 * autumn 2019, the pandemic dip in spring and summer 2020, a second wave of referrals).
 */
const ASKED_WEIGHTS = [20, 45, 55, 55, 35, 50, 50, 35, 20, 25, 30, 10, 30, 45, 50, 45, 30, 40, 45, 50, 45, 40, 35];
/** Relative odds of consenting by month: lower when queues were short (2019) and in the pandemic. */
const CONSENT_ODDS = [1.6, 1.5, 1.3, 1.3, 1.2, 1.3, 1.3, 1.0, 0.8, 0.8, 0.9, 1.0, 1.2, 1.3, 1.3, 1.2, 1.1, 1.2, 1.2, 1.2, 1.1, 1.1, 1.0];

/** R24 section 2.5: share of participants by referral source (the rest is "other"). */
export const REFERRAL_SHARES = { social_services: 0.555, health_care: 0.26, forsakringskassan: 0.12, arbetsformedlingen: 0.03, other: 0.035 };
export const REFERRAL_CODES = ['social_services', 'health_care', 'forsakringskassan', 'arbetsformedlingen', 'other'] as const;
export const FEDERATION_CODES = ['goteborg', 'insjoriket', 'stockholm'] as const;

export interface Asked {
  /** Log id (participants keep it as their person id). */
  id: number;
  askedMonth: number;
  consented: boolean;
  inRegisters: boolean;
  woman: boolean;
  federation: number;
  referral: number;
  /** Age at asking; birth year follows. */
  age: number;
  birthYear: number;
}

export interface Participant extends Asked {
  arm: 'T' | 'C';
  consentMonth: number;
  firstMeetingMonth: number;
}

/** Draws an age from sex-specific age bands (R24 B1/B5: women ≈ 41, men ≈ 38 on average). */
function drawAge(rng: Rng, woman: boolean): number {
  const bands = woman ? [0.22, 0.32, 0.41, 0.05] : [0.32, 0.34, 0.31, 0.03];
  const b = rng.categorical(bands);
  if (b === 0) {
    // 16–29; about three in ten of the youngest band are 16–18 (some too young for LISA in 2018).
    return rng.uniform() < 0.3 ? 16 + rng.int(3) : 19 + rng.int(11);
  }
  if (b === 1) return 30 + rng.int(15);
  if (b === 2) return 45 + rng.int(15);
  return 60 + rng.int(5);
}

export function drawDesign(rng: Rng): { asked: Asked[]; participants: Participant[] } {
  const C = TEAM_RCT_COUNTS;
  const months = ASKED_WEIGHTS.map((_, i) => RECRUIT_FIRST + i);
  const askedMonth = Array.from({ length: C.asked }, () => months[rng.categorical(ASKED_WEIGHTS)]).sort((a, b) => a - b);
  const consent = chooseExactly(rng, C.asked, C.consented, (i) => CONSENT_ODDS[askedMonth[i] - RECRUIT_FIRST]);
  // Of the consenting, 19 had wrong ID numbers and are not in the registers.
  const consentIdx = Array.from({ length: C.asked }, (_, i) => i).filter((i) => consent[i]);
  const inReg = chooseExactly(rng, consentIdx.length, C.inRegisters);
  const inRegisters = new Uint8Array(C.asked);
  consentIdx.forEach((i, j) => (inRegisters[i] = inReg[j]));

  // Participants (in registers): exact sex, arm and referral counts.
  const partIdx = Array.from({ length: C.asked }, (_, i) => i).filter((i) => inRegisters[i]);
  const nP = partIdx.length;
  const sexP = assignExactCounts(rng, nP, [C.women, C.men]);
  const armP = assignExactCounts(rng, nP, [C.treated, C.control]);
  const refCounts = exactCounts(nP, REFERRAL_CODES.map((c) => REFERRAL_SHARES[c]));
  const refP = assignExactCounts(rng, nP, refCounts);

  const asked: Asked[] = [];
  const byIndex = new Map<number, number>();
  partIdx.forEach((i, j) => byIndex.set(i, j));
  for (let i = 0; i < C.asked; i++) {
    const j = byIndex.get(i);
    // Those who declined resemble participants in age and sex (R24 2.5).
    const woman = j !== undefined ? sexP[j] === 0 : rng.uniform() < 0.57;
    const age = drawAge(rng, woman);
    const year = Math.floor(askedMonth[i] / 12);
    const federation = rng.categorical(year === 2019 ? [0.25, 0.3, 0.45] : [0.42, 0.24, 0.34]);
    const referral = j !== undefined ? refP[j] : rng.categorical([0.5, 0.28, 0.12, 0.05, 0.05]);
    asked.push({
      id: 0,
      askedMonth: askedMonth[i],
      consented: consent[i] === 1,
      inRegisters: inRegisters[i] === 1,
      woman,
      federation,
      referral,
      age,
      birthYear: year - age,
    });
  }
  // Log ids: a shuffled numbering so that ids carry no order information.
  const ids = rng.shuffle(Array.from({ length: C.asked }, (_, i) => 10001 + i));
  asked.forEach((a, i) => (a.id = ids[i]));

  const participants: Participant[] = partIdx.map((i, j) => {
    const a = asked[i];
    const arm = armP[j] === 0 ? 'T' : 'C';
    const consentMonth = a.askedMonth;
    // Treatment: first meeting soon after consent; control: at least six months later.
    const wait = arm === 'T' ? [0, 1, 2][rng.categorical([0.6, 0.35, 0.05])] : [6, 7, 8][rng.categorical([0.55, 0.35, 0.1])];
    return { ...a, arm, consentMonth, firstMeetingMonth: consentMonth + wait };
  });
  participants.sort((p, q) => p.id - q.id);
  return { asked, participants };
}
