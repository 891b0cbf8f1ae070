import { DefaultLogger, Runtime } from '@temporalio/worker';
import { vacancyFilledSignal } from '@meritflow/contracts';
import { Stack, HR, PPK, eventually, uniqueCode, vacancyPath, vacancyProposal } from '../support/api-client';
import { hrOf, namedMoves, newAgency, registerOfficial } from '../support/register-fixtures';
import { TPK_CHAIR, evidence, monthsFromNow, moveFacts, proposeInPages, region, rotations } from '../support/move-fixtures';
import { asMember, eligibleProfile, runWholeSelection, uploadEvidence } from '../support/selection-fixtures';
import { migrateCase, objectAndGoOn, runToRanking, runWholeMadyaSelection } from '../support/chain-fixtures';
import { historyRecorder } from '../support/history-recorder';
import { agencyWithOfficials, CHAIR, MEMBER, openReview } from '../support/talent-fixtures';

/**
 * Drives every workflow type to its end, replays the resulting history against the current code, and
 * (with RECORD_HISTORIES=true) saves it under workflows/test/histories, where CI replays it on every
 * change so a non-deterministic edit to shipped workflow code fails the build. The stack encrypts
 * payloads with a key of this run only, so recordings are saved decrypted: CI replays them without
 * a key (decoding passes plain payloads through).
 */
const stack = new Stack();
/** Today as a WIB calendar date: decrees are dated today, inside the backdating limit. */
const today = () => new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
Runtime.install({ logger: new DefaultLogger('WARN') });
afterAll(() => stack.close());

const finish = historyRecorder(stack);

