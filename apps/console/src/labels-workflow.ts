import { listSops, type FillingMethod, type PositionClass, type Role } from '@meritflow/domain';
import type { Lang } from './i18n';

// Labels of the workflow codes (decisions, statuses, steps, roles, post classes, filling methods) in
// Bahasa Indonesia and English. Part of the one label dictionary (labels.ts re-exports it); a spec
// (labels.spec.ts) checks that every decision, status and step of every shipped SOP has a label.

type Pair = readonly [id: string, en: string];
type Labels<K extends string> = Readonly<Record<K, Pair>>;

export const DECISIONS: Labels<string> = {
  propose: ['Usulkan lowongan', 'Propose a vacancy'],
  open_selection: ['Buka seleksi terbuka', 'Open the selection'],
  approve: ['Setujui', 'Approve'],
  reject: ['Tolak', 'Reject'],
  withdraw: ['Tarik usulan', 'Withdraw'],
  override: ['Ambil alih keputusan', 'Override'],
  reopen: ['Buka kembali', 'Reopen'],
  form_committee: ['Bentuk panitia seleksi', 'Form the committee'],
  member_added: ['Anggota panitia ditambahkan', 'Member added'],
  member_checked: ['Anggota panitia diperiksa', 'Member checked'],
  members_checked: ['Semua anggota panitia diperiksa', 'All members checked'],
  announce: ['Umumkan seleksi', 'Announce the selection'],
  register_candidates: ['Daftarkan pelamar', 'Register candidates'],
  registration_closed: ['Pendaftaran ditutup', 'Registration closed'],
  registration_extended: ['Pendaftaran diperpanjang', 'Registration extended'],
  low_applicants_escalated: ['Pelamar kurang; dieskalasi', 'Too few applicants; escalated'],
  screen_candidate: ['Seleksi administrasi pelamar', 'Screen a candidate'],
  close_screening: ['Tutup seleksi administrasi', 'Close screening'],
  assessment_opened: ['Asesmen dibuka', 'Assessment opened'],
  record_assessment: ['Catat hasil asesmen', 'Record the assessment'],
  assessments_completed: ['Asesmen selesai', 'Assessments completed'],
  tpa_assessed: ['Tes potensi akademik dinilai', 'Aptitude test assessed'],
  declare_interests: ['Nyatakan konflik kepentingan', 'Declare conflicts of interest'],
  score: ['Beri nilai', 'Score'],
  scores_unsealed: ['Nilai dibuka', 'Scores unsealed'],
  scoring_reopened: ['Penilaian dibuka kembali', 'Scoring reopened'],
  rescore_candidate: ['Nilai ulang calon', 'Rescore a candidate'],
  ranking_computed: ['Peringkat dihitung', 'Ranking computed'],
  sign_ranking: ['Tandatangani berita acara peringkat', 'Sign the ranking'],
  file_objection: ['Ajukan sanggahan', 'File an objection'],
  answer_objection: ['Jawab sanggahan', 'Answer an objection'],
  objection_window_closed: ['Masa sanggah berakhir', 'Objection window closed'],
  objections_answered: ['Semua sanggahan dijawab', 'All objections answered'],
  recommend: ['Beri rekomendasi', 'Recommend'],
  recommendations_received: ['Rekomendasi diterima', 'Recommendations received'],
  proceed_without_recommendation: ['Lanjut tanpa rekomendasi', 'Proceed without recommendation'],
  pick: ['Pilih calon', 'Pick a candidate'],
  all_posts_picked: ['Semua jabatan terpilih', 'Every post picked'],
  appointment_opened: ['Pengangkatan dibuka', 'Appointment opened'],
  appointments_completed: ['Pengangkatan selesai', 'Appointments completed'],
  tpk_advise: ['Pertimbangan TPK', 'Advice of the TPK'],
  tpa_assess: ['Catat penilaian TPA', 'Record the TPA assessment'],
  governor_propose: ['Usulan gubernur', "Governor's proposal"],
  governor_approve: ['Persetujuan gubernur', "Governor's approval"],
  minister_forward: ['Teruskan ke menteri', 'Forward to the minister'],
  record_keppres: ['Catat Keputusan Presiden', 'Record the presidential decree'],
  propose_nominees: ['Catat usulan tiga nama pengusul (JPT utama)', 'Record the proposer’s three names (JPT utama)'],
  nominations_received: ['Usulan pengusul lengkap', 'Every proposer’s nominees received'],
  president_approval_required: ['Penggantian pejabat perlu persetujuan Presiden', 'The replacement needs the President’s approval'],
  president_approve: ['Catat persetujuan Presiden atas penggantian', 'Record the President’s approval of the replacement'],
  president_approved: ['Persetujuan Presiden lengkap', 'Every required presidential approval received'],
  governor_proposals_received: ['Usulan gubernur diterima', "Governor's proposals received"],
  governor_approved: ['Disetujui gubernur', 'Approved by the governor'],
  record_governor_decision: ['Catat keputusan gubernur', "Record the governor's decision"],
  minister_forwarded: ['Diteruskan ke menteri', 'Forwarded to the minister'],
  record_minister_decision: ['Catat keputusan menteri', "Record the minister's decision"],
  record_pertek: ['Catat pertimbangan teknis BKN', "Record BKN's technical advice"],
  record_decree: ['Catat SK pengangkatan', 'Record the decree'],
  record_inauguration: ['Catat pelantikan', 'Record the inauguration'],
  filled: ['Jabatan terisi', 'Post filled'],
  proceed: ['Lanjutkan', 'Proceed'],
  cancel_selection: ['Batalkan seleksi', 'Cancel the selection'],
  close: ['Tutup lowongan', 'Close the vacancy'],
  release: ['Lepas pegawai', 'Release the official'],
  refuse_release: ['Tolak melepas pegawai', 'Refuse the release'],
  adjust_placement: ['Sesuaikan penempatan', 'Adjust the placement'],
  report_submitted: ['Laporan disampaikan', 'Report submitted'],
  propose_batch: ['Usulkan mutasi massal', 'Propose the bulk move'],
  approve_batch: ['Setujui mutasi massal', 'Approve the bulk move'],
  reject_batch: ['Tolak mutasi massal', 'Reject the bulk move'],
  excluded_from_batch: ['Dikeluarkan dari mutasi massal', 'Excluded from the bulk move'],
  included_in_decree: ['Dimasukkan dalam SK', 'Included in the decree'],
  open_review: ['Buka reviu talenta', 'Open the talent review'],
  review_opened: ['Reviu talenta dibuka', 'Talent review opened'],
  talent_committee_review: ['Sidang komite talenta', 'Talent committee review'],
  committee_review_completed: ['Sidang komite selesai', 'Committee review completed'],
  approve_pool: ['Tetapkan kelompok rencana suksesi', 'Approve the talent pool'],
  report: ['Laporan dugaan pelanggaran disiplin', 'Discipline report'],
  record_examination: ['Catat pemeriksaan (BAP)', 'Record the examination'],
  close_case: ['Tutup kasus', 'Close the case'],
  decide_sanction: ['Tetapkan tingkat dan jenis hukuman', 'Decide level and sanction'],
  no_violation: ['Tidak terbukti melanggar', 'No violation found'],
  file_appeal: ['Catat upaya administratif', 'Record an appeal'],
  appeal_window_closed: ['Masa upaya administratif berakhir', 'Appeal window closed'],
  appeal_upheld: ['Upaya administratif: hukuman dikuatkan', 'Appeal: sanction upheld'],
  appeal_changed: ['Upaya administratif: hukuman diubah', 'Appeal: sanction changed'],
  appeal_annulled: ['Upaya administratif: hukuman dibatalkan', 'Appeal: sanction annulled'],
  sanction_in_force: ['Hukuman berlaku; register diperbarui', 'Sanction in force; register updated'],
  sanction_applied: ['Hukuman dijatuhkan; register diperbarui', 'Sanction applied; register updated'],
  sanction_ended: ['Masa hukuman berakhir', 'Sanction ended'],
  record_restoration: ['Catat pemulihan di register', 'Record the restoration'],
};

