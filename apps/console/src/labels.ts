import {
  pangkatOf,
  type AppealKind,
  type AppealOutcome,
  type CaseParticipantRole,
  type CompetencyType,
  type CurrentPostType,
  type EducationLevel,
  type Golongan,
  type JpmCategory,
  type MobilityRule,
  type MoveKind,
  type MutationScope,
  type NipKind,
  type PerformanceLevel,
  type PerformancePredicate,
  type PersonSource,
  type PostFitGap,
  type PositionClass,
  type PotentialLevel,
  type RankChangeKind,
  type RegisterEventType,
  type Sanction,
  type SanctionLevel,
  type ServiceEndReason,
  type ServiceStatus,
} from '@meritflow/domain';
import type { Lang } from './i18n';

export * from './labels-workflow';

// Labels of the register's codes, one dictionary (Bahasa Indonesia, English). Each map is keyed by
// the domain's own union type, so a code added to the domain fails the console's type check until
// it has a label here.

type Labels<K extends string> = Readonly<Record<K, readonly [id: string, en: string]>>;

const POST_TYPES: Labels<CurrentPostType> = {
  jpt_utama: ['JPT Utama', 'Senior executive (utama)'],
  jpt_madya: ['JPT Madya', 'Senior executive (madya)'],
  jpt_pratama: ['JPT Pratama', 'Senior executive (pratama)'],
  administrator: ['Administrator', 'Administrator'],
  pengawas: ['Pengawas', 'Supervisor (pengawas)'],
  pelaksana: ['Pelaksana', 'Staff (pelaksana)'],
  jf_ahli_utama: ['Fungsional Ahli Utama', 'Functional expert, principal'],
  jf_ahli_madya: ['Fungsional Ahli Madya', 'Functional expert, senior'],
  jf_ahli_muda: ['Fungsional Ahli Muda', 'Functional expert, junior'],
  jf_ahli_pertama: ['Fungsional Ahli Pertama', 'Functional expert, entry'],
  jf_terampil: ['Fungsional Keterampilan', 'Functional, skilled track'],
};

const PREDICATES: Labels<PerformancePredicate> = {
  sangat_baik: ['Sangat Baik', 'Outstanding'],
  baik: ['Baik', 'Good'],
  butuh_perbaikan: ['Butuh Perbaikan', 'Needs improvement'],
  kurang: ['Kurang', 'Poor'],
  sangat_kurang: ['Sangat Kurang', 'Very poor'],
};

const SANCTION_LEVELS: Labels<SanctionLevel> = {
  light: ['Ringan', 'Light'],
  medium: ['Sedang', 'Medium'],
  heavy: ['Berat', 'Heavy'],
};

const SANCTIONS: Labels<Sanction> = {
  teguran_lisan: ['Teguran lisan', 'Oral reprimand'],
  teguran_tertulis: ['Teguran tertulis', 'Written reprimand'],
  pernyataan_tidak_puas: ['Pernyataan tidak puas secara tertulis', 'Written statement of dissatisfaction'],
  potongan_tunjangan_25_6_bulan: ['Pemotongan tunjangan kinerja 25% selama 6 bulan', 'Performance allowance cut 25% for 6 months'],
  potongan_tunjangan_25_9_bulan: ['Pemotongan tunjangan kinerja 25% selama 9 bulan', 'Performance allowance cut 25% for 9 months'],
  potongan_tunjangan_25_12_bulan: ['Pemotongan tunjangan kinerja 25% selama 12 bulan', 'Performance allowance cut 25% for 12 months'],
  penurunan_jabatan_12_bulan: ['Penurunan jabatan setingkat lebih rendah selama 12 bulan', 'Demotion one level for 12 months'],
  pembebasan_jabatan_pelaksana_12_bulan: [
    'Pembebasan dari jabatan menjadi pelaksana selama 12 bulan',
    'Moved to a staff post for 12 months',
  ],
  pemberhentian_dengan_hormat: ['Pemberhentian dengan hormat tidak atas permintaan sendiri', 'Honourable discharge, not at own request'],
  pemberhentian_tidak_dengan_hormat: ['Pemberhentian tidak dengan hormat', 'Dishonourable discharge'],
};

