import { randomBytes } from 'node:crypto';
import type { Actor, CandidateProfile, CommitteeMember, EvidenceRef } from '@meritflow/domain';
import { HR, PPK, Stack, eventually, uniqueCode, vacancyProposal, type TestActor } from './api-client';
import { appointmentWorkflowId, assessmentWorkflowId, committeeReviewWorkflowId } from '@meritflow/contracts';
import { enrol } from './register-fixtures';

export const OVERSEER: Actor = { id: 'bkn-kanreg-1', role: 'overseer', name: 'Kanreg I BKN Yogyakarta' };
export const ASSESSOR: Actor = { id: 'asesor-01', role: 'assessor', name: 'Asesor UPT Penilaian Kompetensi' };

/** An 18-digit PNS NIP: birth date, CPNS month, sex digit, sequence (domain.md §6). */
export const makeNip = (birth: string, tmt: string, sex: 1 | 2, seq: number): string =>
  `${birth}${tmt}${sex}${String(seq).padStart(3, '0')}`;

/** A 5-member committee: chair and two other externals, two internals (40% internal). */
export function committee(): CommitteeMember[] {
  const tag = randomBytes(2).toString('hex');
  return [
    { id: `pansel-ketua-${tag}`, name: 'Prof. Dr. Sri Wahyuni', affiliation: 'external', isChair: true },
    { id: `pansel-2-${tag}`, name: 'Dr. Agus Salim', affiliation: 'external', isChair: false },
    { id: `pansel-3-${tag}`, name: 'Dr. Rina Marlina', affiliation: 'external', isChair: false },
    { id: `pansel-4-${tag}`, name: 'Ir. Bambang Priyono', affiliation: 'internal', isChair: false },
    { id: `pansel-5-${tag}`, name: 'Drs. Joko Susilo', affiliation: 'internal', isChair: false },
  ];
}

export const asMember = (m: CommitteeMember): Actor => ({
  id: m.id,
  role: m.isChair ? 'committee_chair' : 'committee_member',
  name: m.name,
});

let nipSeq = Math.floor(Math.random() * 800);

/** An administrator meeting every JPT pratama requirement of the 2026 policy. */
export function eligibleProfile(name: string, overrides: Partial<CandidateProfile> = {}): CandidateProfile {
  nipSeq = (nipSeq % 998) + 1;
  return {
    nip: makeNip('19780412', '200303', 1, nipSeq),
    name,
    golongan: 'IV/b',
    education: 'S2',
    currentPostType: 'administrator',
    currentPostSince: '2020-01-02',
    cumulativeExperienceYears: 9,
    performance: [
      { year: 2024, predicate: 'baik' },
      { year: 2025, predicate: 'sangat_baik' },
    ],
    sanctions: [],
    credentials: [],
    ...overrides,
  };
}

export async function uploadEvidence(stack: Stack, kind: string, agencyCode: string, actor: TestActor = HR): Promise<EvidenceRef> {
  const form = new FormData();
  const bytes = Buffer.from(`%PDF-1.4\n% ${kind} ${randomBytes(8).toString('hex')}\n%%EOF\n`);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), `${kind}.pdf`);
  form.append('kind', kind);
  form.append('agencyCode', agencyCode);
  const res = await fetch(`${stack.state.apiUrl}/v1/evidence`, {
    method: 'POST',
    headers: await stack.authHeaders(actor, '', agencyCode),
    body: form,
  });
  const body = await res.json();
  if (res.status !== 201) throw new Error(`evidence upload failed: ${res.status} ${JSON.stringify(body)}`);
  return body.ref;
}

/**
 * An approved JPT pratama vacancy for open selection, and a freshly opened selection for it (test-fast
 * SOP); `options` go into the opening request (e.g. `{ blindScoring: true }`).
 */
