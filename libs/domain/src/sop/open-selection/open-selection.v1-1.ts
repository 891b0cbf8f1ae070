import { defineSop } from '../sop.define';
import type { SopDefinition, SopDuration, SopStep } from '../sop.types';
import { openSelectionBase, openSelectionSettingsV1, openSelectionSteps, openSelectionTestFast } from './open-selection.v1';
import type { OpenSelectionSettings, OpenSelectionSop } from './open-selection.types';

/**
 * Open selection 1.1.0: the pratama flow with the objection stage (sanggah, issue 16 item 2). The signed
 * ranking publishes the results to the candidates and opens a timed objection window; a candidate
 * objects to their own result with evidence; when the window closes the committee chair answers each
 * objection, and the shortlist goes on to the overseer only when every objection is answered; an upheld
 * objection reopens that candidate's paper and interview scores and the ranking is re-signed. The
 * window's length is not confirmed by domain.md: 3 working days [BK]. Shipped: never edit.
 * Effective 2027-01-01 so new cases keep 1.0.0 by default until then; a case may pin 1.1.0.
 */
export const withObjections = (pratama: SopStep[], d: { window: SopStep['deadline']; review: SopStep['deadline'] }): SopStep[] => {
  const ranking = pratama.findIndex((s) => s.id === 'ranking');
  const signed = pratama.map((s) =>
    s.id === 'ranking'
      ? { ...s, transitions: s.transitions.map((t) => (t.decision === 'sign_ranking' ? { ...t, to: 'objection_window' } : t)) }
      : s,
  );
  const stage: SopStep[] = [
    {
      id: 'objection_window',
      status: 'objection_window',
      label: { id: 'Pengumuman hasil dan masa sanggah', en: 'Results published, objection window open' },
      terminal: false,
      transitions: [{ decision: 'file_objection', roles: ['candidate'], to: 'objection_window', requires: ['reason', 'evidence'] }],
      auto: [{ decision: 'objection_window_closed', to: 'objection_review' }],
      deadline: d.window,
    },
    {
      id: 'objection_review',
      status: 'objection_review',
      label: { id: 'Jawaban panitia atas sanggahan', en: 'The committee answers the objections' },
      terminal: false,
      transitions: [{ decision: 'answer_objection', roles: ['committee_chair'], to: 'objection_review', requires: ['reason'] }],
      auto: [
        { decision: 'objections_answered', to: 'external_review' },
        { decision: 'scoring_reopened', to: 'rescoring' },
      ],
      deadline: d.review,
    },
    {
      // An upheld objection reopens the scoring it concerns: the chair re-enters the committee's paper and
      // interview scores of each upheld candidate, and re-signs the recomputed ranking.
      id: 'rescoring',
      status: 'rescoring',
      label: { id: 'Penilaian ulang atas sanggahan yang diterima', en: 'Rescoring after upheld objections' },
      terminal: false,
      transitions: [
        { decision: 'rescore_candidate', roles: ['committee_chair'], to: 'rescoring', requires: ['reason', 'evidence'] },
        { decision: 'sign_ranking', roles: ['committee_chair'], to: 'external_review', requires: ['evidence'] },
      ],
    },
  ];
  return [...signed.slice(0, ranking + 1), ...stage, ...signed.slice(ranking + 1)];
};

const withSettings = (sop: Readonly<SopDefinition>, settings: OpenSelectionSettings): Readonly<OpenSelectionSop> =>
  Object.freeze({ ...sop, settings: Object.freeze(settings) }) as Readonly<OpenSelectionSop>;

export const OBJECTION_WINDOW: SopDuration = { workingDays: 3 };

export const openSelectionV1_1 = withSettings(
  defineSop({
    ...openSelectionBase,
    legalBasis: [...openSelectionBase.legalBasis],
    version: '1.1.0',
    effectiveFrom: '2027-01-01',
    testOnly: false,
    steps: withObjections(
      openSelectionSteps({
        registration: { after: { workingDays: 15 }, onExpiry: 'handler', notifyRole: 'committee_chair' },
        lowApplicants: { after: { workingDays: 5 }, onExpiry: 'remind', notifyRole: 'ppk' },
        externalReview: { after: { workingDays: 10 }, onExpiry: 'escalate', notifyRole: 'ppk' },
        ppkDecision: { after: { workingDays: 10 }, onExpiry: 'remind', notifyRole: 'ppk' },
      }),
      {
        window: { after: OBJECTION_WINDOW, onExpiry: 'handler', notifyRole: 'committee_chair' },
        // The chair answers within 5 working days [BK], else the PPK is told.
        review: { after: { workingDays: 5 }, onExpiry: 'escalate', notifyRole: 'ppk' },
      },
    ),
  }),
  { ...openSelectionSettingsV1, objectionWindow: OBJECTION_WINDOW },
);

/** Test-only: 1.1.0 with deadlines of seconds (an objection window of 12 s), for a real Temporal server. */
export const openSelectionV1_1TestFast = withSettings(
  defineSop({
    ...openSelectionBase,
    legalBasis: [...openSelectionBase.legalBasis],
    version: '1.1.0-test.fast',
    effectiveFrom: '2026-01-01',
    testOnly: true,
    steps: withObjections(
      openSelectionSteps({
        registration: { after: { seconds: 4 }, onExpiry: 'handler', notifyRole: 'committee_chair' },
        lowApplicants: { after: { seconds: 60 }, onExpiry: 'remind', notifyRole: 'ppk' },
        externalReview: { after: { seconds: 60 }, onExpiry: 'escalate', notifyRole: 'ppk' },
        ppkDecision: { after: { seconds: 60 }, onExpiry: 'remind', notifyRole: 'ppk' },
      }),
      {
        window: { after: { seconds: 12 }, onExpiry: 'handler', notifyRole: 'committee_chair' },
        review: { after: { seconds: 60 }, onExpiry: 'escalate', notifyRole: 'ppk' },
      },
    ),
  }),
  { ...openSelectionTestFast.settings, objectionWindow: { seconds: 12 } },
);
