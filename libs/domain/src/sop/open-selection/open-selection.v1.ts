import { DEFAULT_COMMITTEE_SETTINGS } from '../../selection/committee';
import { ELIGIBILITY_POLICY_2026 } from '../../selection/eligibility';
import { JPM_SCHEMES, KBB_WEIGHTS } from '../../selection/scoring';
import { defineSop } from '../sop.define';
import type { SopDefinition, SopStep } from '../sop.types';
import type { OpenSelectionSettings, OpenSelectionSop } from './open-selection.types';

/**
 * JPT open selection (seleksi terbuka), PermenPANRB 15/2019 and PP 11/2017 Pasal 113–114:
 * committee → announcement → registration → screening → assessment → committee review → ranking →
 * external recommendation → PPK pick (1 of 3) → appointment → closed. Shipped: never edit.
 */
export const openSelectionSteps = (d: {
  registration: SopStep['deadline'];
  lowApplicants: SopStep['deadline'];
  externalReview: SopStep['deadline'];
  ppkDecision: SopStep['deadline'];
}): SopStep[] => [
  {
    id: 'committee_formation',
    status: 'preparing',
    label: { id: 'Pembentukan panitia seleksi', en: 'Forming the selection committee' },
    terminal: false,
    transitions: [{ decision: 'form_committee', roles: ['ppk'], to: 'announcement', requires: ['evidence'] }],
  },
  {
    id: 'announcement',
    status: 'preparing',
    label: { id: 'Pengumuman seleksi', en: 'Announcement' },
    terminal: false,
    transitions: [{ decision: 'announce', roles: ['committee_chair'], to: 'registration', requires: ['evidence'] }],
  },
  {
    id: 'registration',
    status: 'registration',
    label: { id: 'Pendaftaran', en: 'Registration' },
    terminal: false,
    transitions: [{ decision: 'register_candidates', roles: ['hr_officer'], to: 'registration', requires: [] }],
    auto: [
      { decision: 'registration_closed', to: 'screening' },
      { decision: 'registration_extended', to: 'registration' },
      { decision: 'low_applicants_escalated', to: 'low_applicants' },
    ],
    deadline: d.registration,
  },
  {
    id: 'low_applicants',
    status: 'escalated',
    label: { id: 'Pelamar kurang, menunggu keputusan PPK', en: 'Too few applicants, awaiting the PPK' },
    terminal: false,
    transitions: [
      { decision: 'proceed', roles: ['ppk'], to: 'screening', requires: ['reason'] },
      { decision: 'cancel_selection', roles: ['ppk'], to: 'cancelled', requires: ['reason'] },
    ],
    deadline: d.lowApplicants,
  },
  {
    id: 'screening',
    status: 'screening',
    label: { id: 'Seleksi administrasi', en: 'Administrative screening' },
    terminal: false,
    transitions: [
      { decision: 'screen_candidate', roles: ['hr_officer'], to: 'screening', requires: ['reason'] },
      { decision: 'close_screening', roles: ['committee_chair'], to: 'assessment', requires: ['evidence'] },
    ],
  },
  {
    id: 'assessment',
    status: 'assessment',
    label: { id: 'Uji kompetensi (assessment center)', en: 'Competency assessment' },
    terminal: false,
    transitions: [],
    auto: [{ decision: 'assessments_completed', to: 'committee_review' }],
  },
  {
    id: 'committee_review',
    status: 'committee_review',
    label: { id: 'Penilaian makalah dan wawancara oleh pansel', en: 'Paper and interview scoring' },
    terminal: false,
    transitions: [],
    auto: [{ decision: 'committee_review_completed', to: 'ranking' }],
  },
  {
    id: 'ranking',
    status: 'ranking',
    label: { id: 'Pemeringkatan dan tiga besar', en: 'Ranking and shortlist' },
    terminal: false,
    transitions: [{ decision: 'sign_ranking', roles: ['committee_chair'], to: 'external_review', requires: ['evidence'] }],
  },
  {
    id: 'external_review',
    status: 'external_review',
    label: { id: 'Rekomendasi pengawas eksternal', en: 'External recommendation' },
    terminal: false,
    transitions: [
      { decision: 'recommend', roles: ['overseer'], to: 'external_review', requires: ['evidence'] },
      { decision: 'proceed_without_recommendation', roles: ['ppk'], to: 'ppk_decision', requires: ['reason', 'evidence'] },
    ],
    auto: [{ decision: 'recommendations_received', to: 'ppk_decision' }],
    deadline: d.externalReview,
  },
  {
    id: 'ppk_decision',
    status: 'awaiting_ppk',
    label: { id: 'Penetapan oleh PPK (1 dari 3)', en: 'PPK picks one of three' },
    terminal: false,
    transitions: [{ decision: 'pick', roles: ['ppk'], to: 'ppk_decision', requires: [] }],
    auto: [{ decision: 'all_posts_picked', to: 'appointment' }],
    deadline: d.ppkDecision,
  },
  {
    id: 'appointment',
    status: 'appointment',
    label: { id: 'Pengangkatan dan pelantikan', en: 'Appointment and inauguration' },
    terminal: false,
    transitions: [],
    auto: [{ decision: 'appointments_completed', to: 'closed' }],
  },
  { id: 'closed', status: 'closed', label: { id: 'Selesai', en: 'Closed' }, terminal: true, transitions: [] },
  { id: 'cancelled', status: 'cancelled', label: { id: 'Dibatalkan', en: 'Cancelled' }, terminal: true, transitions: [] },
];