// Discipline (PP 94/2021): the appeal a sanction opens, how it ended, and the register changes a case makes.
const APPEAL_KINDS: Labels<AppealKind> = {
  keberatan: ['Keberatan (kepada atasan PPK)', 'Objection (to the PPK’s superior)'],
  banding: ['Banding administratif (kepada BPASN)', 'Administrative appeal (to BPASN)'],
};

const APPEAL_OUTCOMES: Labels<AppealOutcome> = {
  upheld: ['Dikuatkan', 'Upheld'],
  changed: ['Diubah', 'Changed'],
  annulled: ['Dibatalkan', 'Annulled'],
};

const REGISTER_EVENTS: Labels<RegisterEventType> = {
  person_registered: ['Pegawai didaftarkan', 'Official registered'],
  identity_changed: ['Data identitas diubah', 'Identity changed'],
  rank_changed: ['Pangkat/golongan berubah', 'Grade changed'],
  position_assigned: ['Jabatan ditetapkan', 'Post assigned'],
  position_ended: ['Jabatan berakhir', 'Post ended'],
  education_recorded: ['Pendidikan dicatat', 'Education recorded'],
  performance_rated: ['Penilaian kinerja dicatat', 'Performance rated'],
  sanction_recorded: ['Hukuman disiplin dicatat', 'Discipline sanction recorded'],
  competency_assessed: ['Hasil asesmen kompetensi dicatat', 'Competency assessed'],
  credential_recorded: ['Sertifikat/dokumen dicatat', 'Credential recorded'],
  talent_placed: ['Penempatan kotak talenta dicatat', 'Talent box placement recorded'],
  service_ended: ['Pemberhentian dicatat', 'End of service recorded'],
  events_retracted: ['Catatan sebelumnya ditarik', 'Earlier records withdrawn'],
};

const EDUCATION: Labels<EducationLevel> = {
  SMA: ['SMA/sederajat', 'Senior high school'],
  D3: ['Diploma III', 'Diploma (3 years)'],
  D4: ['Diploma IV', 'Applied bachelor (D4)'],
  S1: ['Sarjana (S1)', "Bachelor's (S1)"],
  S2: ['Magister (S2)', "Master's (S2)"],
  S3: ['Doktor (S3)', 'Doctorate (S3)'],
};

const EMPLOYMENT: Labels<NipKind> = { pns: ['PNS', 'Civil servant (PNS)'], pppk: ['PPPK', 'Contract civil servant (PPPK)'] };
const SEX: Labels<'male' | 'female'> = { male: ['Laki-laki', 'Male'], female: ['Perempuan', 'Female'] };
const SOURCES: Labels<PersonSource> = {
  register: ['Register instansi', "Agency's register"],
  external: ['Dari instansi lain (dengan bukti)', 'From another agency (with evidence)'],
};

const RANK_KINDS: Labels<RankChangeKind> = {
  initial: ['Pengangkatan awal', 'Initial appointment'],
  regular: ['Kenaikan pangkat reguler', 'Regular promotion'],
  adjustment: ['Penyesuaian ijazah', 'Adjustment (degree)'],
  demotion: ['Penurunan pangkat', 'Demotion'],
};

const COMPETENCY_TYPES: Labels<CompetencyType> = {
  managerial: ['Manajerial', 'Managerial'],
  technical: ['Teknis', 'Technical'],
  socio_cultural: ['Sosial kultural', 'Socio-cultural'],
};

const JPM: Labels<JpmCategory> = {
  optimal: ['Optimal', 'Optimal'],
  cukup_optimal: ['Cukup optimal', 'Fairly optimal'],
  kurang_optimal: ['Kurang optimal', 'Below optimal'],
};

