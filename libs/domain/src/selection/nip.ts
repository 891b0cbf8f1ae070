import type { FieldIssue } from '../errors';
import { isRealDate, wholeYearsBetween } from './iso-date';

/** PNS carry a NIP; PPPK (contract civil servants) carry an NI PPPK of the same length (domain.md §6). */
export const NIP_KINDS = ['pns', 'pppk'] as const;
export type NipKind = (typeof NIP_KINDS)[number];

export interface ParsedNip {
  nip: string;
  kind: NipKind;
  /** YYYY-MM-DD */
  birthDate: string;
  /** 'YYYY-MM' (CPNS TMT) for PNS, 'YYYY' (appointment year) for PPPK. */
  appointment: string;
  sex: 'male' | 'female';
  sequence: number;
  /** Digits 13–14 of an NI PPPK: a code, not a month. Absent for PNS. */
  pppkCode?: string;
}

export type NipParseResult = { ok: true; value: ParsedNip } | { ok: false; issues: FieldIssue[] };

/**
 * Checks on a NIP that no source confirms (domain.md §6 marks "TMT ≥ birth + 18 years" [BK]), so
 * they live in a versioned object rather than in the code.
 */
export interface NipRules {
  version: string;
  /** Minimum age in whole years on the appointment date (CPNS TMT; for PPPK, checked to the year). */
  minimumAppointmentAge: number;
}

export const DEFAULT_NIP_RULES: NipRules = Object.freeze({ version: 'nip@2026-01-01', minimumAppointmentAge: 18 });

const issue = (field: string, rule: string, id: string, en: string): FieldIssue => ({ field, rule, message: { id, en } });

/**
 * Parses a PNS NIP (`YYYYMMDD` birth + `YYYYMM` CPNS TMT + sex 1/2 + `NNN` ≥ 001) or an NI PPPK
 * (`YYYYMMDD` birth + `YYYY` appointment year + 2-digit code + sex + `NNN`). Every failed check is
 * reported, so a clerk fixes a mistyped NIP in one pass; only a wrong length or a non-digit stops
 * parsing, since the positions would then mean nothing. No whitespace is stripped: the API
 * normalises input, the domain sees the canonical 18 digits.
 */
export function parseNip(nip: string, kind: NipKind = 'pns', field = 'nip', rules: NipRules = DEFAULT_NIP_RULES): NipParseResult {
  const label = kind === 'pns' ? 'NIP' : 'NI PPPK';
  if (typeof nip !== 'string' || !/^\d{18}$/.test(nip)) {
    const length = typeof nip === 'string' ? nip.length : 0;
    const digitsOnly = typeof nip === 'string' && /^\d*$/.test(nip);
    return {
      ok: false,
      issues: [
        digitsOnly
          ? issue(field, 'nip.format', `${label} harus 18 digit, bukan ${length}`, `${label} must have 18 digits, not ${length}`)
          : issue(field, 'nip.format', `${label} hanya boleh berisi 18 angka`, `${label} must consist of 18 digits only`),
      ],
    };
  }

  const issues: FieldIssue[] = [];
  const [by, bm, bd] = [Number(nip.slice(0, 4)), Number(nip.slice(4, 6)), Number(nip.slice(6, 8))];
  const birthDate = `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`;
  const birthOk = isRealDate(by, bm, bd);
  if (!birthOk) {
    issues.push(
      issue(
        field,
        'nip.birthDate',
        `digit 1–8 ${label} (${nip.slice(0, 8)}) bukan tanggal lahir yang sah`,
        `digits 1–8 of the ${label} (${nip.slice(0, 8)}) are not a real birth date`,
      ),
    );
  }

  const appointmentYear = Number(nip.slice(8, 12));
  let appointment: string;
  let appointmentOk = true;
  if (kind === 'pns') {
    const month = Number(nip.slice(12, 14));
    appointment = `${nip.slice(8, 12)}-${nip.slice(12, 14)}`;
    if (month < 1 || month > 12) {
      appointmentOk = false;
      issues.push(
        issue(
          field,
          'nip.appointmentMonth',
          `digit 13–14 NIP adalah bulan TMT CPNS dan harus 01–12, bukan ${nip.slice(12, 14)}`,
          `digits 13–14 of the NIP are the CPNS appointment month and must be 01–12, not ${nip.slice(12, 14)}`,
        ),
      );
    }
  } else {
    // Digits 13–14 of an NI PPPK are a code, so no month check applies (domain.md §6).
    appointment = nip.slice(8, 12);
  }

  if (birthOk && appointmentOk) {
    const minAge = rules.minimumAppointmentAge;
    // A CPNS TMT is always the first of a month; a PPPK year can only be checked to the year, and
    // "year ≥ birth year + minimum" is a necessary condition, so it never refuses a valid number.
    const oldEnough = kind === 'pns' ? wholeYearsBetween(birthDate, `${appointment}-01`) >= minAge : appointmentYear - by >= minAge;
    if (!oldEnough) {
      issues.push(
        issue(
          field,
          'nip.minimumAge',
          `TMT pengangkatan dalam ${label} (${appointment}) jatuh sebelum pemiliknya berusia ${minAge} tahun (lahir ${birthDate})`,
          `the appointment date in the ${label} (${appointment}) falls before the holder turned ${minAge} (born ${birthDate})`,
        ),
      );
    }
  }

  const sexDigit = nip[14];
  if (sexDigit !== '1' && sexDigit !== '2') {
    issues.push(
      issue(
        field,
        'nip.sex',
        `digit 15 ${label} adalah jenis kelamin dan harus 1 (laki-laki) atau 2 (perempuan), bukan ${sexDigit}`,
        `digit 15 of the ${label} is the sex and must be 1 (male) or 2 (female), not ${sexDigit}`,
      ),
    );
  }

  const sequence = Number(nip.slice(15, 18));
  if (sequence < 1) {
    issues.push(
      issue(
        field,
        'nip.sequence',
        `nomor urut ${label} (digit 16–18) dimulai dari 001`,
        `the ${label} sequence number (digits 16–18) starts at 001`,
      ),
    );
  }

  if (issues.length > 0) return { ok: false, issues };
  const value: ParsedNip = { nip, kind, birthDate, appointment, sex: sexDigit === '1' ? 'male' : 'female', sequence };
  if (kind === 'pppk') value.pppkCode = nip.slice(12, 14);
  return { ok: true, value };
}
