import { randomInt } from 'node:crypto';
import type { Stack, TestActor } from './api-client';
import { HR, uniqueCode } from './api-client';

/**
 * A valid NIP: birth date, CPNS TMT month, sex digit and a random sequence, so two calls almost never
 * collide. `kind: 'pppk'` puts the appointment year and a 2-digit code where the TMT month would be.
 */
export function makeNip(o: { birth?: string; tmt?: string; sex?: 'male' | 'female'; kind?: 'pns' | 'pppk' } = {}): string {
  const birth = (o.birth ?? '1975-04-12').replaceAll('-', '');
  const tmt =
    o.kind === 'pppk'
      ? `${(o.tmt ?? '2022').slice(0, 4)}${String(randomInt(1, 99)).padStart(2, '0')}`
      : (o.tmt ?? '2000-03').replace('-', '').slice(0, 6);
  return `${birth}${tmt}${o.sex === 'female' ? '2' : '1'}${String(randomInt(1, 1000)).padStart(3, '0')}`;
}

export interface OfficialSpec {
  agencyCode: string;
  nip?: string;
  name?: string;
  birthDate?: string;
  unitCode?: string;
  /** History events recorded with the registration. */
  events?: { type: string; payload: Record<string, unknown> }[];
  source?: 'register' | 'external';
  evidence?: unknown[];
  homeAgencyCode?: string;
}

/** An HR officer of `agencyCode`. */
export const hrOf = (agencyCode: string): TestActor => ({ ...HR, agency: agencyCode });

/**
 * The history of a JPT pratama candidate as of 2026: IV/b since 2022, an administrator post since
 * 2021 (5+ years), S2, "baik" or better for 2024 and 2025, no sanctions.
 */
export function administratorHistory(o: { from?: string; golongan?: string; postCode?: string } = {}) {
  return [
    { type: 'rank_changed', payload: { golongan: 'III/a', tmt: '2000-03-01', decreeNumber: 'SK-CPNS-2000', kind: 'initial' } },
    { type: 'rank_changed', payload: { golongan: 'IV/a', tmt: '2018-04-01', decreeNumber: 'SK-KP-2018', kind: 'adjustment' } },
    { type: 'rank_changed', payload: { golongan: o.golongan ?? 'IV/b', tmt: '2022-04-01', decreeNumber: 'SK-KP-2022', kind: 'regular' } },
    { type: 'education_recorded', payload: { level: 'S2', institution: 'Universitas Gadjah Mada', graduatedOn: '2010-08-20' } },
    {
      type: 'position_assigned',
      payload: {
        postCode: 'KABID-1',
        title: 'Kepala Seksi',
        postType: 'pengawas',
        unitCode: 'DINAS-A',
        from: '2012-01-02',
        decreeNumber: 'SK-JAB-2012',
      },
    },
    {
      type: 'position_assigned',
      payload: {
        postCode: o.postCode ?? 'KABID-2',
        title: 'Kepala Bidang',
        postType: 'administrator',
        unitCode: 'DINAS-A',
        from: o.from ?? '2021-01-04',
        decreeNumber: 'SK-JAB-2021',
      },
    },
    { type: 'performance_rated', payload: { year: 2024, predicate: 'sangat_baik' } },
    { type: 'performance_rated', payload: { year: 2025, predicate: 'baik' } },
  ];
}

/** Registers an official through the API as the agency's HR officer; returns the NIP and the response. */
export async function registerOfficial(stack: Stack, spec: OfficialSpec) {
  const birthDate = spec.birthDate ?? '1975-04-12';
  const nip = spec.nip ?? makeNip({ birth: birthDate });
  const sex = nip[14] === '2' ? 'female' : 'male';
  const res = await stack.call('POST', '/v1/register/people', {
    actor: hrOf(spec.agencyCode),
    body: {
      nip,
      employmentType: 'pns',
      name: spec.name ?? `Pegawai ${nip.slice(-3)}`,
      birthDate,
      sex,
      unitCode: spec.unitCode ?? 'DINAS-A',
      source: spec.source ?? 'register',
      ...(spec.homeAgencyCode ? { homeAgencyCode: spec.homeAgencyCode } : {}),
      reason: 'Impor data awal dari SIASN',
      evidence: spec.evidence ?? [],
      events: spec.events ?? administratorHistory(),
    },
  });
  return { nip, res };
}

export const newAgency = (): string => uniqueCode('PEMKAB');
