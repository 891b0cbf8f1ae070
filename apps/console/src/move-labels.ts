import type { MobilityRule, MoveKind, MutationScope, PositionClass } from '@meritflow/domain';
import type { Lang } from './i18n';

// Labels of the move codes (kind, scope, post class, mobility rules), keyed by the domain's own
// unions so a new code fails the type check until it has a label. To be folded into the console's
// one label dictionary (labels.ts) when the console framework lands.

type Labels<K extends string> = Readonly<Record<K, readonly [id: string, en: string]>>;

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

const pick = (l: Labels<string>, code: string, lang: Lang) => (l[code] ? l[code][lang === 'id' ? 0 : 1] : code);
export const moveKindLabel = (code: string, lang: Lang): string => pick(KINDS, code, lang);
export const scopeLabel = (code: string, lang: Lang): string => pick(SCOPES, code, lang);
export const postClassLabel = (code: string, lang: Lang): string => pick(CLASSES, code, lang);
export const mobilityRuleLabel = (code: string, lang: Lang): string => pick(RULES, code, lang);
export const MOVE_KIND_CODES = Object.keys(KINDS) as MoveKind[];
export const SCOPE_CODES = Object.keys(SCOPES) as MutationScope[];
export const POST_CLASS_CODES = Object.keys(CLASSES) as (PositionClass | 'pelaksana')[];
