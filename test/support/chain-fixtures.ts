import { candidateCode, type Actor, type CandidateProfile } from '@meritflow/domain';
import { HR, PPK, Stack, eventually, uniqueCode, vacancyProposal, type TestActor } from './api-client';
import {
  ASSESSOR,
  OVERSEER,
  REGISTRATION_CLOSE_WAIT_MS,
  accepted,
  asMember,
  committee,
  eligibleProfile,
  uploadEvidence,
  waitForStep,
} from './selection-fixtures';
import { enrol } from './register-fixtures';

/** A senior post's selection: the post class and Sekda kind choose its decision chain (issue 16 item 1). */
export interface ChainSelectionOptions {
  positionClass: 'jpt_utama' | 'jpt_madya' | 'jpt_pratama';
  regionalSecretary?: 'province' | 'regency_city';
  sopVersion: string;
  agencyPrefix: string;
  /** Opened with blind scoring: the committee and the assessors name candidates by code (K-01, …) until the ranking is signed. */
  blindScoring?: boolean;
}

/** A JPT pratama holder meeting the madya requirements (domain.md §3): IV/c, 7 years, two years in post. */
export const madyaProfile = (name: string): CandidateProfile =>
  eligibleProfile(name, { golongan: 'IV/c', currentPostType: 'jpt_pratama', cumulativeExperienceYears: 12 });

/** A JPT madya holder meeting the utama requirements (domain.md §3): 10 years, two years in a madya post. */
export const utamaProfile = (name: string): CandidateProfile =>
  eligibleProfile(name, { golongan: 'IV/d', currentPostType: 'jpt_madya', cumulativeExperienceYears: 14 });

