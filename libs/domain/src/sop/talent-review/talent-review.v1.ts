import { defineSop } from '../sop.define';
import type { SopDefinition } from '../sop.types';

/**
 * Talent review (PermenPANRB 3/2020 jo 20/2025; Kepka BKN 411/2025), version 1.0.0. Shipped: never
 * edit; add a new version instead. HR opens the review of an agency and period; the placements are
 * computed from the register; the talent committee adjusts placements (each with a reason) and its
 * chair approves the pool for its validity period; HR may withdraw a review before approval. The
 * 20-working-day deadline only reminds the chair [BK].
 */
export const talentReviewV1: Readonly<SopDefinition> = defineSop({
  id: 'talent-review',
  version: '1.0.0',
  effectiveFrom: '2026-01-01',
  testOnly: false,
  title: { id: 'Reviu talenta instansi', en: 'Agency talent review' },
  legalBasis: ['PermenPANRB 3/2020 jo PermenPANRB 20/2025', 'Kepka BKN 411/2025', 'PP 94/2021'],
  initialStep: 'committee_review',
  startDecision: { decision: 'open_review', roles: ['hr_officer'] },
  steps: [
    {
      id: 'committee_review',
      status: 'in_review',
      label: { id: 'Reviu oleh komite talenta', en: 'Talent committee review' },
      terminal: false,
      transitions: [
        { decision: 'adjust_placement', roles: ['committee_member', 'committee_chair'], to: 'committee_review', requires: ['reason'] },
        { decision: 'approve_pool', roles: ['committee_chair'], to: 'approved', requires: [] },
        { decision: 'withdraw', roles: ['hr_officer'], to: 'withdrawn', requires: ['reason'] },
      ],
      deadline: { after: { workingDays: 20 }, onExpiry: 'remind', notifyRole: 'committee_chair' },
    },
    {
      id: 'approved',
      status: 'approved',
      label: { id: 'Kelompok rencana suksesi disetujui', en: 'Talent pool approved' },
      terminal: true,
      transitions: [],
    },
    {
      id: 'withdrawn',
      status: 'withdrawn',
      label: { id: 'Ditarik oleh BKPSDM', en: 'Withdrawn by HR' },
      terminal: true,
      transitions: [],
    },
  ],
});
