import { randomBytes } from 'node:crypto';
import type { Actor, MoveFacts } from '@meritflow/domain';
import { HR, PPK, Stack, uniqueCode, vacancyProposal } from './api-client';
import { makeNip, uploadEvidence } from './selection-fixtures';
import { namedMoves } from './register-fixtures';

export const TPK_CHAIR: Actor = { id: 'tpk-ketua-01', role: 'committee_chair', name: 'Ketua TPK' };
export const KANREG: Actor = { id: 'kanreg-bkn-01', role: 'overseer', name: 'Kanreg I BKN' };
export const ORIGIN_PPK: Actor = { id: 'ppk-asal-01', role: 'ppk', name: 'PPK instansi asal' };

let seq = Math.floor(Math.random() * 500);
export const isoYearsAgo = (years: number, extraDays = 0) => {
  const d = new Date(Date.now() - (years * 365.25 + extraDays) * 24 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
};

/** A region of the test's own, so election windows set by one test touch no other. */
export async function region(stack: Stack, kind: 'province' | 'regency' = 'regency'): Promise<string> {
  const code = uniqueCode(kind === 'province' ? 'PROV' : 'KAB');
  const res = await stack.call('PUT', `/v1/reference/regions/${code}`, {
    actor: HR,
    body: { name: `Wilayah ${code}`, kind, reason: 'data uji' },
  });
  if (res.status !== 200 && res.status !== 201) throw new Error(`region: ${res.status} ${JSON.stringify(res.body)}`);
  return code;
}

/** A WIB calendar date `months` from today. */
export const monthsFromNow = (months: number) => {
  const d = new Date(Date.now() + 7 * 3600 * 1000);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

/** A region of the test's own whose election ban started three months ago and runs past the coming year. */
export async function regionInElectionBan(stack: Stack): Promise<string> {
  const code = await region(stack);
  const res = await stack.call('PUT', `/v1/reference/elections/${code}`, {
    actor: HR,
    body: { candidatePairDetermination: monthsFromNow(3), termEnd: monthsFromNow(14), reason: 'Jadwal KPU (uji)' },
  });
  if (res.status !== 200) throw new Error(`election window: ${res.status} ${JSON.stringify(res.body)}`);
  return code;
}

/** An administrator 3 years in post moving to another administrator post in the same agency. */
export function moveFacts(agencyCode: string, regionCode: string, overrides: Partial<MoveFacts> = {}): MoveFacts {
  seq = (seq % 998) + 1;
  return {
    kind: 'mutation',
    scope: 'intra_agency',
    atOwnRequest: false,
    person: { nip: makeNip('19820304', '200801', 1, seq), name: `Pegawai ${seq}`, golongan: 'III/d', cpnsTmt: '2008-01-01', sanctions: [] },
    from: {
      agencyCode,
      regionCode,
      positionCode: `KABID-${randomBytes(2).toString('hex').toUpperCase()}`,
      positionClass: 'administrator',
      level: 'administrator',
      since: isoYearsAgo(3),
    },
    to: {
      agencyCode,
      regionCode,
      positionCode: `KABAG-${randomBytes(2).toString('hex').toUpperCase()}`,
      positionClass: 'administrator',
      level: 'administrator',
    },
    ...overrides,
  };
}

export async function evidence(stack: Stack, kind: string, agencyCode: string) {
  return [await uploadEvidence(stack, kind, agencyCode)];
}

/** An approved JPT pratama vacancy to be filled from the talent pool. */
export async function talentVacancy(stack: Stack, agencyCode: string) {
  const proposal = vacancyProposal({ agencyCode, requestedFillingMethod: 'talent_pool' });
  const v = await stack.call('POST', '/v1/vacancies', { body: proposal });
  if (v.status !== 201) throw new Error(JSON.stringify(v.body));
  const a = await stack.call('POST', `/v1/vacancies/${v.body.workflowId}/decisions`, {
    actor: PPK,
    body: { decision: 'approve', fillingMethod: 'talent_pool' },
  });
  if (a.status !== 200) throw new Error(JSON.stringify(a.body));
  return { vacancyId: v.body.workflowId as string, positionCode: proposal.positionCode };
}

/**
 * A talent promotion's setup: an agency of high merit, an approved talent-pool vacancy, and a box-9
 * candidate moving into it.
 */
export async function talentPromotionCase(stack: Stack) {
  const agency = uniqueCode('PEMPROV');
  const reg = await region(stack);
  const merit = await stack.call('PUT', `/v1/reference/agency-merit/${agency}`, {
    actor: HR,
    body: { regionCode: reg, scheme: 'kasn_400', score: 352, assessedOn: '2026-03-01', reason: 'Hasil penilaian sistem merit 2026' },
  });
  if (merit.status !== 200) throw new Error(`agency merit: ${merit.status} ${JSON.stringify(merit.body)}`);
  const vacancy = await talentVacancy(stack, agency);
  const facts = moveFacts(agency, reg, { kind: 'talent_promotion' });
  facts.to = { ...facts.to, positionCode: vacancy.positionCode, positionClass: 'jpt_pratama', level: 'jpt_pratama' };
  const talent = {
    vacancyId: vacancy.vacancyId,
    performanceMain: 95,
    performanceSupporting: 92,
    competency: 93,
    potential: 90,
    qualification: 95,
    integrity: 97,
  };
  return { agency, reg, vacancy, facts, talent };
}

/** Takes an intra-agency mutation at TPK review through advice, the PPK's approval and the decree. */
export async function decideMutation(stack: Stack, path: string, agency: string, decree: { decreeNumber: string; effectiveDate: string }) {
  const steps: [Actor, Record<string, unknown>][] = [
    [TPK_CHAIR, { decision: 'tpk_advise', reason: 'Memenuhi kompetensi', evidence: await evidence(stack, 'ba_tpk', agency) }],
    [PPK, { decision: 'approve' }],
    [HR, { decision: 'record_decree', ...decree, evidence: await evidence(stack, 'sk_mutasi', agency) }],
  ];
  for (const [actor, body] of steps) {
    const res = await stack.call('POST', `${path}/decisions`, { actor, body });
    if (res.status !== 200) throw new Error(`${String(body.decision)}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/**
 * `n` rotations within one agency, each person with a NIP of their own (a regency's rotation round is
 * several hundred to a few thousand people): 3 years in post, no sanctions.
 */
export function rotations(agencyCode: string, regionCode: string, n: number): MoveFacts[] {
  return Array.from({ length: n }, (_, i) => {
    const birth = `198203${String(1 + Math.floor(i / 999)).padStart(2, '0')}`;
    const facts = moveFacts(agencyCode, regionCode, { kind: 'rotation' });
    const nip = makeNip(birth, '200801', 1, (i % 999) + 1);
    return { ...facts, person: { ...facts.person, nip, name: `Pegawai ${i + 1}` } };
  });
}

/** Puts each person of `moves` in their agency's register (a few pages at once), and returns the pages named by NIP. */
export async function registerInPages(stack: Stack, moves: MoveFacts[], pageSize = 200) {
  const pages: MoveFacts[][] = [];
  for (let i = 0; i < moves.length; i += pageSize) pages.push(moves.slice(i, i + pageSize));
  return Promise.all(pages.map(async (page) => (await namedMoves(stack, { moves: page })).moves));
}

/**
 * Sends a bulk move the way HR sends a long list: the first page with the proposal (open: true), the
 * others to /members, the last marked last. Every request must succeed; returns each request's time.
 */
export async function sendPages(
  stack: Stack,
  body: { agencyCode: string; batchCode: string; title: string; reason?: string },
  named: Awaited<ReturnType<typeof registerInPages>>,
): Promise<{ id: string; path: string; pages: number; requestMs: number[] }> {
  const requestMs: number[] = [];
  const timed = async (path: string, payload: Record<string, unknown>, status: number) => {
    const t0 = performance.now();
    const res = await stack.call('POST', path, { actor: HR, body: payload });
    requestMs.push(performance.now() - t0);
    if (res.status !== status) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
    return res.body;
  };
  const created = await timed('/v1/bulk-moves', { ...body, moves: named[0], open: named.length > 1 }, 201);
  const path = `/v1/bulk-moves/${created.workflowId}`;
  for (let i = 1; i < named.length; i++) await timed(`${path}/members`, { moves: named[i], last: i === named.length - 1 }, 200);
  return { id: created.workflowId as string, path, pages: named.length, requestMs };
}

/** Both of the above: each person registered, then the batch proposed in pages. */
export async function proposeInPages(
  stack: Stack,
  body: { agencyCode: string; batchCode: string; title: string; moves: MoveFacts[]; reason?: string },
  pageSize = 200,
) {
  const { moves, ...rest } = body;
  return sendPages(stack, rest, await registerInPages(stack, moves, pageSize));
}
