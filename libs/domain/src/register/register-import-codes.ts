import { isGolongan, type Golongan } from '../personnel/golongan';
import type { RequiredCompetency } from '../vacancy/vacancy-proposal';
import type { CurrentPostType } from '../selection/candidate';
import { isRealDate } from '../selection/iso-date';
import type { PerformanceLevel, PotentialLevel } from '../mobility/talent';
import type { RankChangeKind } from './register.types';

// The codes and spellings a SIASN/SIMPEG export uses, read into the register's own codes
// (docs/register-import.md lists them).

/** Lower case, spaces, slashes and hyphens as underscores: "Sangat Baik" → "sangat_baik". */
export const normalizeCode = (v: string): string =>
  v
    .trim()
    .toLowerCase()
    .replace(/[\s/-]+/g, '_');

const DMY = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * 'YYYY-MM-DD', or SIASN's 'DD-MM-YYYY' / 'DD/MM/YYYY', or an Excel date serial (a date cell read
 * before the workbook's styles say it is a date: 36586 is 2000-03-01); null when the date does not exist.
 */
export function parseImportDate(v: string): string | null {
  if (/^\d{4,5}$/.test(v) && Number(v) >= 367) return new Date(EXCEL_EPOCH_MS + Number(v) * 86_400_000).toISOString().slice(0, 10);
  const ymd = YMD.exec(v);
  const dmy = ymd ? null : DMY.exec(v);
  const parts = ymd ? [ymd[1], ymd[2], ymd[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : null;
  if (!parts) return null;
  const [y, m, d] = parts;
  if (!isRealDate(Number(y), Number(m), Number(d))) return null;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

const ROMAN: Record<string, string> = { '1': 'I', '2': 'II', '3': 'III', '4': 'IV', i: 'I', ii: 'II', iii: 'III', iv: 'IV' };

/** "III/a", "III/A", "IIIa", "3a", or SIASN's golongan id "31" (III/a) … "45" (IV/e). */
export function parseGolongan(v: string): Golongan | null {
  const s = v.replace(/\s+/g, '').toLowerCase();
  const id = /^([1-4])([1-5])$/.exec(s);
  const m = id ? [s, id[1], 'abcde'[Number(id[2]) - 1]] : /^(iv|iii|ii|i|[1-4])\/?([a-e])$/.exec(s);
  if (!m) return null;
  const g = `${ROMAN[m[1]]}/${m[2]}`;
  return isGolongan(g) ? g : null;
}

export const RANK_KINDS: Record<string, RankChangeKind> = {
  awal: 'initial',
  cpns: 'initial',
  pengangkatan_cpns: 'initial',
  initial: 'initial',
  reguler: 'regular',
  regular: 'regular',
  pilihan: 'regular',
  kp_reguler: 'regular',
  kp_pilihan: 'regular',
  penyesuaian: 'adjustment',
  penyesuaian_ijazah: 'adjustment',
  adjustment: 'adjustment',
  penurunan: 'demotion',
  penurunan_pangkat: 'demotion',
  demotion: 'demotion',
};

export const SEX: Record<string, 'male' | 'female'> = {
  l: 'male',
  laki_laki: 'male',
  pria: 'male',
  m: 'male',
  male: 'male',
  '1': 'male',
  p: 'female',
  perempuan: 'female',
  wanita: 'female',
  f: 'female',
  female: 'female',
  '2': 'female',
};

export const EMPLOYMENT: Record<string, 'pns' | 'pppk'> = { pns: 'pns', cpns: 'pns', pppk: 'pppk' };

export const POST_TYPE_ALIASES: Record<string, CurrentPostType> = {
  fungsional_umum: 'pelaksana',
  jfu: 'pelaksana',
  jabatan_pelaksana: 'pelaksana',
};

export const EDUCATION_ALIASES: Record<string, string> = {
  slta: 'SMA',
  smk: 'SMA',
  ma: 'SMA',
  diii: 'D3',
  d_iii: 'D3',
  div: 'D4',
  d_iv: 'D4',
};

export const SANCTION_LEVEL: Record<string, 'light' | 'medium' | 'heavy'> = {
  ringan: 'light',
  light: 'light',
  sedang: 'medium',
  medium: 'medium',
  berat: 'heavy',
  heavy: 'heavy',
};

export const PERFORMANCE_AXIS_ALIASES: Record<string, PerformanceLevel> = {
  di_atas_ekspektasi: 'above',
  sesuai_ekspektasi: 'meets',
  di_bawah_ekspektasi: 'below',
};
export const POTENTIAL_AXIS_ALIASES: Record<string, PotentialLevel> = {
  tinggi: 'high',
  menengah: 'medium',
  sedang: 'medium',
  rendah: 'low',
};

export const COMPETENCY_TYPE_ALIASES: Record<string, RequiredCompetency['type']> = {
  manajerial: 'managerial',
  sosial_kultural: 'socio_cultural',
  teknis: 'technical',
};
