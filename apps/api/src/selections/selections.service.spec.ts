import type { ApiConfig } from '@meritflow/config';
import { assessmentStateQuery, selectionStateQuery } from '@meritflow/contracts';
import { DomainError, type Actor } from '@meritflow/domain';
import type { DecreeRepository, LedgerRepository, RegisterRepository } from '@meritflow/persistence';
import type { WorkflowGateway } from '../temporal/workflow-gateway';
import { SelectionsService } from './selections.service';

// Whether an assessor reads a selection blind: the selection's memo says "not blind" without a query
// (issue 19); a selection whose memo says blind, or that has none (opened before the memo), is asked.
const SELECTION = 'open-selection:PEMKAB-X:SEL-1';
const NIP = '197501152000011001';
const NAME = 'Andi Wijaya';
const ASSESSOR: Actor = { id: 'asesor-1', role: 'assessor', agency: 'PEMKAB-X' };
const HR: Actor = { id: 'hr-1', role: 'hr_officer', agency: 'PEMKAB-X' };
const BLIND = { revealed: false, codes: [{ code: 'K-01', nip: NIP, name: NAME }] };
const ACK = { workflowId: SELECTION, step: 'ranking', status: 'in_progress', terminal: false, decisionCount: 9 };

const CHAIR: Actor = { id: 'ketua-pansel', role: 'committee_chair', agency: 'PEMKAB-X' };

function service(memo: Record<string, unknown> | null, decide: () => Promise<unknown> = () => Promise.resolve(ACK)) {
  const asked: string[] = [];
  const workflows = {
    decide: jest.fn(decide),
    memo: jest.fn(() => Promise.resolve(memo)),
    query: jest.fn((id: string, def: { name: string }) => {
      asked.push(def.name);
      if (def.name === selectionStateQuery.name) return Promise.resolve({ blindScoring: memo?.blindScoring === false ? undefined : BLIND });
      if (def.name === assessmentStateQuery.name) return Promise.resolve({ workflowId: id, nip: NIP, name: NAME, step: 'assessment' });
      return Promise.reject(new Error(`unexpected query ${def.name}`));
    }),
  } as unknown as WorkflowGateway;
  const unused = {} as never;
  const sut = new SelectionsService(
    workflows,
    unused as LedgerRepository,
    unused as RegisterRepository,
    unused as DecreeRepository,
    unused as ApiConfig,
  );
  return { sut, asked, workflows };
}

describe('SelectionsService: blind reading from the memo', () => {
  it('asks no state of a selection whose memo says it is not blind, and shows the assessor names', async () => {
    const { sut, asked } = service({ blindScoring: false });
    const state = await sut.getAssessment(SELECTION, NIP, ASSESSOR);
    expect(asked).toEqual([assessmentStateQuery.name]);
    expect(state).toMatchObject({ nip: NIP, name: NAME });
  });

  it.each([
    ['a memo that says blind', { blindScoring: true }],
    ['no memo (a selection opened before it existed)', null],
    ['a memo without the key', {}],
  ])('asks the selection with %s, and shows the assessor codes only', async (_, memo) => {
    const { sut, asked } = service(memo);
    const state = await sut.getAssessment(SELECTION, 'K-01', ASSESSOR);
    expect(asked).toEqual([selectionStateQuery.name, assessmentStateQuery.name]);
    expect(state).toMatchObject({ nip: 'K-01', name: 'K-01' });
    expect(JSON.stringify(state)).not.toContain(NIP);
  });

  it('neither reads the memo nor asks the selection for a role that never reads blind', async () => {
    const { sut, asked, workflows } = service(null);
    await sut.getAssessment(SELECTION, NIP, HR);
    expect(workflows.memo).not.toHaveBeenCalled();
    expect(asked).toEqual([assessmentStateQuery.name]);
  });
});

describe('SelectionsService: a blind reader’s decision on the selection', () => {
  it('reads neither the memo nor the selection when the decision is taken', async () => {
    const { sut, asked, workflows } = service({ blindScoring: true });
    await expect(sut.decide(SELECTION, CHAIR, { decision: 'sign_ranking' } as never)).resolves.toMatchObject({ step: 'ranking' });
    expect(workflows.decide).toHaveBeenCalledTimes(1);
    expect(workflows.memo).not.toHaveBeenCalled();
    expect(asked).toEqual([]);
  });

  it('reads the codebook once the decision is refused, and names the candidate by code only', async () => {
    const refusal = new DomainError('DECISION_NOT_ALLOWED', { step: 'ranking', nip: NIP, name: NAME });
    const { sut, asked } = service({ blindScoring: true }, () => Promise.reject(refusal));
    const err = await sut.decide(SELECTION, CHAIR, { decision: 'sign_ranking' } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('DECISION_NOT_ALLOWED');
    expect(asked).toEqual([selectionStateQuery.name]);
    expect(JSON.stringify((err as DomainError).params)).not.toContain(NIP);
    expect(JSON.stringify((err as DomainError).params)).not.toContain(NAME);
  });

  it('throws the codebook read’s own error, not the refusal that names a candidate, when that read fails', async () => {
    const refusal = new DomainError('DECISION_NOT_ALLOWED', { step: 'ranking', nip: NIP });
    const { sut, workflows } = service({ blindScoring: true }, () => Promise.reject(refusal));
    (workflows.query as jest.Mock).mockImplementation(() =>
      Promise.reject(new DomainError('UPSTREAM_UNAVAILABLE', { service: 'Temporal' })),
    );
    await expect(sut.decide(SELECTION, CHAIR, { decision: 'sign_ranking' } as never)).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
    });
  });
});