const FIT_GAPS: Labels<PostFitGap> = {
  no_post: ['Tidak sedang menduduki jabatan', 'Holds no post'],
  post_not_registered: ['Jabatan ini belum terdaftar di data referensi instansi', "The post is not in the agency's reference data"],
  no_standard: ['Standar kompetensi jabatan ini belum diisi', "The post's competency standard is not set"],
  not_assessed: ['Belum ada hasil asesmen kompetensi', 'No competency assessment yet'],
};

const PERFORMANCE_AXIS: Labels<PerformanceLevel> = {
  below: ['Di bawah ekspektasi', 'Below expectation'],
  meets: ['Sesuai ekspektasi', 'Meets expectation'],
  above: ['Di atas ekspektasi', 'Above expectation'],
};
const POTENTIAL_AXIS: Labels<PotentialLevel> = { low: ['Rendah', 'Low'], medium: ['Menengah', 'Medium'], high: ['Tinggi', 'High'] };

const PARTICIPANT_ROLES: Labels<CaseParticipantRole> = {
  candidate: ['Pelamar/calon', 'Candidate'],
  committee_member: ['Anggota panitia seleksi', 'Committee member'],
  assessor: ['Asesor', 'Assessor'],
  moved_official: ['Pegawai yang dimutasi', 'Official being moved'],
  decider: ['Pengambil keputusan', 'Decision-maker'],
};

const SERVICE_STATUSES: Labels<ServiceStatus> = {
  active: ['Aktif', 'Serving'],
  ended: ['Berhenti', 'Service ended'],
};

const SERVICE_END_REASONS: Labels<ServiceEndReason> = {
  dismissal_honourable: ['Diberhentikan dengan hormat', 'Honourable dismissal'],
  dismissal_dishonourable: ['Diberhentikan tidak dengan hormat', 'Dishonourable dismissal'],
  retirement: ['Pensiun', 'Retirement'],
  death: ['Meninggal dunia', 'Death'],
  resignation: ['Berhenti atas permintaan sendiri', 'Resignation'],
  contract_ended: ['Perjanjian kerja berakhir (PPPK)', 'Contract ended (PPPK)'],
};

/** Credentials the agencies ask for (domain.md §3); others are shown as recorded. */
const CREDENTIALS: Labels<string> = {
  diklatpim_i: ['Diklatpim Tingkat I', 'Leadership training, level I'],
  diklatpim_ii: ['Diklatpim Tingkat II', 'Leadership training, level II'],
  diklatpim_iii: ['Diklatpim Tingkat III', 'Leadership training, level III'],
  diklatpim_iv: ['Diklatpim Tingkat IV', 'Leadership training, level IV'],
  lhkpn: ['LHKPN (laporan harta kekayaan)', 'Wealth report (LHKPN)'],
  spt: ['SPT Tahunan', 'Annual tax return (SPT)'],
};

const pick = (entry: readonly [string, string] | undefined, code: string, lang: Lang) => (entry ? entry[lang === 'id' ? 0 : 1] : code);
const of =
  <K extends string>(labels: Labels<K>) =>
  (code: K | string | null | undefined, lang: Lang): string =>
    code === null || code === undefined ? '—' : pick((labels as Record<string, readonly [string, string]>)[code], code, lang);

export const postTypeLabel = of(POST_TYPES);
export const predicateLabel = of(PREDICATES);
export const sanctionLevelLabel = of(SANCTION_LEVELS);
export const sanctionLabel = of(SANCTIONS);
export const appealKindLabel = of(APPEAL_KINDS);
export const appealOutcomeLabel = of(APPEAL_OUTCOMES);
export const registerEventLabel = of(REGISTER_EVENTS);
export const educationLabel = of(EDUCATION);
export const employmentLabel = of(EMPLOYMENT);
export const sexLabel = of(SEX);
export const sourceLabel = of(SOURCES);
export const rankKindLabel = of(RANK_KINDS);
export const competencyTypeLabel = of(COMPETENCY_TYPES);
export const jpmLabel = of(JPM);
export const fitGapLabel = of(FIT_GAPS);
export const performanceAxisLabel = of(PERFORMANCE_AXIS);
export const potentialAxisLabel = of(POTENTIAL_AXIS);
export const participantRoleLabel = of(PARTICIPANT_ROLES);
export const serviceStatusLabel = of(SERVICE_STATUSES);
export const serviceEndReasonLabel = of(SERVICE_END_REASONS);
export const credentialLabel = (code: string, lang: Lang): string => pick(CREDENTIALS[code.toLowerCase()], code, lang);

