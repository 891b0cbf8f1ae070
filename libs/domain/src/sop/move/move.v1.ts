import { defineSop } from '../sop.define';
import type { SopDefinition, SopStep, SopTransition } from '../sop.types';

/**
 * Mutation, rotation and talent-pool promotion SOPs (domain.md §2.3–§2.6), version 1.0.0. Shipped:
 * never edit. Outside bodies (the Kanreg BKN pertek, the governor's or the Minister's decision) are
 * recorded by the HR secretariat together with their document; the deciding transition is guarded by
 * the mobility rules in force.
 */
const withdraw: SopTransition = { decision: 'withdraw', roles: ['hr_officer'], to: 'withdrawn', requires: ['reason'] };
const override: SopTransition = { decision: 'override', roles: ['ppk'], to: 'PLACEHOLDER', requires: ['reason', 'evidence'] };

const ends: SopStep[] = [
  {
    id: 'decree',
    status: 'awaiting_decree',
    label: { id: 'Menunggu SK', en: 'Awaiting the decree' },
    terminal: false,
    transitions: [{ decision: 'record_decree', roles: ['hr_officer'], to: 'completed', requires: ['evidence'] }],
  },
  { id: 'completed', status: 'completed', label: { id: 'Selesai', en: 'Completed' }, terminal: true, transitions: [] },
  { id: 'rejected', status: 'rejected', label: { id: 'Ditolak', en: 'Rejected' }, terminal: true, transitions: [] },
  { id: 'withdrawn', status: 'withdrawn', label: { id: 'Ditarik', en: 'Withdrawn' }, terminal: true, transitions: [] },
];

/** The deciding step: the decider approves (rules checked) or rejects; the PPK may override an overridable rule. */
const deciding = (
  id: string,
  label: SopStep['label'],
  decision: string,
  roles: SopTransition['roles'],
  requires: SopTransition['requires'],
): SopStep => ({
  id,
  status: 'awaiting_decision',
  label,
  terminal: false,
  transitions: [
    { decision, roles, to: 'decree', requires, guard: 'mobility_rules' },
    { decision: 'reject', roles, to: 'rejected', requires: ['reason'] },
    { ...override, to: id },
    withdraw,
  ],
});

const base = (id: string, title: SopDefinition['title'], legalBasis: string[], steps: SopStep[], initialStep: string) =>
  defineSop({
    id,
    version: '1.0.0',
    effectiveFrom: '2026-01-01',
    testOnly: false,
    title,
    legalBasis,
    initialStep,
    startDecision: { decision: 'propose', roles: ['hr_officer'] },
    steps: [...steps, ...ends],
  });

/** Within one agency: the PPK decides after the performance assessment team (TPK) advises (Pasal 191). */
export const mutationIntraV1 = base(
  'mutation-intra',
  { id: 'Mutasi dalam satu instansi', en: 'Transfer within one agency' },
  ['PP 11/2017 jo PP 17/2020 Pasal 190–191', 'Perban BKN 5/2019'],
  [
    {
      id: 'tpk_review',
      status: 'tpk_review',
      label: { id: 'Pertimbangan TPK', en: 'Performance team (TPK) advice' },
      terminal: false,
      transitions: [{ decision: 'tpk_advise', roles: ['committee_chair'], to: 'ppk_decision', requires: ['reason', 'evidence'] }, withdraw],
    },
    deciding('ppk_decision', { id: 'Keputusan PPK', en: 'PPK decision' }, 'approve', ['ppk'], []),
  ],
  'tpk_review',
);

