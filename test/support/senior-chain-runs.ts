import { HR, Stack } from './api-client';
import { uploadEvidence, waitForStep } from './selection-fixtures';
import {
  appointAndClose,
  madyaProfile,
  objectAndAnswer,
  recordMadyaChain,
  runToSignedRanking,
  utamaProfile,
  type ObjectionStageHooks,
} from './chain-fixtures';
import { administratorHistory, registerOfficial } from './register-fixtures';

export const MADYA_OBJECTION_SOP = '1.1.0-madya.test.fast';

/**
 * A whole JPT madya selection on the 1.1.0 chain, nothing refused: the ranking is signed and published,
 * the last-ranked candidate objects in the window, the chair answers (not upheld) once it has closed,
 * then the governor, the Minister, the TPA (no incumbent, so no President's approval) and the Keppres
 * appoint the first, and the appointment child closes the case.
 */
export async function runMadyaSelectionWithObjection(stack: Stack, hooks: ObjectionStageHooks = {}) {
  const profiles = ['Rahmat Hidayat', 'Sinta Dewi', 'Taufik Ismail', 'Umi Kalsum'].map(madyaProfile);
  const sel = await runToSignedRanking(
    stack,
    { positionClass: 'jpt_madya', sopVersion: MADYA_OBJECTION_SOP, agencyPrefix: 'PEMPROV' },
    profiles,
  );
  // The window closes on its timer (12 s); then the chair answers.
  const objector = await objectAndAnswer(stack, sel, hooks);
  await recordMadyaChain(stack, sel, '46/TPA/2026');
  return { ...sel, objector, closed: await appointAndClose(stack, sel) };
}

/** The post's incumbent in the agency's register, a JPT utama appointed to it on `since`. */
export async function registerUtamaIncumbent(stack: Stack, agencyCode: string, postCode: string, since: string) {
  const events = [
    ...administratorHistory({ from: '2014-01-06' }),
    {
      type: 'position_assigned',
      payload: { postCode, title: 'Kepala Lembaga', postType: 'jpt_utama', unitCode: 'DINAS-A', from: since, decreeNumber: 'KEPPRES-LAMA' },
    },
  ];
  const { nip, res } = await registerOfficial(stack, { agencyCode, name: 'Pejabat Lama', events });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return nip;
}

/**
 * A whole JPT utama selection whose post's incumbent was appointed 180 days before: after the TPA the
 * case waits for the President's approval of the replacement, then the Keppres appoints the first.
 */
export async function runUtamaSelectionWithPresidentApproval(stack: Stack) {
  const profiles = ['Vina Oktaviani', 'Wahyu Hidayat', 'Yusuf Maulana', 'Zahra Amelia'].map(utamaProfile);
  const sel = await runToSignedRanking(
    stack,
    { positionClass: 'jpt_utama', sopVersion: '1.0.0-utama.test.fast', agencyPrefix: 'LPNK' },
    profiles,
  );
  const since = new Date(Date.now() - 180 * 86_400_000).toISOString().slice(0, 10);
  const holder = await registerUtamaIncumbent(stack, sel.agencyCode, sel.postCode, since);
  const doc = async (kind: string) => [await uploadEvidence(stack, kind, sel.agencyCode)];
  const postCode = sel.postCode;
  await waitForStep(stack, sel.path, 'nomination');
  await sel.decide(HR, {
    decision: 'propose_nominees',
    postCode,
    nominees: sel.ranked.slice(0, 3),
    evidence: await doc('surat_usulan_pengusul'),
  });
  await sel.decide(HR, { decision: 'tpa_assess', postCode, evidence: await doc('hasil_sidang_tpa') });
  await waitForStep(stack, sel.path, 'president_approval');
  await sel.decide(HR, { decision: 'president_approve', postCode, evidence: await doc('persetujuan_presiden') });
  await sel.decide(HR, {
    decision: 'record_keppres',
    postCode,
    nip: sel.ranked[0],
    decreeNumber: '14/TPA/2026',
    evidence: await doc('keppres'),
  });
  return { ...sel, holder, closed: await appointAndClose(stack, sel) };
}
