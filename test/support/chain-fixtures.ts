import type { Actor, CandidateProfile } from '@meritflow/domain';
import { HR, PPK, Stack, uniqueCode, vacancyProposal } from './api-client';
import { ASSESSOR, asMember, committee, eligibleProfile, uploadEvidence, waitForStep } from './selection-fixtures';
import { enrol } from './register-fixtures';

/** A senior post's selection: the post class and Sekda kind choose its decision chain (issue 16 item 1). */
export interface ChainSelectionOptions {
  positionClass: 'jpt_madya' | 'jpt_pratama';
  regionalSecretary?: 'province' | 'regency_city';
  sopVersion: string;
  agencyPrefix: string;
}

/** A JPT pratama holder meeting the madya requirements (domain.md §3): IV/c, 7 years, two years in post. */
export const madyaProfile = (name: string): CandidateProfile =>
  eligibleProfile(name, { golongan: 'IV/c', currentPostType: 'jpt_pratama', cumulativeExperienceYears: 12 });

export async function openChainSelection(stack: Stack, o: ChainSelectionOptions) {
  const agencyCode = uniqueCode(o.agencyPrefix);
  const madya = o.positionClass === 'jpt_madya';
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

export async function accepted(stack: Stack, path: string, actor: Actor, body: Record<string, unknown>) {
  const res = await stack.call('POST', path, { actor, body });
  if (res.status !== 200) throw new Error(`${String(body.decision)} by ${actor.role} refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * Opens a selection for one senior post and takes it, every step accepted, to the signed ranking:
 * committee, four candidates, screening, assessment, sealed scoring. Returns the ranked NIPs, best first.
 */
export async function runToSignedRanking(stack: Stack, o: ChainSelectionOptions, profiles: CandidateProfile[]) {
  const sel = await openChainSelection(stack, o);
  const members = committee();
  const chair = asMember(members[0]);
  const decide = (actor: Actor, body: Record<string, unknown>) => accepted(stack, `${sel.path}/decisions`, actor, body);
  const entries = await enrol(stack, sel.agencyCode, sel.postCode, profiles);
  await decide(PPK, { decision: 'form_committee', members, evidence: [await uploadEvidence(stack, 'sk_pansel', sel.agencyCode)] });
  await decide(chair, { decision: 'announce', evidence: [await uploadEvidence(stack, 'pengumuman', sel.agencyCode)] });
  await decide(HR, { decision: 'register_candidates', candidates: entries });
  await waitForStep(stack, sel.path, 'screening');
  for (const [i, c] of profiles.entries()) {
    await decide(HR, { decision: 'screen_candidate', nip: c.nip, passed: true, administrativeScore: 90 - 5 * i, reason: 'Berkas lengkap' });
  }
  await decide(chair, { decision: 'close_screening', evidence: [await uploadEvidence(stack, 'ba_seleksi_administrasi', sel.agencyCode)] });
  await waitForStep(stack, sel.path, 'assessment');
  for (const [i, c] of profiles.entries()) {
    const level = 5 - Math.min(i, 2);
    await accepted(stack, `${sel.path}/assessments/${c.nip}/decisions`, ASSESSOR, {
      decision: 'record_assessment',
      achieved: { integritas: level, kerjasama: level },
      evidence: [await uploadEvidence(stack, 'laporan_asesor', sel.agencyCode)],
    });
  }
  await waitForStep(stack, sel.path, 'committee_review');
  const review = `${sel.path}/committee-review/decisions`;
  for (const m of members) {
    await accepted(stack, review, asMember(m), {
      decision: 'declare_interests',
      declarations: profiles.map((c) => ({ nip: c.nip, conflicted: false })),
    });
  }
  for (const [mi, m] of members.entries()) {
    await accepted(stack, review, asMember(m), {
      decision: 'score',
      scores: profiles.map((c, ci) => ({ nip: c.nip, paper: 88 - 4 * ci + mi, interview: 88 - 4 * ci + mi })),
    });
  }
  const ranking = await waitForStep(stack, sel.path, 'ranking');
  const ranked: string[] = ranking.ranking[sel.postCode].map((r: { nip: string }) => r.nip);
  await decide(chair, { decision: 'sign_ranking', evidence: [await uploadEvidence(stack, 'ba_pemeringkatan', sel.agencyCode)] });
  return { ...sel, members, ranked, decide };
}
