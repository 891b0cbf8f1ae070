import type { OutsideBody, SelectionChain } from '../../selection/decision-chain';
import { defineSop } from '../sop.define';
import type { SopDeadline, SopDefinition, SopDuration, SopStep } from '../sop.types';
import { openSelectionBase, openSelectionSettingsV1, openSelectionSteps } from './open-selection.v1';
import type { OpenSelectionSettings, OpenSelectionSop } from './open-selection.types';

/**
 * The decision chains of senior posts as variants of the open-selection SOP (domain.md §2.1 row 12,
 * issue 16 item 1). The stages up to the signed ranking are the pratama ones; what follows is each
 * chain's own. Every outside body's step is a recorded decision carrying its document, recorded by the
 * selection secretariat (hr_officer) for that body, with a working-day SLA that escalates. Shipped:
 * never edit; a change is a new version.
 */

export const GOVERNOR: OutsideBody = { code: 'GUBERNUR', name: { id: 'Gubernur', en: 'Governor' } };
export const MINISTER_OF_HOME_AFFAIRS: OutsideBody = {
  code: 'MENDAGRI',
  name: { id: 'Menteri Dalam Negeri', en: 'Minister of Home Affairs' },
};
export const TPA: OutsideBody = {
  code: 'TPA',
  name: { id: 'Tim Penilai Akhir (TPA)', en: 'The President’s final assessment team (TPA)' },
};
export const PRESIDENT: OutsideBody = { code: 'PRESIDEN', name: { id: 'Presiden', en: 'President' } };

const escalate = (after: SopDuration, notifyRole: SopDeadline['notifyRole'] = 'ppk'): SopDeadline => ({
  after,
  onExpiry: 'escalate',
  notifyRole,
});

/** The step after the ranking in each chain, and the SLA of each outside body's step. */
export interface ChainDurations {
  registration: SopStep['deadline'];
  lowApplicants: SopStep['deadline'];
  externalReview: SopStep['deadline'];
  ppkDecision: SopStep['deadline'];
  governor: SopDuration;
  minister: SopDuration;
  tpa: SopDuration;
  keppres: SopDuration;
}

export const outsideStep = (
  id: string,
  status: string,
  label: SopStep['label'],
  decision: string,
  auto: { decision: string; to: string },
  after: SopDuration,
): SopStep => ({
  id,
  status,
  label,
  terminal: false,
  transitions: [
    { decision, roles: ['hr_officer'], to: id, requires: ['evidence'] },
    { decision: 'cancel_selection', roles: ['ppk'], to: 'cancelled', requires: ['reason', 'evidence'] },
  ],
  auto: [auto],
  deadline: escalate(after),
});

/** Madya (incl. a provincial Sekda): ranking → governor proposes 3 → Minister forwards → TPA assesses → Keppres. */
export const madyaSteps = (d: ChainDurations): SopStep[] => {
  const pratama = openSelectionSteps(d);
  const upToRanking = pratama
    .filter((s) => !['external_review', 'ppk_decision', 'appointment', 'closed', 'cancelled'].includes(s.id))
    .map((s) =>
      s.id === 'ranking'
        ? { ...s, transitions: s.transitions.map((t) => (t.decision === 'sign_ranking' ? { ...t, to: 'governor_proposal' } : t)) }
        : s,
    );
  const tail = pratama.filter((s) => ['appointment', 'closed', 'cancelled'].includes(s.id));
  return [
    ...upToRanking,
    outsideStep(
      'governor_proposal',
      'awaiting_governor',
      { id: 'Usulan tiga nama oleh Gubernur', en: 'The governor proposes three names' },
      'governor_propose',
      { decision: 'governor_proposals_received', to: 'minister_review' },
      d.governor,
    ),
    outsideStep(
      'minister_review',
      'awaiting_minister',
      { id: 'Penerusan oleh Menteri Dalam Negeri', en: 'The Minister of Home Affairs forwards the names' },
      'minister_forward',
      { decision: 'minister_forwarded', to: 'tpa_assessment' },
      d.minister,
    ),
    outsideStep(
      'tpa_assessment',
      'awaiting_tpa',
      { id: 'Penilaian oleh TPA', en: 'Assessment by the TPA' },
      'tpa_assess',
      { decision: 'tpa_assessed', to: 'presidential_decree' },
      d.tpa,
    ),
    outsideStep(
      'presidential_decree',
      'awaiting_keppres',
      { id: 'Keputusan Presiden (Keppres)', en: 'Presidential decree (Keppres)' },
      'record_keppres',
      { decision: 'all_posts_picked', to: 'appointment' },
      d.keppres,
    ),
    ...tail,
  ];
};

/** Regency/city Sekda: the pratama chain, then the governor approves the PPK's pick before the appointment. */
export const regencySekdaSteps = (d: ChainDurations): SopStep[] => {
  const pratama = openSelectionSteps(d);
  return pratama.flatMap((s) => {
    if (s.id !== 'ppk_decision') return [s];
    return [
      { ...s, auto: [{ decision: 'all_posts_picked', to: 'governor_approval' }] },
      outsideStep(
        'governor_approval',
        'awaiting_governor',
        { id: 'Persetujuan Gubernur', en: 'The governor’s approval' },
        'governor_approve',
        { decision: 'governor_approved', to: 'appointment' },
        d.governor,
      ),
    ];
  });
};

