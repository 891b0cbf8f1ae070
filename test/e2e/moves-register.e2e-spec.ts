import { HR, PPK, Stack, eventually, uniqueCode } from '../support/api-client';
import { TPK_CHAIR, evidence, moveFacts, region } from '../support/move-fixtures';
import { hrOf, namedMoves } from '../support/register-fixtures';

const stack = new Stack();
afterAll(() => stack.close());

const today = () => new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
const decisionsOf = async (path: string) => (await stack.call('GET', path)).body.decisions as { decision: string; payload: any }[];

describe('moves read the moved official’s facts from the ASN register', () => {
  it('records the register snapshot the rules used, with its version and hash', async () => {
    const agency = uniqueCode('PEMKAB');
    const facts = moveFacts(agency, await region(stack));
    const created = await stack.call('POST', '/v1/moves', { body: { ...(await namedMoves(stack, facts)), reason: 'Penyegaran' } });
    expect(created.status).toBe(201);
    const path = `/v1/moves/${created.body.workflowId}`;
    const row = await eventually(async () => (await decisionsOf(path)).find((d) => d.decision === 'rules_evaluated'));
    const snapshot = row!.payload.evaluation.facts.register[0];
    expect(snapshot).toMatchObject({ nip: facts.person.nip, facts: { golongan: 'III/d', currentPostSince: facts.from.since } });
    expect(snapshot.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(snapshot.registerVersion).toBeGreaterThan(0);
    const state = (await stack.call('GET', path)).body;
    expect(state.move.person).toMatchObject({ nip: facts.person.nip, golongan: 'III/d' });
  });

  it('judges the decree on the register as of its TMT: a heavy sanction recorded after the proposal blocks it', async () => {
    const agency = uniqueCode('PEMKAB');
    const facts = moveFacts(agency, await region(stack));
    const created = await stack.call('POST', '/v1/moves', { body: { ...(await namedMoves(stack, facts)), reason: 'Penyegaran' } });
    expect(created.status).toBe(201);
    const path = `/v1/moves/${created.body.workflowId}`;
    for (const [actor, body] of [
      [TPK_CHAIR, { decision: 'tpk_advise', reason: 'Memenuhi kompetensi', evidence: await evidence(stack, 'ba_tpk', agency) }],
      [PPK, { decision: 'approve' }],
    ] as const) {
      expect((await stack.call('POST', `${path}/decisions`, { actor, body })).status).toBe(200);
    }
    const sanction = await stack.call('POST', `/v1/register/people/${facts.person.nip}/events`, {
      actor: hrOf(agency),
      body: {
        reason: 'Putusan hukuman disiplin',
        events: [
          {
            type: 'sanction_recorded',
            payload: { level: 'heavy', sanction: 'penurunan_jabatan_12_bulan', imposedOn: today(), decreeNumber: 'SK-HD-1' },
          },
        ],
      },
    });
    expect(sanction.status).toBe(201);
    const decree = await stack.call('POST', `${path}/decisions`, {
      actor: HR,
      body: {
        decision: 'record_decree',
        decreeNumber: 'SK-MUT-1',
        effectiveDate: today(),
        evidence: await evidence(stack, 'sk_mutasi', agency),
      },
    });
    expect([decree.status, decree.body.code]).toEqual([422, 'RULE_BLOCKED']);
    const blocked = await eventually(async () => (await decisionsOf(path)).find((d) => d.decision === 'decision_blocked'));
    const verdicts = blocked!.payload.evaluation.verdicts
      .filter((v: { passed: boolean }) => !v.passed)
      .map((v: { rule: string }) => v.rule);
    expect(verdicts.length).toBeGreaterThan(0);
    expect(blocked!.payload.evaluation.facts.register[0].facts.sanctions).toEqual([{ level: 'heavy', imposedOn: today() }]);
  });

  it('refuses a NIP the register of the agency left does not hold, starting nothing', async () => {
    const agency = uniqueCode('PEMKAB');
    const facts = moveFacts(agency, await region(stack));
    const { since: _since, ...from } = facts.from;
    const res = await stack.call('POST', '/v1/moves', {
      body: { ...facts, person: { nip: facts.person.nip }, from, reason: 'Penyegaran' },
    });
    expect([res.status, res.body.code]).toEqual([404, 'PERSON_NOT_FOUND']);
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['person.nip']);
    const client = await stack.temporalClient();
    await expect(client.workflow.getHandle(`move:${agency}:${facts.person.nip}`).describe()).rejects.toThrow(/not found/i);
  });
});