export const STATUSES: Labels<string> = {
  proposed: ['Diusulkan', 'Proposed'],
  approved: ['Disetujui', 'Approved'],
  rejected: ['Ditolak', 'Rejected'],
  withdrawn: ['Ditarik', 'Withdrawn'],
  closed: ['Ditutup', 'Closed'],
  cancelled: ['Dibatalkan', 'Cancelled'],
  expired: ['Kedaluwarsa', 'Expired'],
  escalated: ['Dieskalasi', 'Escalated'],
  preparing: ['Persiapan', 'Preparing'],
  open: ['Terbuka', 'Open'],
  registration: ['Pendaftaran', 'Registration'],
  screening: ['Seleksi administrasi', 'Screening'],
  assessment: ['Asesmen', 'Assessment'],
  assessed: ['Sudah diases', 'Assessed'],
  scoring: ['Penilaian', 'Scoring'],
  scored: ['Sudah dinilai', 'Scored'],
  rescoring: ['Penilaian ulang', 'Rescoring'],
  ranking: ['Pemeringkatan', 'Ranking'],
  objection_window: ['Masa sanggah', 'Objection window'],
  objection_review: ['Penelaahan sanggahan', 'Objection review'],
  external_review: ['Rekomendasi pengawas', 'External review'],
  awaiting_ppk: ['Menunggu PPK', 'Awaiting the PPK'],
  awaiting_decision: ['Menunggu keputusan', 'Awaiting a decision'],
  awaiting_pertek: ['Menunggu pertimbangan teknis BKN', "Awaiting BKN's technical advice"],
  awaiting_decree: ['Menunggu SK', 'Awaiting the decree'],
  awaiting_inauguration: ['Menunggu pelantikan', 'Awaiting the inauguration'],
  awaiting_release: ['Menunggu persetujuan pelepasan', 'Awaiting the release'],
  awaiting_report: ['Menunggu laporan', 'Awaiting the report'],
  awaiting_batch: ['Menunggu mutasi massal', 'Awaiting the bulk move'],
  appointment: ['Pengangkatan', 'Appointment'],
  appointed: ['Diangkat', 'Appointed'],
  filled: ['Terisi', 'Filled'],
  moved: ['Sudah dimutasi', 'Moved'],
  excluded: ['Dikeluarkan', 'Excluded'],
  checking: ['Pemeriksaan', 'Checking'],
  in_review: ['Dalam penelaahan', 'In review'],
  tpk_review: ['Penelaahan TPK', 'TPK review'],
  talent_review: ['Reviu talenta', 'Talent review'],
  committee_review: ['Sidang komite', 'Committee review'],
  completed: ['Selesai', 'Completed'],
  annulled: ['Dibatalkan', 'Annulled'],
  under_examination: ['Dalam pemeriksaan', 'Under examination'],
  appeal_window: ['Masa upaya administratif', 'Appeal window'],
  appeal_review: ['Penelaahan upaya administratif', 'Appeal review'],
  sanction_in_force: ['Hukuman berlaku', 'Sanction in force'],
  taking_effect: ['Mulai berlaku', 'Taking effect'],
  awaiting_restoration: ['Menunggu pemulihan', 'Awaiting restoration'],
  awaiting_governor: ['Menunggu gubernur', 'Awaiting the governor'],
  awaiting_minister: ['Menunggu menteri', 'Awaiting the minister'],
  awaiting_keppres: ['Menunggu Keputusan Presiden', 'Awaiting the presidential decree'],
  awaiting_nomination: ['Menunggu usulan tiga nama dari pengusul', 'Awaiting the proposer’s three names'],
  awaiting_president: ['Menunggu persetujuan Presiden', 'Awaiting the President’s approval'],
  awaiting_tpa: ['Menunggu TPA', 'Awaiting the TPA'],
  done: ['Selesai', 'Done'],
};

