import { randomInt } from 'node:crypto';
import type { CandidateProfile } from '@meritflow/domain';
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

const SANCTION_OF_LEVEL = {
  light: 'teguran_tertulis',
  medium: 'potongan_tunjangan_25_6_bulan',
  heavy: 'penurunan_jabatan_12_bulan',
} as const;
const EXPERIENCE = new Set([
  'jpt_utama',
  'jpt_madya',
  'jpt_pratama',
  'administrator',
  'pengawas',
  'jf_ahli_utama',
  'jf_ahli_madya',
  'jf_ahli_muda',
]);

const addMonths = (iso: string, months: number): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};
const monthsBetween = (from: string, to: string): number =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
  Number(to.slice(5, 7)) -
  Number(from.slice(5, 7)) -
  (to.slice(8) < from.slice(8) ? 1 : 0);

/**
 * The register history that yields `profile` as of today: the grade (as the initial grade at the
 * CPNS TMT), the education, the current post since its date, an earlier pengawas post long enough
 * for the cumulative experience, the ratings, the sanctions and the credentials.
 */
export function profileEvents(profile: CandidateProfile): { type: string; payload: Record<string, unknown> }[] {
  const nip = profile.nip;
  const birth = `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`;
  const cpnsTmt = `${nip.slice(8, 12)}-${nip.slice(12, 14)}-01`;
  const today = new Date().toISOString().slice(0, 10);
  const since = profile.currentPostSince;
  // A date that does not exist (a bad-input test) gets no earlier post: the register refuses it anyway.
  const real = /^\d{4}-\d{2}-\d{2}$/.test(since) && new Date(`${since}T00:00:00Z`).toISOString().slice(0, 10) === since;
  const current = EXPERIENCE.has(profile.currentPostType) && real ? Math.max(0, monthsBetween(since, today)) : 0;
  const earlier = real ? Math.max(0, Math.ceil(profile.cumulativeExperienceYears * 12) - current) : 0;
  const events: { type: string; payload: Record<string, unknown> }[] = [
    { type: 'rank_changed', payload: { golongan: profile.golongan, tmt: cpnsTmt, decreeNumber: `SK-${nip.slice(-6)}`, kind: 'initial' } },
    { type: 'education_recorded', payload: { level: profile.education, graduatedOn: addMonths(birth, 12 * 22) } },
  ];
  if (earlier > 0) {
    events.push({
      type: 'position_assigned',
      payload: {
        postCode: 'KASI-LAMA',
        title: 'Kepala Seksi',
        postType: 'pengawas',
        unitCode: 'DINAS-A',
        from: addMonths(since, -earlier - 1),
        decreeNumber: 'SK-JAB-LAMA',
      },
    });
  }
  events.push({
    type: 'position_assigned',
    payload: {
      postCode: 'JAB-KINI',
      title: 'Jabatan saat ini',
      postType: profile.currentPostType,
      unitCode: 'DINAS-A',
      from: since,
      decreeNumber: 'SK-JAB-KINI',
    },
  });
  for (const p of profile.performance) events.push({ type: 'performance_rated', payload: { year: p.year, predicate: p.predicate } });
  for (const s of profile.sanctions) {
    events.push({
      type: 'sanction_recorded',
      payload: { level: s.level, sanction: SANCTION_OF_LEVEL[s.level], imposedOn: s.imposedOn, decreeNumber: 'SK-HD' },
    });
  }
  for (const c of profile.credentials) events.push({ type: 'credential_recorded', payload: { code: c, issuedOn: '2020-01-02' } });
  return events;
}

/**
 * Puts each candidate profile into the agency's register (as its HR officer) and answers the
 * register_candidates entries that name them by NIP. A NIP already registered there is reused.
 */
