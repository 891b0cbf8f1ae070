import { createContext, useContext } from 'react';

export type Lang = 'id' | 'en';

/** The language in force and a translator: t('Bahasa Indonesia text', 'English text'). */
export interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (id: string, en: string) => string;
}

export const I18nContext = createContext<I18n>({ lang: 'id', setLang: () => {}, t: (id) => id });
export const useI18n = (): I18n => useContext(I18nContext);

export const storedLang = (): Lang => (localStorage.getItem('meritflow.lang') === 'en' ? 'en' : 'id');

/** Labels of decisions, roles and steps the console shows; unknown codes are shown as they are. */
const DECISIONS: Record<string, [string, string]> = {
  propose: ['Usulkan lowongan', 'Propose a vacancy'],
  open_selection: ['Buka seleksi terbuka', 'Open the selection'],
  approve: ['Setujui', 'Approve'],
  reject: ['Tolak', 'Reject'],
  withdraw: ['Tarik usulan', 'Withdraw'],
  form_committee: ['Bentuk panitia seleksi', 'Form the committee'],
  announce: ['Umumkan seleksi', 'Announce the selection'],
  register_candidates: ['Daftarkan pelamar', 'Register candidates'],
  registration_closed: ['Pendaftaran ditutup', 'Registration closed'],
  registration_extended: ['Pendaftaran diperpanjang', 'Registration extended'],
  screen_candidate: ['Seleksi administrasi pelamar', 'Screen a candidate'],
  close_screening: ['Tutup seleksi administrasi', 'Close screening'],
  record_assessment: ['Catat hasil asesmen', 'Record the assessment'],
  declare_interests: ['Nyatakan konflik kepentingan', 'Declare conflicts of interest'],
  score: ['Beri nilai', 'Score'],
  ranking_computed: ['Peringkat dihitung', 'Ranking computed'],
  sign_ranking: ['Tandatangani berita acara peringkat', 'Sign the ranking'],
  recommend: ['Beri rekomendasi', 'Recommend'],
  proceed_without_recommendation: ['Lanjut tanpa rekomendasi', 'Proceed without recommendation'],
  pick: ['Pilih calon', 'Pick a candidate'],
  record_decree: ['Catat SK pengangkatan', 'Record the decree'],
  record_inauguration: ['Catat pelantikan', 'Record the inauguration'],
  proceed: ['Lanjutkan', 'Proceed'],
  cancel_selection: ['Batalkan seleksi', 'Cancel the selection'],
  close: ['Tutup lowongan', 'Close the vacancy'],
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
  propose_nominees: ['Catat usulan tiga nama pengusul (JPT utama)', 'Record the proposer’s three names (JPT utama)'],
  nominations_received: ['Usulan pengusul lengkap', 'Every proposer’s nominees received'],
  president_approval_required: ['Penggantian pejabat perlu persetujuan Presiden', 'The replacement needs the President’s approval'],
  president_approve: ['Catat persetujuan Presiden atas penggantian', 'Record the President’s approval of the replacement'],
  president_approved: ['Persetujuan Presiden lengkap', 'Every required presidential approval received'],
};
export const decisionLabel = (code: string, lang: Lang): string => {
  const l = DECISIONS[code];
  return l ? (lang === 'id' ? l[0] : l[1]) : code;
};

const ROLE_LABELS: Record<string, [string, string]> = {
  hr_officer: ['Petugas BKPSDM (SDM)', 'HR officer'],
  committee_member: ['Anggota panitia seleksi', 'Committee member'],
  committee_chair: ['Ketua panitia seleksi', 'Committee chair'],
  assessor: ['Asesor', 'Assessor'],
  ppk: ['Pejabat Pembina Kepegawaian (PPK)', 'Appointing official (PPK)'],
  overseer: ['Pengawas (BKN)', 'Overseer (BKN)'],
  auditor: ['Auditor sistem merit', 'Merit auditor'],
  admin: ['Administrator', 'Administrator'],
  system: ['Sistem', 'System'],
};
export const roleLabel = (role: string, lang: Lang): string => {
  const l = ROLE_LABELS[role];
  return l ? (lang === 'id' ? l[0] : l[1]) : role;
};

export const formatTime = (iso: string | undefined | null, lang: Lang): string => {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return (
    new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Asia/Jakarta',
    }).format(d) + ' WIB'
  );
};
