import type { OutsideBody, SelectionChain } from '../../selection/decision-chain';
import { PRESIDENTIAL_APPROVAL_2026 } from '../../selection/presidential-approval';
import { defineSop } from '../sop.define';
import type { SopDefinition, SopDuration, SopStep } from '../sop.types';
import {
  CHAIN_DURATIONS_TEST_FAST,
  CHAIN_DURATIONS_V1,
  CHAIN_TEST_FAST_SETTINGS,
  MADYA_BASIS,
  MADYA_BODIES,
  PRESIDENT,
  SEKDA_BASIS,
  SEKDA_BODIES,
  TPA,
  madyaSteps,
  outsideStep,
  regencySekdaSteps,
  type ChainDurations,
} from './open-selection.chains';
import { openSelectionBase, openSelectionSettingsV1 } from './open-selection.v1';
import { OBJECTION_WINDOW, withObjections } from './open-selection.v1-1';
import type { OpenSelectionSettings, OpenSelectionSop } from './open-selection.types';

/**
 * Senior posts' chains after the first ones (issue 16): the JPT utama chain, the President's approval
 * of a replacement within the incumbent's protected two years (utama and madya), and, from 1.1.0,
 * the objection stage in every chain. Built from the shipped chains' steps, which stay as they were.
 * Shipped: never edit; a change is a new version.
 */

/**
 * Who proposes a JPT utama's three names: domain.md does not say, so it is SOP data [BK] (the minister
 * or agency head the post answers to); a different proposer is a new version.
 */
export const UTAMA_PROPOSER: OutsideBody = {
  code: 'PENGUSUL',
  name: { id: 'Menteri/pimpinan lembaga pengusul', en: 'The proposing minister or agency head' },
};

interface SeniorDurations extends ChainDurations {
  nomination: SopDuration;
  president: SopDuration;
}

/** Utama: ranking → the proposer's three names → TPA → Keppres; the madya chain without the governor and the Minister. */
const utamaSteps = (d: SeniorDurations): SopStep[] =>
  madyaSteps(d).flatMap((s): SopStep[] => {
    if (s.id === 'ranking') {
      return [{ ...s, transitions: s.transitions.map((t) => (t.to === 'governor_proposal' ? { ...t, to: 'nomination' } : t)) }];
    }
    if (s.id === 'governor_proposal') {
      return [
        outsideStep(
          'nomination',
          'awaiting_nomination',
          { id: 'Usulan tiga nama oleh pengusul', en: 'The proposer proposes three names' },
          'propose_nominees',
          { decision: 'nominations_received', to: 'tpa_assessment' },
          d.nomination,
        ),
      ];
    }
    return s.id === 'minister_review' ? [] : [s];
  });

/**
 * After the TPA: when replacing a post's incumbent needs the President's approval, the case waits for
 * it (the workflow takes `president_approval_required` instead of `tpa_assessed`) before the Keppres.
 */
const withPresidentialApproval = (steps: SopStep[], sla: SopDuration): SopStep[] =>
  steps.flatMap((s): SopStep[] => {
    if (s.id === 'tpa_assessment') {
      return [{ ...s, auto: [...(s.auto ?? []), { decision: 'president_approval_required', to: 'president_approval' }] }];
    }
    if (s.id !== 'presidential_decree') return [s];
    return [
      outsideStep(
        'president_approval',
        'awaiting_president',
        { id: 'Persetujuan Presiden atas penggantian pejabat', en: 'The President’s approval of the replacement' },
        'president_approve',
        { decision: 'president_approved', to: 'presidential_decree' },
        sla,
      ),
      s,
    ];
  });

/** The objection stage of 1.1.0 in a chain: after the objections the case goes where the signed ranking went before. */
const withChainObjections = (steps: SopStep[], d: Parameters<typeof withObjections>[1]): SopStep[] => {
  const next = steps.find((s) => s.id === 'ranking')!.transitions.find((t) => t.decision === 'sign_ranking')!.to;
  const retarget = <T extends { to: string }>(t: T): T => (t.to === 'external_review' ? { ...t, to: next } : t);
  return withObjections(steps, d).map((s) =>
    s.id === 'objection_review' || s.id === 'rescoring'
      ? { ...s, transitions: s.transitions.map(retarget), ...(s.auto ? { auto: s.auto.map(retarget) } : {}) }
      : s,
  );
};

const PRODUCTION: SeniorDurations = { ...CHAIN_DURATIONS_V1, nomination: { workingDays: 10 }, president: { workingDays: 10 } };
const TEST_FAST: SeniorDurations = { ...CHAIN_DURATIONS_TEST_FAST, nomination: { seconds: 60 }, president: { seconds: 60 } };
// As for 1.1.0: a 3-working-day window [BK]; the chair answers within 5 working days [BK].
const OBJECTIONS = {
  window: { after: OBJECTION_WINDOW, onExpiry: 'handler', notifyRole: 'committee_chair' },
  review: { after: { workingDays: 5 }, onExpiry: 'escalate', notifyRole: 'ppk' },
} as const;

const TITLES: Record<Exclude<SelectionChain, 'pratama'>, SopDefinition['title']> = {
  madya: { id: 'Seleksi terbuka JPT madya (termasuk Sekda provinsi)', en: 'Open selection for JPT madya (incl. a provincial Sekda)' },
  regency_sekda: { id: 'Seleksi terbuka Sekda kabupaten/kota', en: 'Open selection for a regency/city Sekda' },
  utama: { id: 'Seleksi terbuka JPT utama', en: 'Open selection for JPT utama' },
};