/** Between agencies: receiving PPK proposes, origin PPK releases, Kanreg BKN pertek (≤ 15 working days), then the decider. */
const interAgency = (id: string, title: SopDefinition['title'], decider: { decision: string; label: SopStep['label'] }) =>
  base(
    id,
    title,
    ['PP 11/2017 jo PP 17/2020 Pasal 190, 193–194', 'Perban BKN 5/2019', 'SE BKN 3/SE/VIII/2019'],
    [
      {
        id: 'origin_release',
        status: 'awaiting_release',
        label: { id: 'Persetujuan melepas dari instansi asal', en: 'Release by the origin PPK' },
        terminal: false,
        transitions: [
          { decision: 'release', roles: ['ppk'], to: 'pertek', requires: ['evidence'] },
          { decision: 'refuse_release', roles: ['ppk'], to: 'rejected', requires: ['reason', 'evidence'] },
          withdraw,
        ],
      },
      {
        id: 'pertek',
        status: 'awaiting_pertek',
        label: { id: 'Pertimbangan teknis BKN', en: 'BKN technical consideration (pertek)' },
        terminal: false,
        transitions: [{ decision: 'record_pertek', roles: ['hr_officer', 'overseer'], to: 'decision', requires: ['evidence'] }, withdraw],
        // BKN answers within 15 working days of a complete file [S66].
        deadline: { after: { workingDays: 15 }, onExpiry: 'escalate', notifyRole: 'hr_officer' },
      },
      deciding('decision', decider.label, decider.decision, ['hr_officer'], ['evidence']),
    ],
    'origin_release',
  );

export const mutationInterAgencyV1 = interAgency(
  'mutation-inter-agency',
  { id: 'Mutasi antar-instansi dalam satu provinsi', en: 'Transfer between agencies in one province' },
  { decision: 'record_governor_decision', label: { id: 'Keputusan Gubernur', en: 'Governor’s decision' } },
);

export const mutationInterProvinceV1 = interAgency(
  'mutation-inter-province',
  { id: 'Mutasi antar-provinsi', en: 'Transfer across provinces' },
  { decision: 'record_minister_decision', label: { id: 'Keputusan Menteri Dalam Negeri', en: 'Minister of Home Affairs’ decision' } },
);

/** Same rank and level, new post; tenure 2–5 years; competency fit recorded with the TPK advice (Pasal 190(3)–(5)). */
export const rotationV1 = base(
  'rotation',
  { id: 'Rotasi jabatan', en: 'Rotation' },
  ['PP 11/2017 jo PP 17/2020 Pasal 190'],
  [
    {
      id: 'tpk_review',
      status: 'tpk_review',
      label: { id: 'Pertimbangan TPK dan kesesuaian kompetensi', en: 'TPK advice and competency fit' },
      terminal: false,
      transitions: [{ decision: 'tpk_advise', roles: ['committee_chair'], to: 'ppk_decision', requires: ['reason', 'evidence'] }, withdraw],
    },
    deciding('ppk_decision', { id: 'Keputusan PPK', en: 'PPK decision' }, 'approve', ['ppk'], []),
  ],
  'tpk_review',
);

/** Promotion from the talent pool into an approved vacancy (talent management, PermenPANRB 3/2020 jo 20/2025). */
export const talentPromotionV1 = base(
  'talent-promotion',
  { id: 'Promosi dari kelompok rencana suksesi', en: 'Promotion from the talent pool' },
  ['PermenPANRB 3/2020 jo 20/2025', 'Kepka BKN 411/2025', 'UU 20/2023'],
  [
    {
      id: 'talent_review',
      status: 'talent_review',
      label: { id: 'Pembahasan Komite Talenta', en: 'Talent committee review' },
      terminal: false,
      transitions: [
        { decision: 'talent_committee_review', roles: ['committee_chair'], to: 'ppk_decision', requires: ['reason', 'evidence'] },
        withdraw,
      ],
    },
    deciding('ppk_decision', { id: 'Keputusan PPK', en: 'PPK decision' }, 'approve', ['ppk'], []),
  ],
  'talent_review',
);

export const MOVE_SOPS = [mutationIntraV1, mutationInterAgencyV1, mutationInterProvinceV1, rotationV1, talentPromotionV1] as const;

/** Which SOP a move follows: mutations by how far they reach (domain.md §2.5), rotations within one agency. */
export function moveSopIdFor(
  kind: 'mutation' | 'rotation' | 'talent_promotion',
  scope: 'intra_agency' | 'inter_agency_province' | 'inter_province',
): string | null {
  if (kind === 'rotation') return scope === 'intra_agency' ? 'rotation' : null;
  if (kind === 'talent_promotion') return scope === 'intra_agency' ? 'talent-promotion' : null;
  return { intra_agency: 'mutation-intra', inter_agency_province: 'mutation-inter-agency', inter_province: 'mutation-inter-province' }[
    scope
  ];
}
