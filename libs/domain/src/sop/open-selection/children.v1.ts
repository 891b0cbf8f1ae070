import { defineSop } from '../sop.define';
import type { SopDeadline, SopDefinition } from '../sop.types';

/** One candidate's competency assessment: assessors record levels, the job-person match follows. */
const assessment = (version: string, testOnly: boolean, deadline: SopDeadline): Readonly<SopDefinition> =>
  defineSop({
    id: 'assessment',
    version,
    effectiveFrom: '2026-01-01',
    testOnly,
    title: { id: 'Uji kompetensi calon', en: 'Candidate competency assessment' },
    legalBasis: ['PermenPANRB 38/2017', 'PermenPANRB 15/2019'],
    initialStep: 'awaiting_assessment',
    startDecision: { decision: 'assessment_opened', roles: ['hr_officer'] },
    steps: [
      {
        id: 'awaiting_assessment',
        status: 'assessment',
        label: { id: 'Menunggu hasil asesor', en: 'Awaiting the assessor' },
        terminal: false,
        transitions: [{ decision: 'record_assessment', roles: ['assessor'], to: 'assessed', requires: ['evidence'] }],
        deadline,
      },
      { id: 'assessed', status: 'assessed', label: { id: 'Selesai dinilai', en: 'Assessed' }, terminal: true, transitions: [] },
    ],
  });

/** The committee's paper and interview scoring: declarations of interest, sealed votes, quorum. */
const committeeReview = (version: string, testOnly: boolean, deadline: SopDeadline): Readonly<SopDefinition> =>
  defineSop({
    id: 'committee-review',
    version,
    effectiveFrom: '2026-01-01',
    testOnly,
    title: { id: 'Penilaian oleh panitia seleksi', en: 'Committee review' },
    legalBasis: ['PermenPANRB 15/2019', 'Perkasn 4/2017 (kode etik pansel)'],
    initialStep: 'scoring',
    startDecision: { decision: 'review_opened', roles: ['committee_chair'] },
    steps: [
      {
        id: 'scoring',
        status: 'scoring',
        label: { id: 'Penilaian tertutup', en: 'Sealed scoring' },
        terminal: false,
        transitions: [
          { decision: 'declare_interests', roles: ['committee_member', 'committee_chair'], to: 'scoring', requires: [] },
          { decision: 'score', roles: ['committee_member', 'committee_chair'], to: 'scoring', requires: [] },
        ],
        auto: [{ decision: 'scores_unsealed', to: 'scored' }],
        deadline,
      },
      { id: 'scored', status: 'scored', label: { id: 'Nilai dibuka', en: 'Scores unsealed' }, terminal: true, transitions: [] },
    ],
  });

/** Appointment to one post: the decree (SK), then the inauguration. */
export const appointmentV1: Readonly<SopDefinition> = defineSop({
  id: 'appointment',
  version: '1.0.0',
  effectiveFrom: '2026-01-01',
  testOnly: false,
  title: { id: 'Pengangkatan dalam jabatan', en: 'Appointment to the post' },
  legalBasis: ['PP 11/2017 jo PP 17/2020 Pasal 127'],
  initialStep: 'awaiting_decree',
  startDecision: { decision: 'appointment_opened', roles: ['ppk'] },
  steps: [
    {
      id: 'awaiting_decree',
      status: 'awaiting_decree',
      label: { id: 'Menunggu SK pengangkatan', en: 'Awaiting the decree' },
      terminal: false,
      transitions: [{ decision: 'record_decree', roles: ['hr_officer'], to: 'awaiting_inauguration', requires: ['evidence'] }],
    },
    {
      id: 'awaiting_inauguration',
      status: 'awaiting_inauguration',
      label: { id: 'Menunggu pelantikan', en: 'Awaiting the inauguration' },
      terminal: false,
      transitions: [{ decision: 'record_inauguration', roles: ['hr_officer'], to: 'appointed', requires: ['evidence'] }],
    },
    { id: 'appointed', status: 'appointed', label: { id: 'Dilantik', en: 'Inaugurated' }, terminal: true, transitions: [] },
  ],
});

// Assessment 1–3 days [S32]: a late report is escalated to the committee chair [BK].
export const assessmentV1 = assessment('1.0.0', false, { after: { workingDays: 3 }, onExpiry: 'escalate', notifyRole: 'committee_chair' });
export const assessmentTestFast = assessment('1.0.0-test.fast', true, {
  after: { seconds: 60 },
  onExpiry: 'escalate',
  notifyRole: 'committee_chair',
});
// Scores unseal when every eligible member has scored, or at the deadline [BK: 10 working days].
export const committeeReviewV1 = committeeReview('1.0.0', false, {
  after: { workingDays: 10 },
  onExpiry: 'handler',
  notifyRole: 'committee_chair',
});
export const committeeReviewTestFast = committeeReview('1.0.0-test.fast', true, {
  after: { seconds: 30 },
  onExpiry: 'handler',
  notifyRole: 'committee_chair',
});
/**
 * Test-only: the review window of the console's browser test. The review ends as soon as every member
 * has scored; a 30 s window raced five members scoring through a browser on a busy machine.
 */
export const committeeReviewTestConsole = committeeReview('1.0.0-test.console', true, {
  after: { seconds: 600 },
  onExpiry: 'handler',
  notifyRole: 'committee_chair',
});
