import { defineSop } from '../sop.define';

/**
 * A collective decree moving many officials at once (bulk rotation or mutation within one agency):
 * each person is checked on their own, the PPK approves the batch whole or with named exclusions, and
 * one decree number with an annex lists every move.
 */
export const bulkMoveV1 = defineSop({
  id: 'bulk-move',
  version: '1.0.0',
  effectiveFrom: '2026-01-01',
  testOnly: false,
  title: { id: 'Mutasi/rotasi massal dengan satu SK kolektif', en: 'Bulk move under one collective decree' },
  legalBasis: ['PP 11/2017 jo PP 17/2020 Pasal 190–191'],
  initialStep: 'checking',
  startDecision: { decision: 'propose_batch', roles: ['hr_officer'] },
  steps: [
    {
      id: 'checking',
      status: 'checking',
      label: { id: 'Pemeriksaan per pegawai', en: 'Checking each person' },
      terminal: false,
      transitions: [],
      auto: [{ decision: 'members_checked', to: 'awaiting_approval' }],
    },
    {
      id: 'awaiting_approval',
      status: 'awaiting_decision',
      label: { id: 'Menunggu persetujuan PPK', en: 'Awaiting the PPK' },
      terminal: false,
      transitions: [
        { decision: 'approve_batch', roles: ['ppk'], to: 'decree', requires: [] },
        { decision: 'reject_batch', roles: ['ppk'], to: 'rejected', requires: ['reason'] },
      ],
    },
    {
      id: 'decree',
      status: 'awaiting_decree',
      label: { id: 'Menunggu SK kolektif', en: 'Awaiting the collective decree' },
      terminal: false,
      transitions: [{ decision: 'record_decree', roles: ['hr_officer'], to: 'completed', requires: ['evidence'] }],
    },
    { id: 'completed', status: 'completed', label: { id: 'Selesai', en: 'Completed' }, terminal: true, transitions: [] },
    { id: 'rejected', status: 'rejected', label: { id: 'Ditolak', en: 'Rejected' }, terminal: true, transitions: [] },
  ],
});

/** One person in a bulk move: checked on their own, then included in the decree or excluded. */
export const bulkMemberV1 = defineSop({
  id: 'bulk-member',
  version: '1.0.0',
  effectiveFrom: '2026-01-01',
  testOnly: false,
  title: { id: 'Pegawai dalam mutasi massal', en: 'Person in a bulk move' },
  legalBasis: ['PP 11/2017 jo PP 17/2020 Pasal 190'],
  initialStep: 'checking',
  startDecision: { decision: 'member_added', roles: ['hr_officer'] },
  steps: [
    {
      id: 'checking',
      status: 'checking',
      label: { id: 'Pemeriksaan aturan', en: 'Rule check' },
      terminal: false,
      transitions: [],
      auto: [{ decision: 'member_checked', to: 'awaiting_batch' }],
    },
    {
      id: 'awaiting_batch',
      status: 'awaiting_batch',
      label: { id: 'Menunggu keputusan kolektif', en: 'Awaiting the batch decision' },
      terminal: false,
      transitions: [],
      auto: [
        { decision: 'included_in_decree', to: 'moved' },
        { decision: 'excluded_from_batch', to: 'excluded' },
      ],
    },
    { id: 'moved', status: 'moved', label: { id: 'Dipindahkan', en: 'Moved' }, terminal: true, transitions: [] },
    { id: 'excluded', status: 'excluded', label: { id: 'Dikecualikan', en: 'Excluded' }, terminal: true, transitions: [] },
  ],
});
