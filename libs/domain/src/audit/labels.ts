import type { LocalizedText } from '../i18n/messages';

/** How roles are named to a reader of a dossier (domain.md §1). */
export const ROLE_LABELS: Readonly<Record<string, LocalizedText>> = Object.freeze({
  hr_officer: { id: 'Petugas BKPSDM/BKD', en: 'HR officer (BKPSDM/BKD)' },
  committee_member: { id: 'Anggota panitia seleksi', en: 'Selection committee member' },
  committee_chair: { id: 'Ketua panitia seleksi', en: 'Selection committee chair' },
  assessor: { id: 'Asesor', en: 'Assessor' },
  ppk: { id: 'Pejabat Pembina Kepegawaian (PPK)', en: 'Appointing official (PPK)' },
  overseer: { id: 'Pengawas eksternal', en: 'External overseer' },
  auditor: { id: 'Auditor', en: 'Auditor' },
  admin: { id: 'Administrator sistem', en: 'System administrator' },
  system: { id: 'Sistem (otomatis)', en: 'System (automatic)' },
});

/** What each recorded decision means; a decision not listed is shown by its name. */
export const DECISION_LABELS: Readonly<Record<string, LocalizedText>> = Object.freeze({
  propose: { id: 'Usulan lowongan', en: 'Vacancy proposed' },
  approve: { id: 'Persetujuan PPK', en: 'Approved by the PPK' },
  reject: { id: 'Penolakan PPK', en: 'Rejected by the PPK' },
  withdraw: { id: 'Penarikan usulan', en: 'Proposal withdrawn' },
  close: { id: 'Penutupan kasus', en: 'Case closed' },
  filled: { id: 'Lowongan terisi', en: 'Vacancy filled' },
  open_selection: { id: 'Pembukaan seleksi terbuka', en: 'Open selection opened' },
  form_committee: { id: 'Pembentukan panitia seleksi', en: 'Selection committee formed' },
  announce: { id: 'Pengumuman seleksi', en: 'Selection announced' },
  register_candidates: { id: 'Pendaftaran pelamar', en: 'Applicants registered' },
  screened_out_ineligible: { id: 'Pelamar tidak memenuhi syarat', en: 'Applicant ineligible' },
  registration_closed: { id: 'Pendaftaran ditutup', en: 'Registration closed' },
  registration_extended: { id: 'Pendaftaran diperpanjang', en: 'Registration extended' },
  low_applicants_escalated: { id: 'Pelamar kurang, diteruskan ke PPK', en: 'Too few applicants, escalated to the PPK' },
  proceed: { id: 'PPK melanjutkan seleksi', en: 'PPK proceeds' },
  cancel_selection: { id: 'Pembatalan seleksi', en: 'Selection cancelled' },
  screen_candidate: { id: 'Hasil seleksi administrasi', en: 'Administrative screening result' },
  close_screening: { id: 'Penutupan seleksi administrasi', en: 'Screening closed' },
  assessment_opened: { id: 'Uji kompetensi dibuka', en: 'Assessment opened' },
  record_assessment: { id: 'Laporan asesor', en: 'Assessor report' },
  assessments_completed: { id: 'Uji kompetensi selesai', en: 'Assessments completed' },
  review_opened: { id: 'Penilaian pansel dibuka', en: 'Committee review opened' },
  declare_interests: { id: 'Pernyataan konflik kepentingan', en: 'Conflict-of-interest declaration' },
  score: { id: 'Penilaian (tertutup)', en: 'Sealed score' },
  scores_unsealed: { id: 'Nilai dibuka', en: 'Scores unsealed' },
  committee_review_completed: { id: 'Penilaian pansel selesai', en: 'Committee review completed' },
  ranking_computed: { id: 'Peringkat dihitung', en: 'Ranking computed' },
  sign_ranking: { id: 'Berita acara pemeringkatan', en: 'Ranking minutes signed' },
  recommend: { id: 'Rekomendasi pengawas eksternal', en: 'External recommendation' },
  proceed_without_recommendation: { id: 'PPK melanjutkan tanpa rekomendasi', en: 'PPK proceeds without a recommendation' },
  recommendations_received: { id: 'Rekomendasi lengkap', en: 'Recommendations received' },
  pick: { id: 'Penetapan calon oleh PPK', en: 'PPK pick' },
  all_posts_picked: { id: 'Semua jabatan ditetapkan', en: 'Every post picked' },
  governor_propose: { id: 'Usulan tiga nama oleh Gubernur', en: 'Three names proposed by the governor' },
  governor_proposals_received: { id: 'Usulan Gubernur lengkap', en: 'Every governor’s proposal received' },
  minister_forward: { id: 'Penerusan oleh Menteri Dalam Negeri', en: 'Forwarded by the Minister of Home Affairs' },
  minister_forwarded: { id: 'Penerusan Mendagri lengkap', en: 'Every proposal forwarded by the Minister' },
  tpa_assess: { id: 'Penilaian oleh TPA', en: 'Assessed by the TPA' },
  tpa_assessed: { id: 'Penilaian TPA lengkap', en: 'Every post assessed by the TPA' },
  record_keppres: { id: 'Keputusan Presiden (Keppres) pengangkatan', en: 'Presidential appointment decree (Keppres)' },
  governor_approve: { id: 'Persetujuan Gubernur', en: 'Approved by the governor' },
  governor_approved: { id: 'Persetujuan Gubernur lengkap', en: 'Every post approved by the governor' },
  propose_nominees: { id: 'Usulan tiga nama oleh pengusul (JPT utama)', en: 'Three names proposed by the proposer (JPT utama)' },
  nominations_received: { id: 'Usulan pengusul lengkap', en: 'Every proposer’s nominees received' },
  president_approval_required: {
    id: 'Penggantian pejabat perlu persetujuan Presiden (kurang dari dua tahun)',
    en: 'Replacing the incumbent needs the President’s approval (within two years)',
  },
  president_approve: { id: 'Persetujuan Presiden atas penggantian pejabat', en: 'The President approved the replacement' },
  president_approved: { id: 'Persetujuan Presiden lengkap', en: 'Every required presidential approval received' },
  appointment_opened: { id: 'Pengangkatan dibuka', en: 'Appointment opened' },
  record_decree: { id: 'SK pengangkatan', en: 'Appointment decree' },
  record_inauguration: { id: 'Pelantikan', en: 'Inauguration' },
  appointments_completed: { id: 'Pengangkatan selesai', en: 'Appointments completed' },
  deadline_reminder: { id: 'Pengingat batas waktu', en: 'Deadline reminder' },
  deadline_escalated: { id: 'Eskalasi batas waktu', en: 'Deadline escalation' },
  deadline_expired: { id: 'Batas waktu habis', en: 'Deadline expired' },
  override: { id: 'Pengecualian aturan', en: 'Rule override' },
  rules_evaluated: { id: 'Pemeriksaan aturan mobilitas', en: 'Mobility rules checked' },
  sop_migration_requested: { id: 'Permintaan migrasi SOP', en: 'SOP migration requested' },
  sop_migration_approved: { id: 'Persetujuan migrasi SOP (empat mata)', en: 'SOP migration approved (four eyes)' },
  sop_migration_rejected: { id: 'Penolakan migrasi SOP', en: 'SOP migration rejected' },
  sop_migrated: { id: 'Kasus dipindahkan ke versi SOP baru', en: 'Case moved to the new SOP version' },
  decision_blocked: { id: 'Upaya ditolak aturan (dicatat)', en: 'Attempt blocked by a rule (recorded)' },
  tpk_advise: { id: 'Pertimbangan TPK', en: 'TPK advice' },
  report_submitted: { id: 'Laporan kepada Mendagri', en: 'Report to the Minister of Home Affairs' },
  propose_batch: { id: 'Usulan mutasi/rotasi kolektif', en: 'Collective move proposed' },
  members_checked: { id: 'Pemeriksaan aturan per pegawai selesai', en: 'Every person checked' },
  approve_batch: { id: 'Persetujuan PPK atas usulan kolektif', en: 'Batch approved by the PPK' },
  reject_batch: { id: 'Penolakan PPK atas usulan kolektif', en: 'Batch rejected by the PPK' },
  history_archived: { id: 'Riwayat alur kerja diarsipkan', en: 'Workflow history archived' },
  history_snapshot: { id: 'Cuplikan riwayat untuk audit', en: 'History snapshot for an audit' },
  report: { id: 'Laporan dugaan pelanggaran disiplin', en: 'Discipline report' },
  subject_checked: { id: 'Data pegawai dari register', en: 'Official’s register facts read' },
  record_examination: { id: 'Pemeriksaan (BAP)', en: 'Examination (minutes)' },
  close_case: { id: 'Kasus ditutup', en: 'Case closed' },
  decide_sanction: { id: 'Keputusan PPK: tingkat dan jenis hukuman', en: 'PPK decision: level and sanction' },
  no_violation: { id: 'PPK: tidak terbukti melanggar', en: 'PPK: no violation found' },
  file_appeal: { id: 'Upaya administratif diajukan', en: 'Appeal filed' },
  appeal_window_closed: { id: 'Masa upaya administratif berakhir', en: 'Appeal window closed' },
  appeal_upheld: { id: 'Upaya administratif: hukuman dikuatkan', en: 'Appeal: sanction upheld' },
  appeal_changed: { id: 'Upaya administratif: hukuman diubah', en: 'Appeal: sanction changed' },
  appeal_annulled: { id: 'Upaya administratif: hukuman dibatalkan', en: 'Appeal: sanction annulled' },
  sanction_in_force: { id: 'Hukuman berlaku; register diperbarui', en: 'Sanction in force; register updated' },
  sanction_applied: { id: 'Hukuman dijatuhkan; register diperbarui', en: 'Sanction applied; register updated' },
  sanction_ended: { id: 'Masa hukuman berakhir', en: 'Sanction ended' },
  record_restoration: { id: 'Pemulihan dicatat di register', en: 'Restoration recorded in the register' },
  register_effect_failed: {
    id: 'Register menolak perubahan (perlu tindak lanjut)',
    en: 'The register refused the change (follow-up needed)',
  },
  open_review: { id: 'Reviu talenta dibuka', en: 'Talent review opened' },
  placements_computed: { id: 'Pemetaan kotak sembilan dihitung dari register', en: 'Nine-box placements computed from the register' },
  adjust_placement: { id: 'Penyesuaian pemetaan oleh komite talenta', en: 'Placement adjusted by the talent committee' },
  approve_pool: { id: 'Persetujuan kelompok rencana suksesi', en: 'Talent pool approved' },
});

