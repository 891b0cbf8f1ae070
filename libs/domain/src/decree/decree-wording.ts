import { SANCTIONS, type Sanction } from '../register/register.types';
import type { SanctionLevel } from '../selection/candidate';
import { wibDate } from '../calendar/working-days';

/** How a decree spells dates, post classes, moves and sanctions: legal wording in Bahasa Indonesia, not UI labels. */
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-12-06` → `6 Desember 2026`. */
export function indonesianDate(iso: string): string {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`not a date: ${iso}`);
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** The month of a date in Roman numerals, as agencies number their letters (`12` → `XII`). */
export const romanMonth = (iso: string): string => ROMAN[Number(iso.slice(5, 7)) - 1];

/** The calendar day in WIB of an ISO instant: decrees are dated in Indonesian time. */
export const wibDayOf = (instant: string): string => wibDate(new Date(instant));

export const POSITION_CLASS_WORDING: Readonly<Record<string, string>> = Object.freeze({
  jpt_utama: 'Utama',
  jpt_madya: 'Madya',
  jpt_pratama: 'Pratama',
});

export const MOVE_KIND_WORDING: Readonly<Record<string, string>> = Object.freeze({
  mutation: 'mutasi',
  rotation: 'rotasi',
  talent_promotion: 'pengangkatan dari kelompok rencana suksesi',
});

export const SANCTION_LEVEL_WORDING: Readonly<Record<SanctionLevel, string>> = Object.freeze({
  light: 'ringan',
  medium: 'sedang',
  heavy: 'berat',
});

export const SANCTION_WORDING: Readonly<Record<Sanction, string>> = Object.freeze({
  teguran_lisan: 'teguran lisan',
  teguran_tertulis: 'teguran tertulis',
  pernyataan_tidak_puas: 'pernyataan tidak puas secara tertulis',
  potongan_tunjangan_25_6_bulan: 'pemotongan tunjangan kinerja sebesar 25% (dua puluh lima persen) selama 6 (enam) bulan',
  potongan_tunjangan_25_9_bulan: 'pemotongan tunjangan kinerja sebesar 25% (dua puluh lima persen) selama 9 (sembilan) bulan',
  potongan_tunjangan_25_12_bulan: 'pemotongan tunjangan kinerja sebesar 25% (dua puluh lima persen) selama 12 (dua belas) bulan',
  penurunan_jabatan_12_bulan: 'penurunan jabatan setingkat lebih rendah selama 12 (dua belas) bulan',
  pembebasan_jabatan_pelaksana_12_bulan: 'pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 (dua belas) bulan',
  pemberhentian_dengan_hormat: 'pemberhentian dengan hormat tidak atas permintaan sendiri sebagai Pegawai Negeri Sipil',
  pemberhentian_tidak_dengan_hormat: 'pemberhentian tidak dengan hormat sebagai Pegawai Negeri Sipil',
});

/** Every sanction has its wording; a new sanction without one fails to compile (the Record above) and the spec. */
export const SANCTIONS_WITHOUT_WORDING = (): string[] =>
  Object.values(SANCTIONS)
    .flat()
    .filter((s) => !(s in SANCTION_WORDING));

/** Diktum ordinals of an Indonesian decree. */
export const DICTUM_ORDINALS = [
  'KESATU',
  'KEDUA',
  'KETIGA',
  'KEEMPAT',
  'KELIMA',
  'KEENAM',
  'KETUJUH',
  'KEDELAPAN',
  'KESEMBILAN',
  'KESEPULUH',
];