export async function openSelection(stack: Stack, options: Record<string, unknown> = {}) {
  const agencyCode = uniqueCode('PEMKAB');
  const proposal = vacancyProposal({
    agencyCode,
    requiredCompetencies: [
      { type: 'managerial', name: 'integritas', level: 4 },
      { type: 'managerial', name: 'kerjasama', level: 4 },
      { type: 'technical', name: 'manajemen konstruksi', level: 4 },
    ],
  });
  const v = await stack.call('POST', '/v1/vacancies', { body: proposal });
  if (v.status !== 201) throw new Error(JSON.stringify(v.body));
  const approved = await stack.call('POST', `/v1/vacancies/${v.body.workflowId}/decisions`, {
    actor: PPK,
    body: { decision: 'approve', fillingMethod: 'open_selection' },
  });
  if (approved.status !== 200) throw new Error(JSON.stringify(approved.body));
  const selectionCode = uniqueCode('SELTER');
  const res = await stack.call('POST', '/v1/selections', {
    body: {
      agencyCode,
      selectionCode,
      title: 'Seleksi Terbuka JPT Pratama 2026',
      vacancyIds: [v.body.workflowId],
      sopVersion: '1.0.0-test.fast',
      ...options,
    },
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return {
    agencyCode,
    postCode: proposal.positionCode,
    vacancyId: v.body.workflowId as string,
    id: res.body.workflowId as string,
    path: `/v1/selections/${res.body.workflowId}`,
  };
}

/** How long to wait for a registration window to close by its deadline (the longest test window is 30 s). */
export const REGISTRATION_CLOSE_WAIT_MS = 90_000;

export async function waitForStep(stack: Stack, path: string, step: string, timeoutMs = 30_000) {
  return eventually(
    async () => {
      const r = await stack.call('GET', path);
      return r.body.step === step ? r.body : undefined;
    },
    timeoutMs,
    `step ${step}`,
  );
}

export interface WholeSelection {
  agencyCode: string;
  postCode: string;
  /** The approved vacancy the selection fills (a case of its own). */
  vacancyId: string;
  /** The selection's workflow id: the case. */
  id: string;
  path: string;
  members: CommitteeMember[];
  candidates: CandidateProfile[];
  /** The child workflows the selection ran: one assessment per candidate, the committee review, one appointment. */
  childIds: string[];
}

/** Posts a decision that must be taken (200) and returns the answer; a refusal fails with its code and details. */
export async function accepted(stack: Stack, path: string, actor: Actor, body: Record<string, unknown>) {
  const res = await stack.call('POST', path, { actor, body });
  if (res.status !== 200) throw new Error(`${String(body.decision)} by ${actor.role} refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A whole open selection with every step taken in order and nothing refused: committee, registration of
 * four candidates, screening, assessment, sealed scoring, ranking, recommendation, a pick of the first
 * ranked, appointment. Returns once the selection is closed and its ledger has caught up.
 */
export async function runWholeSelection(stack: Stack): Promise<WholeSelection> {
  const sel = await openSelection(stack);
  const members = committee();
  const chair = asMember(members[0]);
  const decide = (actor: Actor, body: Record<string, unknown>) => accepted(stack, `${sel.path}/decisions`, actor, body);

  // The candidates are in the register before the (short) registration window opens.
  const candidates = ['Andi Wijaya', 'Budi Hartono', 'Citra Lestari', 'Dewi Anggraini'].map((n) => eligibleProfile(n));
  const entries = await enrol(stack, sel.agencyCode, sel.postCode, candidates);
  await decide(PPK, { decision: 'form_committee', members, evidence: [await uploadEvidence(stack, 'sk_pansel', sel.agencyCode)] });
  await decide(chair, { decision: 'announce', evidence: [await uploadEvidence(stack, 'pengumuman', sel.agencyCode)] });
  await decide(HR, { decision: 'register_candidates', candidates: entries });

  await waitForStep(stack, sel.path, 'screening');
  for (const [i, c] of candidates.entries()) {
    await decide(HR, {
      decision: 'screen_candidate',
      nip: c.nip,
      passed: true,
      administrativeScore: 90 - 5 * i,
      reason: 'Berkas lengkap dan sah',
    });
  }
  await decide(chair, { decision: 'close_screening', evidence: [await uploadEvidence(stack, 'ba_seleksi_administrasi', sel.agencyCode)] });

  await waitForStep(stack, sel.path, 'assessment');
  for (const [i, c] of candidates.entries()) {
    const level = 5 - Math.min(i, 2);
    await accepted(stack, `${sel.path}/assessments/${c.nip}/decisions`, ASSESSOR, {
      decision: 'record_assessment',
      achieved: { integritas: level, kerjasama: level, 'manajemen konstruksi': level },
      evidence: [await uploadEvidence(stack, 'laporan_asesor', sel.agencyCode)],
    });
  }

  await waitForStep(stack, sel.path, 'committee_review');
  const review = `${sel.path}/committee-review/decisions`;
  for (const m of members) {
    await accepted(stack, review, asMember(m), {
      decision: 'declare_interests',
      declarations: candidates.map((c) => ({ nip: c.nip, conflicted: false })),
    });
  }
  for (const [mi, m] of members.entries()) {
    for (const [ci, c] of candidates.entries()) {
      await accepted(stack, review, asMember(m), { decision: 'score', nip: c.nip, paper: 88 - 4 * ci + mi, interview: 88 - 4 * ci + mi });
    }
  }

  const ranking = await waitForStep(stack, sel.path, 'ranking');
  const shortlist: { nip: string }[] = ranking.shortlist[sel.postCode];
  await decide(chair, { decision: 'sign_ranking', evidence: [await uploadEvidence(stack, 'ba_pemeringkatan', sel.agencyCode)] });
  await decide(OVERSEER, {
    decision: 'recommend',
    postCode: sel.postCode,
    recommended: shortlist.map((c) => c.nip),
    evidence: [await uploadEvidence(stack, 'rekomendasi_bkn', sel.agencyCode)],
  });
  await decide(PPK, { decision: 'pick', postCode: sel.postCode, nip: shortlist[0].nip });

  await waitForStep(stack, sel.path, 'appointment');
  const appointment = `${sel.path}/appointments/${sel.postCode}/decisions`;
  await accepted(stack, appointment, HR, {
    decision: 'record_decree',
    decreeNumber: '821.2/123/2026',
    effectiveDate: '2026-12-01',
    evidence: [await uploadEvidence(stack, 'sk_pengangkatan', sel.agencyCode)],
  });
  await accepted(stack, appointment, HR, {
    decision: 'record_inauguration',
    inauguratedOn: '2026-12-02',
    evidence: [await uploadEvidence(stack, 'ba_pelantikan', sel.agencyCode)],
  });

  await waitForStep(stack, sel.path, 'closed');
  await eventually(async () => {
    const r = await stack.call('GET', sel.path);
    return r.body.recordedCount === r.body.decisionCount;
  });
  return {
    ...sel,
    members,
    candidates,
    childIds: [
      ...candidates.map((c) => assessmentWorkflowId(sel.id, c.nip)),
      committeeReviewWorkflowId(sel.id),
      appointmentWorkflowId(sel.id, sel.postCode),
    ],
  };
}
