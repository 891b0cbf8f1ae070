import { defineSop } from '../sop.define';
import type { SopDefinition } from '../sop.types';

/**
 * Vacancy (lowongan jabatan) SOP, version 1.0.0. Shipped: never edit; add a new version instead.
 * HR proposes; the PPK approves with a filling method or rejects; HR may withdraw before that.
 * The PPK deadline of 10 working days is not fixed by regulation [BK]; it only triggers a reminder.
 */
export const vacancyBase = {
  id: 'vacancy',
  title: { id: 'Usulan lowongan jabatan', en: 'Vacancy proposal' },
  legalBasis: ['UU 20/2023 tentang ASN', 'PP 11/2017 jo PP 17/2020'],
  initialStep: 'awaiting_ppk_decision',
  startDecision: { decision: 'propose', roles: ['hr_officer'] },
} as const;

export const vacancyV1: Readonly<SopDefinition> = defineSop({
  ...vacancyBase,
  version: '1.0.0',
  effectiveFrom: '2026-01-01',
  testOnly: false,
  steps: [
    {
      id: 'awaiting_ppk_decision',
      status: 'proposed',
      label: { id: 'Menunggu keputusan PPK', en: 'Awaiting the PPK decision' },
      terminal: false,
      transitions: [
        { decision: 'approve', roles: ['ppk'], to: 'approved', requires: ['fillingMethod'] },
        { decision: 'reject', roles: ['ppk'], to: 'rejected', requires: ['reason'] },
        { decision: 'withdraw', roles: ['hr_officer'], to: 'withdrawn', requires: ['reason'] },
      ],
      deadline: { after: { workingDays: 10 }, onExpiry: 'remind', notifyRole: 'ppk' },
    },
    {
      id: 'approved',
      status: 'approved',
      label: { id: 'Disetujui, menunggu pengisian', en: 'Approved, awaiting filling' },
      terminal: false,
      transitions: [{ decision: 'close', roles: ['hr_officer'], to: 'closed', requires: ['reason'] }],
    },
    {
      id: 'rejected',
      status: 'rejected',
      label: { id: 'Ditolak PPK', en: 'Rejected by the PPK' },
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
    {
      id: 'closed',
      status: 'closed',
      label: { id: 'Ditutup', en: 'Closed' },
      terminal: true,
      transitions: [],
    },
  ],
});