export const openSelectionBase = {
  id: 'open-selection',
  title: { id: 'Seleksi terbuka JPT', en: 'Open selection for senior executive posts (JPT)' },
  legalBasis: ['PermenPANRB 15/2019', 'PP 11/2017 jo PP 17/2020 Pasal 107, 113–114, 127', 'Perkasn 4/2017'],
  initialStep: 'committee_formation',
  startDecision: { decision: 'open_selection', roles: ['hr_officer'] },
} as const;

export const openSelectionSettingsV1: OpenSelectionSettings = {
  minApplicantsPerPost: 4,
  registrationExtension: { calendarDays: 7 },
  maxExtensions: 2,
  shortlistSize: 3,
  weights: KBB_WEIGHTS,
  committee: DEFAULT_COMMITTEE_SETTINGS,
  jpmScheme: JPM_SCHEMES.standard,
  eligibilityPolicy: ELIGIBILITY_POLICY_2026.version,
  ageReference: 'registration',
  overseer: { code: 'BKN', name: { id: 'Badan Kepegawaian Negara', en: 'National Civil Service Agency (BKN)' } },
  childStartWindow: 25,
  children: {
    assessment: { id: 'assessment', version: '1.0.0' },
    committeeReview: { id: 'committee-review', version: '1.0.0' },
    appointment: { id: 'appointment', version: '1.0.0' },
  },
  maxCandidates: 500,
};

const withSettings = (sop: Readonly<SopDefinition>, settings: OpenSelectionSettings): Readonly<OpenSelectionSop> =>
  Object.freeze({ ...sop, settings: Object.freeze(settings) }) as Readonly<OpenSelectionSop>;

export const openSelectionV1 = withSettings(
  defineSop({
    ...openSelectionBase,
    version: '1.0.0',
    effectiveFrom: '2026-01-01',
    testOnly: false,
    steps: openSelectionSteps({
      // ≈15 days of registration [S24]; Kaltim counts working days.
      registration: { after: { workingDays: 15 }, onExpiry: 'handler', notifyRole: 'committee_chair' },
      lowApplicants: { after: { workingDays: 5 }, onExpiry: 'remind', notifyRole: 'ppk' },
      // ≈14 days for the recommendation [S20], as 10 working days [BK].
      externalReview: { after: { workingDays: 10 }, onExpiry: 'escalate', notifyRole: 'ppk' },
      ppkDecision: { after: { workingDays: 10 }, onExpiry: 'remind', notifyRole: 'ppk' },
    }),
  }),
  openSelectionSettingsV1,
);

/** Test-only: the same flow with deadlines of seconds, for tests on a real Temporal server. */
export const openSelectionTestFast = withSettings(
  defineSop({
    ...openSelectionBase,
    version: '1.0.0-test.fast',
    effectiveFrom: '2026-01-01',
    testOnly: true,
    steps: openSelectionSteps({
      registration: { after: { seconds: 4 }, onExpiry: 'handler', notifyRole: 'committee_chair' },
      lowApplicants: { after: { seconds: 60 }, onExpiry: 'remind', notifyRole: 'ppk' },
      externalReview: { after: { seconds: 60 }, onExpiry: 'escalate', notifyRole: 'ppk' },
      ppkDecision: { after: { seconds: 60 }, onExpiry: 'remind', notifyRole: 'ppk' },
    }),
  }),
  {
    ...openSelectionSettingsV1,
    registrationExtension: { seconds: 2 },
    children: {
      assessment: { id: 'assessment', version: '1.0.0-test.fast' },
      committeeReview: { id: 'committee-review', version: '1.0.0-test.fast' },
      appointment: { id: 'appointment', version: '1.0.0' },
    },
  },
);

/**
 * Test-only: 1.0.0-test.fast with a committee review that waits for every member (10 minutes), for the
 * console's browser tests, where people act through the pages one after another. Registration stays
 * open 30 seconds, not 4: HR types the candidates in through the page, which on a busy machine takes
 * longer than the fast SOP's window, and the window's close must not race the typing.
 */
const { settings: fastSettings, ...fastSop } = openSelectionTestFast;
export const openSelectionTestConsole = withSettings(
  defineSop({
    ...fastSop,
    version: '1.0.0-test.console',
    steps: openSelectionSteps({
      registration: { after: { seconds: 30 }, onExpiry: 'handler', notifyRole: 'committee_chair' },
      lowApplicants: { after: { seconds: 60 }, onExpiry: 'remind', notifyRole: 'ppk' },
      externalReview: { after: { seconds: 60 }, onExpiry: 'escalate', notifyRole: 'ppk' },
      ppkDecision: { after: { seconds: 60 }, onExpiry: 'remind', notifyRole: 'ppk' },
    }),
  }),
  {
    ...fastSettings,
    children: { ...fastSettings.children, committeeReview: { id: 'committee-review', version: '1.0.0-test.console' } },
  },
);