/** A grade with its rank title: "IV/b — Pembina Tingkat I". */
export const golonganLabel = (g: string | null | undefined): string => {
  if (!g) return '—';
  try {
    return `${g} — ${pangkatOf(g as Golongan)}`;
  } catch {
    return g;
  }
};

export const POST_TYPE_CODES = Object.keys(POST_TYPES) as CurrentPostType[];

// The move codes (kind, scope, post class incl. pelaksana, mobility rules).
const KINDS: Labels<MoveKind> = {
  mutation: ['Mutasi', 'Transfer (mutation)'],
  rotation: ['Rotasi', 'Rotation'],
  talent_promotion: ['Promosi dari kelompok rencana suksesi', 'Promotion from the talent pool'],
};
const SCOPES: Labels<MutationScope> = {
  intra_agency: ['Dalam satu instansi', 'Within one agency'],
  inter_agency_province: ['Antar-instansi dalam satu provinsi', 'Between agencies in one province'],
  inter_province: ['Antar-provinsi', 'Across provinces'],
};
const CLASSES: Labels<PositionClass | 'pelaksana'> = {
  jpt_utama: ['JPT Utama', 'Senior executive (utama)'],
  jpt_madya: ['JPT Madya', 'Senior executive (madya)'],
  jpt_pratama: ['JPT Pratama', 'Senior executive (pratama)'],
  administrator: ['Administrator', 'Administrator'],
  pengawas: ['Pengawas', 'Supervisor'],
  functional: ['Jabatan fungsional', 'Functional post'],
  pelaksana: ['Pelaksana', 'Staff'],
};
const RULES: Labels<MobilityRule> = {
  electionMoratorium: ['Larangan mutasi masa pilkada', 'Election-period ban'],
  jptProtection: ['Perlindungan dua tahun JPT', 'Two-year protection of a JPT'],
  minimumTenure: ['Masa jabatan minimum', 'Minimum tenure'],
  rotationTenureWindow: ['Rentang masa jabatan rotasi', 'Rotation tenure window'],
  rotationSameLevel: ['Rotasi pada jenjang yang sama', 'Rotation at the same level'],
  newPnsTransferBan: ['Larangan pindah PNS baru', 'New civil servants may not transfer'],
  disciplinaryBlock: ['Terhalang hukuman disiplin', 'Blocked by a discipline sanction'],
  ageLimit: ['Batas usia', 'Age limit'],
  fillWithoutOpenSelection: ['Pengisian tanpa seleksi terbuka', 'Filling without an open selection'],
  talentPoolMembership: ['Anggota kelompok rencana suksesi', 'Talent-pool membership'],
  sanctionInForce: ['Hukuman disiplin yang berlaku', 'Sanction in force'],
};

export const moveKindLabel = (code: string, lang: Lang): string => of(KINDS)(code, lang);
export const scopeLabel = (code: string, lang: Lang): string => of(SCOPES)(code, lang);
export const postClassLabel = (code: string, lang: Lang): string => of(CLASSES)(code, lang);
export const mobilityRuleLabel = (code: string, lang: Lang): string => of(RULES)(code, lang);
export const MOVE_KIND_CODES = Object.keys(KINDS) as MoveKind[];
export const SCOPE_CODES = Object.keys(SCOPES) as MutationScope[];
export const POST_CLASS_CODES = Object.keys(CLASSES) as (PositionClass | 'pelaksana')[];