/** The move SOPs' decisions where the shared id means something else (a move's `propose` proposes a move, not a vacancy). */
const MOVE_DECISIONS: Labels<string> = {
  propose: ['Usulkan pemindahan', 'Propose the move'],
  approve: ['Setujui pemindahan', 'Approve the move'],
  reject: ['Tolak pemindahan', 'Reject the move'],
  override: ['Kesampingkan aturan dengan dasar hukum', 'Lift a rule on a legal basis'],
  rules_evaluated: ['Aturan mobilitas diperiksa', 'Mobility rules checked'],
  decision_blocked: ['Keputusan terhalang aturan mobilitas', 'Decision blocked by a mobility rule'],
  record_decree: ['Catat SK pemindahan', 'Record the transfer decree'],
};

/**
 * Decision labels per SOP, for the ids that repeat across SOPs with different meanings (as the step
 * labels are looked up by SOP): a bulk move's `member_added` adds an official to the collective
 * decree, a discipline case's `record_decree` records the sanction's decree. Without an entry for the
 * case's SOP, DECISIONS applies.
 */
export const DECISIONS_BY_SOP: Readonly<Record<string, Labels<string>>> = {
  ...Object.fromEntries(
    ['mutation-intra', 'mutation-inter-agency', 'mutation-inter-province', 'rotation', 'talent-promotion'].map((id) => [
      id,
      MOVE_DECISIONS,
    ]),
  ),
  'bulk-move': {
    member_added: ['Pegawai ditambahkan ke SK kolektif', 'Official added to the collective decree'],
    members_added: ['Halaman pegawai ditambahkan ke usulan kolektif', 'A page of officials added to the batch'],
    members_checked: ['Semua pegawai dalam SK kolektif diperiksa', 'Every official in the collective decree checked'],
    approve_batch: ['Setujui SK kolektif', 'Approve the collective decree'],
    reject_batch: ['Tolak SK kolektif', 'Reject the collective decree'],
    record_decree: ['Catat SK kolektif', 'Record the collective decree'],
  },
  'bulk-member': {
    member_checked: ['Pegawai diperiksa', 'Official checked'],
  },
  discipline: {
    record_decree: ['Catat SK hukuman disiplin', 'Record the discipline decree'],
  },
  appointment: {
    record_decree: ['Catat SK pengangkatan', 'Record the appointment decree'],
  },
};