const withSettings = (sop: Readonly<SopDefinition>, settings: OpenSelectionSettings): Readonly<OpenSelectionSop> =>
  Object.freeze({ ...sop, settings: Object.freeze(settings) }) as Readonly<OpenSelectionSop>;

// The outside bodies' SLAs are [BK]: ≈14 days for each answer (as for BKN [S20]), as 10 working days.
export const CHAIN_DURATIONS_V1: ChainDurations = {
  registration: { after: { workingDays: 15 }, onExpiry: 'handler', notifyRole: 'committee_chair' },
  lowApplicants: { after: { workingDays: 5 }, onExpiry: 'remind', notifyRole: 'ppk' },
  externalReview: { after: { workingDays: 10 }, onExpiry: 'escalate', notifyRole: 'ppk' },
  ppkDecision: { after: { workingDays: 10 }, onExpiry: 'remind', notifyRole: 'ppk' },
  governor: { workingDays: 10 },
  minister: { workingDays: 10 },
  tpa: { workingDays: 10 },
  keppres: { workingDays: 10 },
};

/** Test-only durations: the governor's SLA passes after 2 seconds, so escalation is seen on a real server. */
export const CHAIN_DURATIONS_TEST_FAST: ChainDurations = {
  registration: { after: { seconds: 4 }, onExpiry: 'handler', notifyRole: 'committee_chair' },
  lowApplicants: { after: { seconds: 60 }, onExpiry: 'remind', notifyRole: 'ppk' },
  externalReview: { after: { seconds: 60 }, onExpiry: 'escalate', notifyRole: 'ppk' },
  ppkDecision: { after: { seconds: 60 }, onExpiry: 'remind', notifyRole: 'ppk' },
  governor: { seconds: 2 },
  minister: { seconds: 60 },
  tpa: { seconds: 60 },
  keppres: { seconds: 60 },
};

export const CHAIN_TEST_FAST_SETTINGS: Partial<OpenSelectionSettings> = {
  registrationExtension: { seconds: 2 },
  children: {
    assessment: { id: 'assessment', version: '1.0.0-test.fast' },
    committeeReview: { id: 'committee-review', version: '1.0.0-test.fast' },
    appointment: { id: 'appointment', version: '1.0.0' },
  },
};

const chainSop = (
  chain: Exclude<SelectionChain, 'pratama'>,
  version: string,
  testOnly: boolean,
  legalBasis: readonly string[],
  steps: SopStep[],
  bodies: Record<string, OutsideBody>,
  extra: Partial<OpenSelectionSettings> = {},
) =>
  withSettings(
    defineSop({
      ...openSelectionBase,
      title:
        chain === 'madya'
          ? { id: 'Seleksi terbuka JPT madya (termasuk Sekda provinsi)', en: 'Open selection for JPT madya (incl. a provincial Sekda)' }
          : { id: 'Seleksi terbuka Sekda kabupaten/kota', en: 'Open selection for a regency/city Sekda' },
      legalBasis: [...openSelectionBase.legalBasis, ...legalBasis],
      version,
      variant: chain,
      effectiveFrom: '2026-01-01',
      testOnly,
      steps,
    }),
    { ...openSelectionSettingsV1, ...extra, chain, bodies },
  );

export const MADYA_BASIS = ['PP 11/2017 jo PP 17/2020 Pasal 118, 120', 'Perpres 3/2013 (Tim Penilai Akhir)'];
export const MADYA_BODIES = {
  governor_proposal: GOVERNOR,
  minister_review: MINISTER_OF_HOME_AFFAIRS,
  tpa_assessment: TPA,
  presidential_decree: PRESIDENT,
};
export const SEKDA_BASIS = ['PP 11/2017 jo PP 17/2020 Pasal 125'];
export const SEKDA_BODIES = { governor_approval: GOVERNOR };

export const openSelectionMadyaV1 = chainSop('madya', '1.0.0-madya', false, MADYA_BASIS, madyaSteps(CHAIN_DURATIONS_V1), MADYA_BODIES);
export const openSelectionMadyaTestFast = chainSop(
  'madya',
  '1.0.0-madya.test.fast',
  true,
  MADYA_BASIS,
  madyaSteps(CHAIN_DURATIONS_TEST_FAST),
  MADYA_BODIES,
  CHAIN_TEST_FAST_SETTINGS,
);
export const openSelectionRegencySekdaV1 = chainSop(
  'regency_sekda',
  '1.0.0-sekda',
  false,
  SEKDA_BASIS,
  regencySekdaSteps(CHAIN_DURATIONS_V1),
  SEKDA_BODIES,
);
export const openSelectionRegencySekdaTestFast = chainSop(
  'regency_sekda',
  '1.0.0-sekda.test.fast',
  true,
  SEKDA_BASIS,
  regencySekdaSteps(CHAIN_DURATIONS_TEST_FAST),
  SEKDA_BODIES,
  CHAIN_TEST_FAST_SETTINGS,
);

export const OPEN_SELECTION_CHAIN_SOPS = [
  openSelectionMadyaV1,
  openSelectionMadyaTestFast,
  openSelectionRegencySekdaV1,
  openSelectionRegencySekdaTestFast,
] as const;

/** The SOP variant a chain's selections follow (the pratama chain is the default line). */
export const sopVariantOfChain = (chain: SelectionChain): string | undefined => (chain === 'pratama' ? undefined : chain);