/** Where a decision means something else in one case type (a move's proposal is not a vacancy's). */
const DECISION_LABELS_BY_CASE_TYPE: Readonly<Record<string, Readonly<Record<string, LocalizedText>>>> = Object.freeze({
  move: Object.freeze({
    propose: { id: 'Usulan pemindahan pegawai', en: 'Move proposed' },
    record_decree: { id: 'SK pemindahan (mutasi/rotasi/promosi)', en: 'Move decree' },
  }),
  'bulk-move': Object.freeze({
    record_decree: { id: 'SK kolektif', en: 'Collective decree' },
  }),
  discipline: Object.freeze({
    record_decree: { id: 'SK hukuman disiplin', en: 'Discipline decree' },
  }),
});

/** A decision's label as a reader of that case type should read it. */
export const decisionLabelOf = (caseType: string, decision: string): LocalizedText =>
  DECISION_LABELS_BY_CASE_TYPE[caseType]?.[decision] ?? labelOf(DECISION_LABELS, decision);

export const FILLING_METHOD_LABELS: Readonly<Record<string, LocalizedText>> = Object.freeze({
  open_selection: { id: 'Seleksi terbuka', en: 'Open selection' },
  talent_pool: { id: 'Manajemen talenta', en: 'Talent management' },
  mutation_rotation: { id: 'Mutasi/rotasi', en: 'Mutation/rotation' },
});

export const labelOf = (labels: Readonly<Record<string, LocalizedText>>, key: string): LocalizedText => labels[key] ?? { id: key, en: key };