const seniorSop = (
  chain: Exclude<SelectionChain, 'pratama'>,
  o: { version: string; effectiveFrom: string; testOnly: boolean; basis: readonly string[]; bodies: Record<string, OutsideBody> },
  steps: SopStep[],
  settings: Partial<OpenSelectionSettings>,
): Readonly<OpenSelectionSop> =>
  Object.freeze({
    ...defineSop({
      ...openSelectionBase,
      title: TITLES[chain],
      legalBasis: [...openSelectionBase.legalBasis, ...o.basis],
      version: o.version,
      variant: chain,
      effectiveFrom: o.effectiveFrom,
      testOnly: o.testOnly,
      steps,
    }),
    settings: Object.freeze({ ...openSelectionSettingsV1, ...settings, chain, bodies: o.bodies }),
  }) as Readonly<OpenSelectionSop>;

const PRESIDENTIAL = { presidentialApproval: PRESIDENTIAL_APPROVAL_2026 };
const PRESIDENTIAL_BASIS = PRESIDENTIAL_APPROVAL_2026.basis;
const UTAMA_BASIS = ['PermenPANRB 15/2019 (JPT utama: seleksi nasional)', 'Perpres 3/2013 (Tim Penilai Akhir)', ...PRESIDENTIAL_BASIS];
const UTAMA_BODIES = {
  nomination: UTAMA_PROPOSER,
  tpa_assessment: TPA,
  president_approval: PRESIDENT,
  presidential_decree: PRESIDENT,
};
const MADYA_PRESIDENTIAL_BODIES = { ...MADYA_BODIES, president_approval: PRESIDENT };
const MADYA_PRESIDENTIAL_BASIS = [...MADYA_BASIS, ...PRESIDENTIAL_BASIS];

const utama = (d: SeniorDurations) => withPresidentialApproval(utamaSteps(d), d.president);
const madya = (d: SeniorDurations) => withPresidentialApproval(madyaSteps(d), d.president);

/** JPT utama, in force from 1 December 2026 (before it, a utama post followed the pratama line). */
export const openSelectionUtamaV1 = seniorSop(
  'utama',
  { version: '1.0.0-utama', effectiveFrom: '2026-12-01', testOnly: false, basis: UTAMA_BASIS, bodies: UTAMA_BODIES },
  utama(PRODUCTION),
  PRESIDENTIAL,
);
export const openSelectionUtamaTestFast = seniorSop(
  'utama',
  { version: '1.0.0-utama.test.fast', effectiveFrom: '2026-01-01', testOnly: true, basis: UTAMA_BASIS, bodies: UTAMA_BODIES },
  utama(TEST_FAST),
  { ...PRESIDENTIAL, ...CHAIN_TEST_FAST_SETTINGS },
);

/** JPT madya 1.0.1: 1.0.0-madya with the President's approval of a replacement within two years. */
export const openSelectionMadyaV1_0_1 = seniorSop(
  'madya',
  {
    version: '1.0.1-madya',
    effectiveFrom: '2026-12-01',
    testOnly: false,
    basis: MADYA_PRESIDENTIAL_BASIS,
    bodies: MADYA_PRESIDENTIAL_BODIES,
  },
  madya(PRODUCTION),
  PRESIDENTIAL,
);
export const openSelectionMadyaV1_0_1TestFast = seniorSop(
  'madya',
  {
    version: '1.0.1-madya.test.fast',
    effectiveFrom: '2026-01-01',
    testOnly: true,
    basis: MADYA_PRESIDENTIAL_BASIS,
    bodies: MADYA_PRESIDENTIAL_BODIES,
  },
  madya(TEST_FAST),
  { ...PRESIDENTIAL, ...CHAIN_TEST_FAST_SETTINGS },
);

/** 1.1.0 of every chain (effective with open selection 1.1.0): the objection stage between the signed ranking and the chain. */
const V1_1 = { effectiveFrom: '2027-01-01', testOnly: false };
const withWindow = { objectionWindow: OBJECTION_WINDOW };
export const openSelectionMadyaV1_1 = seniorSop(
  'madya',
  { ...V1_1, version: '1.1.0-madya', basis: MADYA_PRESIDENTIAL_BASIS, bodies: MADYA_PRESIDENTIAL_BODIES },
  withChainObjections(madya(PRODUCTION), OBJECTIONS),
  { ...PRESIDENTIAL, ...withWindow },
);
export const openSelectionRegencySekdaV1_1 = seniorSop(
  'regency_sekda',
  { ...V1_1, version: '1.1.0-sekda', basis: SEKDA_BASIS, bodies: SEKDA_BODIES },
  withChainObjections(regencySekdaSteps(PRODUCTION), OBJECTIONS),
  withWindow,
);
export const openSelectionUtamaV1_1 = seniorSop(
  'utama',
  { ...V1_1, version: '1.1.0-utama', basis: UTAMA_BASIS, bodies: UTAMA_BODIES },
  withChainObjections(utama(PRODUCTION), OBJECTIONS),
  { ...PRESIDENTIAL, ...withWindow },
);

export const OPEN_SELECTION_SENIOR_CHAIN_SOPS = [
  openSelectionUtamaV1,
  openSelectionUtamaTestFast,
  openSelectionMadyaV1_0_1,
  openSelectionMadyaV1_0_1TestFast,
  openSelectionMadyaV1_1,
  openSelectionRegencySekdaV1_1,
  openSelectionUtamaV1_1,
] as const;