export const ROLES_LABELS: Labels<Role | 'system'> = {
  hr_officer: ['Petugas BKPSDM (SDM)', 'HR officer'],
  committee_member: ['Anggota panitia seleksi', 'Committee member'],
  committee_chair: ['Ketua panitia seleksi', 'Committee chair'],
  assessor: ['Asesor', 'Assessor'],
  ppk: ['Pejabat Pembina Kepegawaian (PPK)', 'Appointing official (PPK)'],
  overseer: ['Pengawas (BKN)', 'Overseer (BKN)'],
  auditor: ['Auditor sistem merit', 'Merit auditor'],
  admin: ['Administrator', 'Administrator'],
  candidate: ['Pelamar', 'Candidate'],
  system: ['Sistem', 'System'],
};

export const POSITION_CLASS_LABELS: Labels<PositionClass> = {
  jpt_utama: ['JPT Utama', 'Senior executive (utama)'],
  jpt_madya: ['JPT Madya', 'Senior executive (madya)'],
  jpt_pratama: ['JPT Pratama', 'Senior executive (pratama)'],
  administrator: ['Administrator', 'Administrator'],
  pengawas: ['Pengawas', 'Supervisor (pengawas)'],
  functional: ['Jabatan fungsional', 'Functional post'],
};

export const FILLING_METHOD_LABELS: Labels<FillingMethod> = {
  open_selection: ['Seleksi terbuka', 'Open selection'],
  talent_pool: ['Dari kelompok rencana suksesi', 'From the talent pool'],
  mutation_rotation: ['Mutasi/rotasi', 'Move or rotation'],
};

/**
 * Step labels come from the SOPs themselves (each step carries its own), newest version first. Step
 * ids repeat across SOPs with different meanings ("approved" is a vacancy's approval and a talent
 * pool's), so a label is looked up by SOP first; without one, every distinct label is given.
 */
const STEPS_BY_SOP: Map<string, Pair> = new Map();
const STEPS: Map<string, Pair> = new Map();
for (const sop of [...listSops()].reverse()) {
  for (const st of sop.steps) {
    const pair: Pair = [st.label.id, st.label.en];
    if (!STEPS_BY_SOP.has(`${sop.id}:${st.id}`)) STEPS_BY_SOP.set(`${sop.id}:${st.id}`, pair);
  }
}
for (const [key, pair] of STEPS_BY_SOP) {
  const id = key.slice(key.indexOf(':') + 1);
  const known = STEPS.get(id);
  if (!known) STEPS.set(id, pair);
  else if (!known[0].split(' / ').includes(pair[0])) STEPS.set(id, [`${known[0]} / ${pair[0]}`, `${known[1]} / ${pair[1]}`]);
}
export const stepLabels = (): ReadonlyMap<string, Pair> => STEPS;

const pick = (entry: Pair | undefined, code: string, lang: Lang) => (entry ? entry[lang === 'id' ? 0 : 1] : code);
const of =
  (labels: Readonly<Record<string, Pair>> | ReadonlyMap<string, Pair>) =>
  (code: string | null | undefined, lang: Lang): string => {
    if (code === null || code === undefined || code === '') return '—';
    const entry = labels instanceof Map ? labels.get(code) : (labels as Record<string, Pair>)[code];
    return pick(entry, humanise(code), lang);
  };

/** A code no dictionary knows yet is never shown raw: "awaiting_x_y" becomes "Awaiting x y". */
export const humanise = (code: string): string => {
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : code;
};

const anyDecisionLabel = of(DECISIONS);
/** A decision's label, read for the case's SOP (`sopId`) where the id means something else there. */
export const decisionLabel = (code: string | null | undefined, lang: Lang, sopId?: string): string => {
  const own = code && sopId ? DECISIONS_BY_SOP[sopId]?.[code] : undefined;
  return own ? pick(own, code!, lang) : anyDecisionLabel(code, lang);
};
export const statusLabel = of(STATUSES);
const anyStepLabel = of(STEPS);
/** A step's label, read from the case's SOP (`sopId`) where known. */
export const stepLabel = (code: string | null | undefined, lang: Lang, sopId?: string): string => {
  const own = code && sopId ? STEPS_BY_SOP.get(`${sopId}:${code}`) : undefined;
  return own ? pick(own, code!, lang) : anyStepLabel(code, lang);
};
export const roleLabel = of(ROLES_LABELS);
export const positionClassLabel = of(POSITION_CLASS_LABELS);
export const fillingMethodLabel = of(FILLING_METHOD_LABELS);
