import { defineSop } from '../sop/sop.define';
import type { SopDefinition, SopStep } from '../sop/sop.types';
import type { AppealWindowSettings } from './discipline-rules';

/** What a discipline SOP version pins beside its steps. */
export interface DisciplineSopSettings {
  appealWindow: AppealWindowSettings;
  /** PP 94/2021 Pasal 33: the team is the direct superior, the supervisory element and HR [BK: at least 3]. */
  minExaminationTeam: number;
  /**
   * Test-only versions run their timers in seconds: the appeal window closes after `appealWindowSeconds`
   * and a month of a time-bound sanction lasts `secondsPerMonth`. Null: the real dates (end of the WIB day).
   */
  fastTimers: { appealWindowSeconds: number; secondsPerMonth: number } | null;
}

export type DisciplineSop = SopDefinition & { settings: DisciplineSopSettings };

/**
 * [BK] domain.md does not confirm the appeal periods: PP 94/2021 is read here as 14 calendar days
 * for an objection (keberatan) and 15 for an administrative appeal (banding) after the decree. An
 * agency's own SOP version may change them.
 */
export const DISCIPLINE_SETTINGS_V1: DisciplineSopSettings = Object.freeze({
  appealWindow: Object.freeze({ days: Object.freeze({ keberatan: 14, banding: 15 }) }),
  minExaminationTeam: 3,
  fastTimers: null,
});

const T = (id: string, en: string) => ({ id, en });

const steps: SopStep[] = [
  {
    id: 'examination',
    status: 'under_examination',
    label: T('Pemeriksaan', 'Examination'),
    terminal: false,
    transitions: [
      { decision: 'record_examination', roles: ['hr_officer'], to: 'decision', requires: ['reason'] },
      { decision: 'close_case', roles: ['hr_officer'], to: 'closed', requires: ['reason'] },
    ],
  },
  {
    id: 'decision',
    status: 'awaiting_decision',
    label: T('Keputusan PPK atas hukuman disiplin', 'PPK decision on the sanction'),
    terminal: false,
    transitions: [
      { decision: 'decide_sanction', roles: ['ppk'], to: 'decree', requires: ['reason'] },
      { decision: 'no_violation', roles: ['ppk'], to: 'closed', requires: ['reason'] },
    ],
  },
  {
    id: 'decree',
    status: 'awaiting_decree',
    label: T('Menunggu SK hukuman disiplin', 'Awaiting the decree'),
    terminal: false,
    transitions: [{ decision: 'record_decree', roles: ['hr_officer'], to: 'appeal_window', requires: ['evidence'] }],
  },
  {
    id: 'appeal_window',
    status: 'appeal_window',
    label: T('Masa upaya administratif', 'Administrative appeal window'),
    terminal: false,
    transitions: [{ decision: 'file_appeal', roles: ['hr_officer'], to: 'appeal_review', requires: ['evidence'] }],
    auto: [{ decision: 'appeal_window_closed', to: 'taking_effect' }],
  },
  {
    id: 'appeal_review',
    status: 'appeal_review',
    label: T('Keputusan atas upaya administratif', 'Appeal being decided'),
    terminal: false,
    transitions: [
      { decision: 'appeal_upheld', roles: ['hr_officer'], to: 'taking_effect', requires: ['reason', 'evidence'] },
      { decision: 'appeal_changed', roles: ['hr_officer'], to: 'taking_effect', requires: ['reason', 'evidence'] },
      { decision: 'appeal_annulled', roles: ['hr_officer'], to: 'annulled', requires: ['reason', 'evidence'] },
    ],
  },
  {
    id: 'taking_effect',
    status: 'taking_effect',
    label: T('Hukuman mulai berlaku', 'Sanction taking effect'),
    terminal: false,
    transitions: [],
    auto: [
      { decision: 'sanction_in_force', to: 'in_force' },
      { decision: 'sanction_applied', to: 'completed' },
    ],
  },
  {
    id: 'in_force',
    status: 'sanction_in_force',
    label: T('Hukuman sedang berlaku', 'Sanction in force'),
    terminal: false,
    transitions: [],
    auto: [{ decision: 'sanction_ended', to: 'restoration' }],
  },
  {
    id: 'restoration',
    status: 'awaiting_restoration',
    label: T('Pemulihan setelah hukuman berakhir', 'Restoration after the sanction ends'),
    terminal: false,
    transitions: [{ decision: 'record_restoration', roles: ['hr_officer'], to: 'completed', requires: ['evidence'] }],
  },
  { id: 'completed', status: 'completed', label: T('Selesai', 'Completed'), terminal: true, transitions: [] },
  { id: 'closed', status: 'closed', label: T('Ditutup tanpa hukuman', 'Closed without a sanction'), terminal: true, transitions: [] },
  { id: 'annulled', status: 'annulled', label: T('Hukuman dibatalkan', 'Sanction annulled'), terminal: true, transitions: [] },
];

function version(v: string, testOnly: boolean, settings: DisciplineSopSettings): Readonly<DisciplineSop> {
  const sop = defineSop({
    id: 'discipline',
    version: v,
    effectiveFrom: '2026-12-01',
    testOnly,
    title: T('Penjatuhan hukuman disiplin PNS', 'Civil-servant discipline'),
    legalBasis: ['PP 94/2021 tentang Disiplin PNS', 'Perban BKN 6/2022'],
    initialStep: 'examination',
    startDecision: { decision: 'report', roles: ['hr_officer'] },
    steps,
  });
  return Object.freeze({ ...sop, settings }) as Readonly<DisciplineSop>;
}

export const disciplineV1 = version('1.0.0', false, DISCIPLINE_SETTINGS_V1);

/** Test-only twin: the appeal window closes after 2 s and a sanction month lasts 1 s. */
export const disciplineTestFast = version('1.0.0-test.fast', true, {
  ...DISCIPLINE_SETTINGS_V1,
  fastTimers: { appealWindowSeconds: 2, secondsPerMonth: 1 },
});

export const DISCIPLINE_SOPS = [disciplineV1, disciplineTestFast] as const;

/** The settings a discipline SOP version pinned. */
export const disciplineSopSettings = (sop: Readonly<SopDefinition>): DisciplineSopSettings =>
  (sop as Readonly<DisciplineSop>).settings ?? DISCIPLINE_SETTINGS_V1;