export async function enrol(stack: Stack, agencyCode: string, postCode: string, profiles: readonly CandidateProfile[]) {
  for (const profile of profiles) {
    const nip = profile.nip;
    const res = await stack.call('POST', '/v1/register/people', {
      actor: hrOf(agencyCode),
      body: {
        nip,
        employmentType: profile.nipKind ?? 'pns',
        name: profile.name,
        birthDate: `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`,
        sex: nip[14] === '2' ? 'female' : 'male',
        unitCode: 'DINAS-A',
        reason: 'Data calon dari SIASN',
        events: profileEvents(profile),
      },
    });
    if (res.status !== 201 && res.body?.code !== 'PERSON_ALREADY_REGISTERED') {
      throw new Error(`registering ${nip} in ${agencyCode}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
  return profiles.map((p) => ({ postCode, nip: p.nip }));
}

const POST_TYPE_OF_CLASS: Record<string, string> = {
  jpt_utama: 'jpt_utama',
  jpt_madya: 'jpt_madya',
  jpt_pratama: 'jpt_pratama',
  administrator: 'administrator',
  pengawas: 'pengawas',
  pelaksana: 'pelaksana',
};

type MoveLike = {
  person: { nip: string; name?: string; golongan?: string; sanctions?: { level: 'light' | 'medium' | 'heavy'; imposedOn: string }[] };
  from: { agencyCode: string; positionCode: string; positionClass: string; level: string; since?: string; inauguratedOn?: string };
};

/** Puts a moved official into their agency's register with the facts a test gives them (grade, sanctions, post since). */
async function enrolMover(stack: Stack, m: MoveLike): Promise<void> {
  const nip = m.person.nip;
  const cpnsTmt = `${nip.slice(8, 12)}-${nip.slice(12, 14)}-01`;
  const since = m.from.inauguratedOn ?? m.from.since ?? cpnsTmt;
  const postType = POST_TYPE_OF_CLASS[m.from.positionClass] ?? `jf_${m.from.level}`;
  const res = await stack.call('POST', '/v1/register/people', {
    actor: hrOf(m.from.agencyCode),
    body: {
      nip,
      employmentType: 'pns',
      name: m.person.name ?? `Pegawai ${nip.slice(-3)}`,
      birthDate: `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`,
      sex: nip[14] === '2' ? 'female' : 'male',
      unitCode: 'DINAS-A',
      reason: 'Data pegawai dari SIASN',
      events: [
        {
          type: 'rank_changed',
          payload: { golongan: m.person.golongan ?? 'III/d', tmt: cpnsTmt, decreeNumber: 'SK-CPNS', kind: 'initial' },
        },
        {
          type: 'position_assigned',
          payload: {
            postCode: m.from.positionCode,
            title: `Jabatan ${m.from.positionCode}`,
            postType,
            unitCode: 'DINAS-A',
            from: since,
            decreeNumber: 'SK-JAB',
          },
        },
        ...(m.person.sanctions ?? []).map((s) => ({
          type: 'sanction_recorded',
          payload: { level: s.level, sanction: SANCTION_OF_LEVEL[s.level], imposedOn: s.imposedOn, decreeNumber: 'SK-HD' },
        })),
      ],
    },
  });
  if (res.status !== 201 && res.body?.code !== 'PERSON_ALREADY_REGISTERED') {
    throw new Error(`registering mover ${nip} in ${m.from.agencyCode}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** A move request naming its person by NIP only, for an official already in the register. */
export const asNamed = <M extends MoveLike>(m: M) => {
  const { since: _since, inauguratedOn: _inaugurated, ...from } = m.from;
  return { ...m, person: { nip: m.person.nip }, from };
};

/**
 * A move request (one person, or a bulk batch's `moves`) as the API takes it: each person is first
 * put into their agency's register with the facts the test gave them, then named by NIP only.
 */
export async function namedMoves<T extends object>(stack: Stack, body: T): Promise<T> {
  const b = body as Record<string, unknown>;
  if (Array.isArray(b.moves)) {
    const moves = b.moves as MoveLike[];
    for (const m of moves) await enrolMover(stack, m);
    return { ...body, moves: moves.map(asNamed) };
  }
  const m = body as unknown as MoveLike;
  await enrolMover(stack, m);
  return asNamed(m) as unknown as T;
}