export async function openChainSelection(stack: Stack, o: ChainSelectionOptions) {
  const agencyCode = uniqueCode(o.agencyPrefix);
  const madya = o.positionClass === 'jpt_madya' || o.positionClass === 'jpt_utama';
  const proposal = vacancyProposal({
    agencyCode,
    positionCode: uniqueCode('SEKDA'),
    title: 'Sekretaris Daerah',
    organisationalUnit: 'Sekretariat Daerah',
    positionClass: o.positionClass,
    gradeMin: madya ? 'IV/c' : 'IV/b',
    gradeMax: madya ? 'IV/e' : 'IV/c',
    requiredCompetencies: [
      { type: 'managerial', name: 'integritas', level: 4 },
      { type: 'managerial', name: 'kerjasama', level: 4 },
    ],
  });
  const v = await stack.call('POST', '/v1/vacancies', { body: proposal });
  if (v.status !== 201) throw new Error(JSON.stringify(v.body));
  const approved = await stack.call('POST', `/v1/vacancies/${v.body.workflowId}/decisions`, {
    actor: PPK,
    body: { decision: 'approve', fillingMethod: 'open_selection' },
  });
  if (approved.status !== 200) throw new Error(JSON.stringify(approved.body));
  const res = await stack.call('POST', '/v1/selections', {
    body: {
      agencyCode,
      selectionCode: uniqueCode('SELTER'),
      title: 'Seleksi Terbuka Sekretaris Daerah 2026',
      vacancyIds: [v.body.workflowId],
      sopVersion: o.sopVersion,
      ...(o.regionalSecretary ? { regionalSecretary: o.regionalSecretary } : {}),
      ...(o.blindScoring ? { blindScoring: true } : {}),
    },
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return {
    agencyCode,
    postCode: proposal.positionCode,
    vacancyId: v.body.workflowId as string,
    id: res.body.workflowId as string,
    path: `/v1/selections/${res.body.workflowId}`,
    opened: res.body,
  };
}

/**
 * Opens a selection for one senior post and takes it, every step accepted, to the signed ranking:
 * committee, four candidates, screening, assessment, sealed scoring. Returns the ranked NIPs, best first.
 */
export async function runToSignedRanking(stack: Stack, o: ChainSelectionOptions, profiles: CandidateProfile[]) {
  const sel = await runToRanking(stack, o, profiles);
  const chair = asMember(sel.members[0]);
  await sel.decide(chair, { decision: 'sign_ranking', evidence: [await uploadEvidence(stack, 'ba_pemeringkatan', sel.agencyCode)] });
  return sel;
}

/**
 * The same up to the computed ranking, not signed. `atAssessment` runs while the assessment children
 * run (before any is recorded), e.g. to try what a running child refuses.
 */
export async function runToRanking(
  stack: Stack,
  o: ChainSelectionOptions,
  profiles: CandidateProfile[],
  atAssessment?: (sel: Awaited<ReturnType<typeof openChainSelection>>) => Promise<void>,
) {
  const sel = await runToReview(stack, o, profiles, atAssessment);
  const review = `${sel.path}/committee-review/decisions`;
  for (const m of sel.members) {
    await accepted(stack, review, asMember(m), {
      decision: 'declare_interests',
      declarations: sel.subjects.map((nip) => ({ nip, conflicted: false })),
    });
  }
  for (const [mi, m] of sel.members.entries()) {
    await accepted(stack, review, asMember(m), {
      decision: 'score',
      scores: sel.subjects.map((nip, ci) => ({ nip, paper: 88 - 4 * ci + mi, interview: 88 - 4 * ci + mi })),
    });
  }
  const ranking = await waitForStep(stack, sel.path, 'ranking');
  const ranked: string[] = ranking.ranking[sel.postCode].map((r: { nip: string }) => r.nip);
  return { ...sel, ranked };
}

/**
 * Opens the selection and takes it to the committee's review, nobody having declared or scored yet:
 * committee, four candidates, screening, assessment. `subjects` are how the committee names the
 * candidates, in registration order: their NIPs, or their codes under blind scoring.
 */
export async function runToReview(
  stack: Stack,
  o: ChainSelectionOptions,
  profiles: CandidateProfile[],
  atAssessment?: (sel: Awaited<ReturnType<typeof openChainSelection>>) => Promise<void>,
) {
  const sel = await openChainSelection(stack, o);
  const subjects = profiles.map((c, i) => (o.blindScoring ? candidateCode(i + 1) : c.nip));
  const members = committee();
  const chair = asMember(members[0]);
  const decide = (actor: Actor, body: Record<string, unknown>) => accepted(stack, `${sel.path}/decisions`, actor, body);
  const entries = await enrol(stack, sel.agencyCode, sel.postCode, profiles);
  await decide(PPK, { decision: 'form_committee', members, evidence: [await uploadEvidence(stack, 'sk_pansel', sel.agencyCode)] });
  await decide(chair, { decision: 'announce', evidence: [await uploadEvidence(stack, 'pengumuman', sel.agencyCode)] });
  await decide(HR, { decision: 'register_candidates', candidates: entries });
  // Registration closes by its deadline: 4 s on the test SOPs, 30 s on the console's (1.0.0-test.console,
  // so a person can type candidates in the browser). Wait for that window, plus its closing under load.
  await waitForStep(stack, sel.path, 'screening', REGISTRATION_CLOSE_WAIT_MS);
  for (const [i, c] of profiles.entries()) {
    await decide(HR, { decision: 'screen_candidate', nip: c.nip, passed: true, administrativeScore: 90 - 5 * i, reason: 'Berkas lengkap' });
  }
  await decide(chair, { decision: 'close_screening', evidence: [await uploadEvidence(stack, 'ba_seleksi_administrasi', sel.agencyCode)] });
  await waitForStep(stack, sel.path, 'assessment');
  await atAssessment?.(sel);
  for (const [i, subject] of subjects.entries()) {
    const level = 5 - Math.min(i, 2);
    await accepted(stack, `${sel.path}/assessments/${subject}/decisions`, ASSESSOR, {
      decision: 'record_assessment',
      achieved: { integritas: level, kerjasama: level },
      evidence: [await uploadEvidence(stack, 'laporan_asesor', sel.agencyCode)],
    });
  }
  await waitForStep(stack, sel.path, 'committee_review');
  return { ...sel, members, subjects, decide };
}

/** Runs the appointment child (decree, inauguration) and waits until the selection is closed and fully recorded. */
export async function appointAndClose(stack: Stack, sel: { agencyCode: string; postCode: string; path: string }) {
  await waitForStep(stack, sel.path, 'appointment');
  const appointment = `${sel.path}/appointments/${sel.postCode}/decisions`;
  await accepted(stack, appointment, HR, {
    decision: 'record_decree',
    decreeNumber: '821.2/777/2026',
    effectiveDate: '2026-12-01',
    evidence: [await uploadEvidence(stack, 'sk_pengangkatan', sel.agencyCode)],
  });
  await accepted(stack, appointment, HR, {
    decision: 'record_inauguration',
    inauguratedOn: '2026-12-02',
    evidence: [await uploadEvidence(stack, 'ba_pelantikan', sel.agencyCode)],
  });
  await waitForStep(stack, sel.path, 'closed');
  return eventually(async () => {
    const r = await stack.call('GET', sel.path);
    return r.body.recordedCount === r.body.decisionCount ? r.body : undefined;
  });
}

/** A whole JPT madya selection, nothing refused: the governor proposes the top three, the Keppres appoints the first. */
export async function runWholeMadyaSelection(stack: Stack) {
  const profiles = ['Arif Budiman', 'Bayu Saputra', 'Cahya Purnama', 'Dian Kusuma'].map(madyaProfile);
  const sel = await runToSignedRanking(
    stack,
    { positionClass: 'jpt_madya', sopVersion: '1.0.0-madya.test.fast', agencyPrefix: 'PEMPROV' },
    profiles,
  );
  await recordMadyaChain(stack, sel, '45/TPA/2026');
  return { ...sel, closed: await appointAndClose(stack, sel) };
}

type RankedSelection = Awaited<ReturnType<typeof runToRanking>>;

/**
 * The madya chain after the ranking, every body's decision recorded by HR with its document: the
 * governor proposes the top three, the Minister forwards, the TPA assesses (no incumbent, so no
 * President's approval), and the Keppres appoints the first.
 */
export async function recordMadyaChain(stack: Stack, sel: RankedSelection, keppresNumber: string) {
  await waitForStep(stack, sel.path, 'governor_proposal');
  const doc = async (kind: string) => [await uploadEvidence(stack, kind, sel.agencyCode)];
  const postCode = sel.postCode;
  await sel.decide(HR, {
    decision: 'governor_propose',
    postCode,
    nominees: sel.ranked.slice(0, 3),
    evidence: await doc('surat_usulan_gubernur'),
  });
  await sel.decide(HR, { decision: 'minister_forward', postCode, evidence: await doc('surat_mendagri') });
  await sel.decide(HR, { decision: 'tpa_assess', postCode, evidence: await doc('hasil_sidang_tpa') });
  await waitForStep(stack, sel.path, 'presidential_decree');
  await sel.decide(HR, {
    decision: 'record_keppres',
    postCode,
    nip: sel.ranked[0],
    decreeNumber: keppresNumber,
    evidence: await doc('keppres'),
  });
}

/** A candidate signs in as themselves: the token's subject is their NIP. */
export const candidateActor = (nip: string, agency: string): TestActor => ({ id: nip, role: 'candidate', agency });

/** Optional looks into the case while it waits: in the objection window, and while the chair answers. */
export interface ObjectionStageHooks {
  inWindow?: (sel: RankedSelection) => Promise<void>;
  inReview?: (sel: RankedSelection) => Promise<void>;
}

/**
 * After the signed ranking on a SOP with an objection window: the lowest-ranked candidate objects with
 * their own document, and once the window has closed on its timer the chair answers (not upheld).
 * Returns the objector's NIP.
 */
export async function objectAndAnswer(stack: Stack, sel: RankedSelection, hooks: ObjectionStageHooks = {}): Promise<string> {
  const objector = sel.ranked[sel.ranked.length - 1];
  await waitForStep(stack, sel.path, 'objection_window');
  await hooks.inWindow?.(sel);
  const me = candidateActor(objector, sel.agencyCode);
  await accepted(stack, `${sel.path}/decisions`, me, {
    decision: 'file_objection',
    reason: 'Nilai wawancara saya tidak sesuai berita acara',
    evidence: [await uploadEvidence(stack, 'surat_sanggahan', sel.agencyCode, me)],
  });
  await waitForStep(stack, sel.path, 'objection_review');
  await hooks.inReview?.(sel);
  await sel.decide(asMember(sel.members[0]), {
    decision: 'answer_objection',
    nip: objector,
    upheld: false,
    reason: 'Nilai wawancara sesuai berita acara dan rekaman',
  });
  return objector;
}

/** Two administrators: one asks, the other approves (four eyes). */
export const MIGRATION_ADMINS = [
  { id: 'admin-bkn-11', role: 'admin', name: 'Admin Sistem 1' },
  { id: 'admin-bkn-12', role: 'admin', name: 'Admin Sistem 2' },
] as const satisfies readonly Actor[];

/** Migrates a running case to `toVersion` under four eyes through the API and returns the batch's approval. */
export async function migrateCase(stack: Stack, caseId: string, agencyCode: string, toVersion: string) {
  const basis = await uploadEvidence(stack, 'dasar_hukum', agencyCode);
  const [asker, approver] = MIGRATION_ADMINS;
  const asked = await stack.call('POST', '/v1/sop-migrations', {
    actor: asker,
    body: { caseIds: [caseId], outcome: 'migrate', toVersion, reason: 'SOP 1.1.0 berlaku (masa sanggah)', evidence: [basis] },
  });
  if (asked.status !== 201) throw new Error(`migration request refused: ${asked.status} ${JSON.stringify(asked.body)}`);
  const approved = await stack.call('POST', `/v1/sop-migrations/${asked.body.batchId}/approve`, {
    actor: approver,
    body: { reason: 'Dasar hukum sesuai' },
  });
  if (approved.status !== 200) throw new Error(`migration approval refused: ${approved.status} ${JSON.stringify(approved.body)}`);
  return approved.body;
}

/**
 * After the signed ranking on 1.1.0: the lowest-ranked candidate objects in the window, the chair
 * answers (not upheld) once it has closed, and the shortlist goes on to the overseer and the PPK.
 */
export async function objectAndGoOn(stack: Stack, sel: RankedSelection) {
  await objectAndAnswer(stack, sel);
  await waitForStep(stack, sel.path, 'external_review');
  await sel.decide(OVERSEER, {
    decision: 'recommend',
    postCode: sel.postCode,
    recommended: sel.ranked.slice(0, 3),
    evidence: [await uploadEvidence(stack, 'rekomendasi_bkn', sel.agencyCode)],
  });
  await sel.decide(PPK, { decision: 'pick', postCode: sel.postCode, nip: sel.ranked[0] });
  return appointAndClose(stack, sel);
}