describe('recorded workflow histories', () => {
  it('vacancy approved then closed: finishes and replays deterministically', async () => {
    const proposal = vacancyProposal({ agencyCode: 'HIST-PEMKAB', positionCode: `HIST-${Date.now()}` });
    const created = await stack.call('POST', '/v1/vacancies', { body: proposal });
    expect(created.status).toBe(201);
    const p = vacancyPath(proposal);
    expect(
      (await stack.call('POST', `${p}/decisions`, { actor: HR, body: { decision: 'approve', fillingMethod: 'open_selection' } })).status,
    ).toBe(409);
    expect(
      (await stack.call('POST', `${p}/decisions`, { actor: PPK, body: { decision: 'approve', fillingMethod: 'open_selection' } })).status,
    ).toBe(200);
    expect(
      (await stack.call('POST', `${p}/decisions`, { actor: HR, body: { decision: 'close', reason: 'Terisi melalui seleksi terbuka' } }))
        .status,
    ).toBe(200);
    const history = await finish('vacancy-approved-closed', created.body.workflowId);
    expect(history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(2);
  });

  it('vacancy expired on its deadline: finishes and replays deterministically', async () => {
    const proposal = vacancyProposal({ agencyCode: 'HIST-PEMKAB', positionCode: `HIST-EXP-${Date.now()}`, sopVersion: '1.0.0-test.fast' });
    const created = await stack.call('POST', '/v1/vacancies', { body: proposal });
    expect(created.status).toBe(201);
    await eventually(async () => (await stack.call('GET', vacancyPath(proposal))).body.status === 'expired', 30_000, 'expiry');
    const history = await finish('vacancy-expired', created.body.workflowId);
    expect(history.events!.some((e) => e.timerFiredEventAttributes)).toBe(true);
  });
});

describe('recorded histories of a vacancy an SOP migration continued as new', () => {
  it('vacancy (SOP 1.0.0) migrated to 1.1.0 under four eyes, then approved and filled: both runs replay', async () => {
    const proposal = vacancyProposal({ agencyCode: 'HIST-PEMKAB', positionCode: `HIST-MIG-${Date.now()}`, sopVersion: '1.0.0' });
    const created = await stack.call('POST', '/v1/vacancies', { body: proposal });
    expect(created.status).toBe(201);
    const id: string = created.body.workflowId;
    const basis = await uploadEvidence(stack, 'dasar_hukum', proposal.agencyCode);
    const asked = await stack.call('POST', '/v1/sop-migrations', {
      actor: { id: 'admin-hist-1', role: 'admin' },
      body: { caseIds: [id], outcome: 'migrate', toVersion: '1.1.0', reason: 'SOP 1.1.0 berlaku', evidence: [basis] },
    });
    expect(asked.status).toBe(201);
    const approved = await stack.call('POST', `/v1/sop-migrations/${asked.body.batchId}/approve`, {
      actor: { id: 'admin-hist-2', role: 'admin' },
      body: { reason: 'Setuju' },
    });
    expect(approved.status).toBe(200);
    await eventually(async () => (await stack.call('GET', vacancyPath(proposal))).body.sop?.version === '1.1.0', 30_000, 'migration');
    const p = vacancyPath(proposal);
    expect(
      (await stack.call('POST', `${p}/decisions`, { actor: PPK, body: { decision: 'approve', fillingMethod: 'talent_pool' } })).status,
    ).toBe(200);
    const client = await stack.temporalClient();
    await client.workflow
      .getHandle(id)
      .signal(vacancyFilledSignal, { filledBy: 'hist', nip: '198203042008011064', name: 'Budi', decreeNumber: null, effectiveDate: null });
    const second = await finish('vacancy-migrated-run2', id);
    const firstRunId = second.events![0].workflowExecutionStartedEventAttributes!.continuedExecutionRunId!;
    const first = await finish('vacancy-migrated-run1', id, firstRunId);
    expect(first.events!.at(-1)!.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
  });
});

describe('recorded histories of the open selection, move and bulk-move workflows', () => {
  it('open selection with its assessment, committee-review and appointment children', async () => {
    const sel = await runWholeSelection(stack);
    await finish('open-selection', sel.id);
    const client = await stack.temporalClient();
    const seen = new Set<string>();
    for (const id of sel.childIds) {
      const type = (await client.workflow.getHandle(id).describe()).type;
      const name = { assessmentWorkflow: 'assessment', committeeReviewWorkflow: 'committee-review', appointmentWorkflow: 'appointment' }[
        type
      ];
      if (!name || seen.has(name)) continue;
      seen.add(name);
      await finish(name, id);
    }
    expect([...seen].sort()).toEqual(['appointment', 'assessment', 'committee-review']);
  });

  it('open selection for a JPT madya post: the governor, the Minister, the TPA and the Keppres (issue 16 chains)', async () => {
    const sel = await runWholeMadyaSelection(stack);
    expect(sel.closed.chain.name).toBe('madya');
    await finish('open-selection-madya', sel.id);
  });

  it('open selection migrated at its ranking to 1.1.0-test.fast, then through the objection stage (an objection answered): both runs replay', async () => {
    const profiles = ['Mira Handayani', 'Nanda Putra', 'Oki Setiawan', 'Putri Anggraini'].map((n) => eligibleProfile(n));
    const sel = await runToRanking(
      stack,
      { positionClass: 'jpt_pratama', sopVersion: '1.0.0-test.fast', agencyPrefix: 'PEMKAB' },
      profiles,
    );
    const firstRunId = (await stack.call('GET', sel.path)).body.runId as string;
    await migrateCase(stack, sel.id, sel.agencyCode, '1.1.0-test.fast');
    await eventually(async () => (await stack.call('GET', sel.path)).body.sop?.version === '1.1.0-test.fast', 30_000, 'migration');
    await sel.decide(asMember(sel.members[0]), {
      decision: 'sign_ranking',
      evidence: [await uploadEvidence(stack, 'ba_pemeringkatan', sel.agencyCode)],
    });
    const closed = await objectAndGoOn(stack, sel);
    expect(closed.objections).toHaveLength(1);
    const second = await finish('open-selection-v1-1-objection-migrated-run2', sel.id);
    expect(second.events![0].workflowExecutionStartedEventAttributes!.continuedExecutionRunId).toBe(firstRunId);
    const first = await finish('open-selection-migrated-run1', sel.id, firstRunId);
    expect(first.events!.at(-1)!.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
  });

  it('a mutation within one agency, and a bulk rotation with one person excluded', async () => {
    const agency = uniqueCode('PEMKAB');
    const reg = await region(stack);
    const facts = moveFacts(agency, reg);
    const created = await stack.call('POST', '/v1/moves', { body: await namedMoves(stack, { ...facts }) });
    expect(created.status).toBe(201);
    const m = `/v1/moves/${created.body.workflowId}/decisions`;
    expect(
      (
        await stack.call('POST', m, {
          actor: TPK_CHAIR,
          body: { decision: 'tpk_advise', reason: 'Memenuhi', evidence: await evidence(stack, 'ba_tpk', agency) },
        })
      ).status,
    ).toBe(200);
    expect((await stack.call('POST', m, { actor: PPK, body: { decision: 'approve' } })).status).toBe(200);
    expect(
      (
        await stack.call('POST', m, {
          actor: HR,
          body: {
            decision: 'record_decree',
            decreeNumber: '800/1/2026',
            effectiveDate: today(),
            evidence: await evidence(stack, 'sk', agency),
          },
        })
      ).status,
    ).toBe(200);
    await finish('move-mutation-intra', created.body.workflowId);

    const people = Array.from({ length: 3 }, () => moveFacts(agency, reg, { kind: 'rotation' }));
    people[1].from = { ...people[1].from, since: new Date(Date.now() - 365 * 24 * 3600 * 1000).toISOString().slice(0, 10) };
    const batch = await stack.call('POST', '/v1/bulk-moves', {
      body: await namedMoves(stack, { agencyCode: agency, batchCode: uniqueCode('SK'), title: 'Rotasi kecil', moves: people }),
    });
    expect(batch.status).toBe(201);
    const b = `/v1/bulk-moves/${batch.body.workflowId}`;
    await eventually(async () => (await stack.call('GET', b)).body.step === 'awaiting_approval', 60_000, 'members checked');
    expect(
      (
        await stack.call('POST', `${b}/decisions`, {
          actor: PPK,
          body: { decision: 'approve_batch', exclusions: [{ nip: people[1].person.nip, reason: 'Masa jabatan kurang dari 2 tahun' }] },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await stack.call('POST', `${b}/decisions`, {
          actor: HR,
          body: {
            decision: 'record_decree',
            decreeNumber: '800/2/2026',
            effectiveDate: today(),
            evidence: await evidence(stack, 'sk', agency),
          },
        })
      ).status,
    ).toBe(200);
    await finish('bulk-move', batch.body.workflowId);
    await finish('bulk-member', `${batch.body.workflowId}:member:${people[0].person.nip}`);
  });

  it('a bulk rotation proposed in two pages (issue 19): the batch and one of its parts', async () => {
    const agency = uniqueCode('PEMKAB');
    const reg = await region(stack);
    const batch = await proposeInPages(
      stack,
      { agencyCode: agency, batchCode: uniqueCode('SK'), title: 'Rotasi bertahap', moves: rotations(agency, reg, 3) },
      2,
    );
    await eventually(async () => (await stack.call('GET', batch.path)).body.step === 'awaiting_approval', 60_000, 'members checked');
    expect((await stack.call('POST', `${batch.path}/decisions`, { actor: PPK, body: { decision: 'approve_batch' } })).status).toBe(200);
    const decree = {
      decision: 'record_decree',
      decreeNumber: '800/3/2026',
      effectiveDate: today(),
      evidence: await evidence(stack, 'sk', agency),
    };
    expect((await stack.call('POST', `${batch.path}/decisions`, { actor: HR, body: decree })).status).toBe(200);
    await finish('bulk-move-paged', batch.id);
    await finish('bulk-move-part', `${batch.id}:part:2`);
  });

  it('a mutation (SOP 1.1.0) decreed inside an election ban with the Minister’s approval, then reported', async () => {
    const agency = uniqueCode('PEMKAB');
    const reg = await region(stack);
    const window = { candidatePairDetermination: monthsFromNow(3), termEnd: monthsFromNow(14), reason: 'Jadwal KPU (uji)' };
    expect((await stack.call('PUT', `/v1/reference/elections/${reg}`, { actor: HR, body: window })).status).toBe(200);
    const facts = moveFacts(agency, reg);
    const created = await stack.call('POST', '/v1/moves', {
      body: await namedMoves(stack, { ...facts, intendedEffectiveDate: monthsFromNow(-4) }),
    });
    expect(created.status).toBe(201);
    const m = `/v1/moves/${created.body.workflowId}/decisions`;
    expect(
      (
        await stack.call('POST', m, {
          actor: TPK_CHAIR,
          body: { decision: 'tpk_advise', reason: 'Memenuhi', evidence: await evidence(stack, 'ba_tpk', agency) },
        })
      ).status,
    ).toBe(200);
    expect((await stack.call('POST', m, { actor: PPK, body: { decision: 'approve' } })).status).toBe(200);
    const decree = async () =>
      stack.call('POST', m, {
        actor: HR,
        body: {
          decision: 'record_decree',
          decreeNumber: '800/3/2026',
          effectiveDate: today(),
          evidence: await evidence(stack, 'sk', agency),
        },
      });
    expect((await decree()).status).toBe(422);
    const approval = {
      regionCode: reg,
      documentRef: 'Surat Mendagri 100.2.2.6/9/OTDA',
      title: 'Persetujuan tertulis',
      approvedOn: today(),
      scope: 'penggantian pejabat',
      reason: 'Diterima',
    };
    expect([200, 201]).toContain((await stack.call('POST', '/v1/reference/minister-approvals', { actor: HR, body: approval })).status);
    expect((await decree()).body.step).toBe('reporting');
    const reported = await stack.call('POST', m, {
      actor: HR,
      body: { decision: 'report_submitted', evidence: await evidence(stack, 'laporan_mendagri', agency) },
    });
    expect(reported.body.step).toBe('completed');
    const history = await finish('move-v1-1-decree-reported', created.body.workflowId);
    expect(history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(5);
  });
});

describe('recorded history of a discipline case', () => {
  it('a heavy demotion (test-fast SOP): examined, decided, decreed, in force after the appeal window, ended by its timer, restored', async () => {
    const agency = newAgency();
    const { nip } = await registerOfficial(stack, { agencyCode: agency });
    const hr = hrOf(agency);
    const opened = await stack.call('POST', '/v1/discipline-cases', {
      actor: hr,
      body: {
        agencyCode: agency,
        caseCode: uniqueCode('HD'),
        nip,
        allegation: 'Tidak masuk kerja tanpa alasan sah',
        reportedOn: today(),
        sopVersion: '1.0.0-test.fast',
      },
    });
    expect(opened.status).toBe(201);
    const id: string = opened.body.workflowId;
    const d = (actor: typeof HR, body: Record<string, unknown>) =>
      stack.call('POST', `/v1/discipline-cases/${id}/decisions`, { actor, body });
    const team = [
      { id: 'atasan-01', name: 'Atasan langsung' },
      { id: 'inspektorat-01', name: 'Inspektorat' },
      { id: 'bkpsdm-01', name: 'BKPSDM' },
    ];
    const examined = await d(hr, {
      decision: 'record_examination',
      examinedOn: today(),
      team,
      reason: 'Pemeriksaan',
      evidence: await evidence(stack, 'bap', agency),
    });
    expect(examined.status).toBe(200);
    expect(
      (await d(PPK, { decision: 'decide_sanction', level: 'heavy', sanction: 'penurunan_jabatan_12_bulan', reason: 'Terbukti' })).status,
    ).toBe(200);
    const decree = { decision: 'record_decree', decreeNumber: 'SK-HD-9', decreeDate: today(), effectiveDate: today() };
    expect((await d(hr, { ...decree, evidence: await evidence(stack, 'sk', agency) })).status).toBe(200);
    await eventually(
      async () => (await stack.call('GET', `/v1/discipline-cases/${id}`, { actor: hr })).body.step === 'restoration',
      40_000,
    );
    const restored = await d(hr, {
      decision: 'record_restoration',
      restorationDecreeNumber: 'SK-PULIH-9',
      evidence: await evidence(stack, 'sk', agency),
    });
    expect(restored.body.step).toBe('completed');
    const history = await finish('discipline-demotion-restored', id);
    expect(history.events!.filter((e) => e.timerFiredEventAttributes).length).toBeGreaterThanOrEqual(2);
  }, 90_000);

  it('a dismissal (SOP 1.0.0) appealed to banding inside its window, upheld, then applied', async () => {
    const agency = newAgency();
    const { nip } = await registerOfficial(stack, { agencyCode: agency });
    const hr = hrOf(agency);
    const opened = await stack.call('POST', '/v1/discipline-cases', {
      actor: hr,
      body: { agencyCode: agency, caseCode: uniqueCode('HD'), nip, allegation: 'Pelanggaran berat', reportedOn: today() },
    });
    expect(opened.status).toBe(201);
    const id: string = opened.body.workflowId;
    const d = (actor: typeof HR, body: Record<string, unknown>) =>
      stack.call('POST', `/v1/discipline-cases/${id}/decisions`, { actor, body });
    const team = [
      { id: 'atasan-02', name: 'Atasan langsung' },
      { id: 'inspektorat-02', name: 'Inspektorat' },
      { id: 'bkpsdm-02', name: 'BKPSDM' },
    ];
    const steps: [typeof HR, Record<string, unknown>][] = [
      [
        hr,
        {
          decision: 'record_examination',
          examinedOn: today(),
          team,
          reason: 'Pemeriksaan',
          evidence: await evidence(stack, 'bap', agency),
        },
      ],
      [PPK, { decision: 'decide_sanction', level: 'heavy', sanction: 'pemberhentian_dengan_hormat', reason: 'Terbukti' }],
      [
        hr,
        {
          decision: 'record_decree',
          decreeNumber: 'SK-HD-10',
          decreeDate: today(),
          effectiveDate: today(),
          evidence: await evidence(stack, 'sk', agency),
        },
      ],
      [hr, { decision: 'file_appeal', appealKind: 'banding', filedOn: today(), evidence: await evidence(stack, 'banding', agency) }],
      [hr, { decision: 'appeal_upheld', reason: 'BPASN menguatkan', evidence: await evidence(stack, 'putusan', agency) }],
    ];
    for (const [actor, body] of steps) expect((await d(actor, body)).status).toBe(200);
    // Recorded since the dismissal also ends service (patch marker); the older recording
    // discipline-dismissal-appeal-upheld@… keeps the path without it under replay.
    const history = await finish('discipline-dismissal-ends-service', id);
    expect(history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(5);
    const patches = history.events!.flatMap((e) => {
      const data = e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data;
      return data ? [(JSON.parse(Buffer.from(data).toString('utf8')) as { id: string }).id] : [];
    });
    expect(patches).toContain('discipline-dismissal-ends-service');
  }, 60_000);
});

describe('recorded history of the talent review', () => {
  it('a review with its placements computed, one adjustment with a reason and the approved pool', async () => {
    const org = await agencyWithOfficials(stack);
    const review = await openReview(stack, org.agency);
    const act = (actor: typeof CHAIR, body: Record<string, unknown>) =>
      stack.call('POST', `${review.path}/decisions`, { actor: { ...actor, agency: org.agency } as typeof CHAIR, body });
    expect(
      (await act(MEMBER, { decision: 'adjust_placement', nip: org.c, performance: 'meets', potential: 'high', reason: 'Potensi tinggi' }))
        .status,
    ).toBe(200);
    expect((await act(CHAIR, { decision: 'approve_pool', reason: 'Disetujui' })).status).toBe(200);
    const history = await finish('talent-review', review.id);
    expect(history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(2);
  });
});

describe('recorded history of the archive sweep', () => {
  it('a sweep run on demand: lists closed runs, archives them, and finishes', async () => {
    const res = await stack.call('POST', '/v1/archive/sweeps', { actor: { id: 'admin-01', role: 'admin' } });
    expect(res.status).toBe(200);
    expect(res.body.pending).toBe(0);
    const history = await finish('history-archive-sweep', 'history-archive-sweep:on-demand');
    expect(history.events!.filter((e) => e.activityTaskCompletedEventAttributes).length).toBeGreaterThanOrEqual(1);
  });
});
