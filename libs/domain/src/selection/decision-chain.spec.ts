import { allowedDecisions, evaluateDecision } from '../sop/sop-engine';
import { selectSop, getOpenSelectionSop, listSops } from '../sop/sop-registry';
import { validateShippedSops } from '../sop/sop.schema';
import { openSelectionMadyaV1, openSelectionRegencySekdaV1 } from '../sop/open-selection/open-selection.chains';
import { openSelectionV1 } from '../sop/open-selection/open-selection.v1';
import type { Actor } from '../roles';
import {
  checkChainFollows,
  checkGovernorProposal,
  checkKeppres,
  selectionChainFor,
  type ChainRuleVerdict,
  type RegionalSecretaryKind,
} from './decision-chain';

const A = '198001012005011001';
const B = '198001012005011002';
const C = '198001012005011003';
const D = '198001012005011004';
const E = '198001012005011005';

const outcome = (v: ChainRuleVerdict | ReturnType<typeof selectionChainFor>) =>
  v.ok ? ('chain' in v ? v.chain : 'ok') : `${v.code}:${(v.params.fields ?? []).map((f) => f.rule).join(',')}`;

describe('selectionChainFor', () => {
  it.each<[string, string[], RegionalSecretaryKind | undefined, string]>([
    ['JPT pratama posts follow the pratama chain', ['jpt_pratama', 'jpt_pratama'], undefined, 'pratama'],
    ['JPT madya posts follow the madya chain', ['jpt_madya'], undefined, 'madya'],
    ['a provincial Sekda follows the madya chain', ['jpt_madya'], 'province', 'madya'],
    ['a regency/city Sekda follows the regency Sekda chain', ['jpt_pratama'], 'regency_city', 'regency_sekda'],
    ['a regency Sekda is JPT pratama', ['jpt_madya'], 'regency_city', 'VALIDATION_FAILED:regionalSecretary.positionClass'],
    ['a provincial Sekda is JPT madya', ['jpt_pratama'], 'province', 'VALIDATION_FAILED:regionalSecretary.positionClass'],
    ['a Sekda selection fills one post', ['jpt_pratama', 'jpt_pratama'], 'regency_city', 'VALIDATION_FAILED:regionalSecretary.onePost'],
    ['posts of two chains are two selections', ['jpt_pratama', 'jpt_madya'], undefined, 'VALIDATION_FAILED:positionClass.mixed'],
    ['JPT utama posts follow the utama chain', ['jpt_utama'], undefined, 'utama'],
    ['utama and madya posts are two selections', ['jpt_utama', 'jpt_madya'], undefined, 'VALIDATION_FAILED:positionClass.mixed'],
    ['a post that is not JPT has no selection chain', ['administrator'], undefined, 'VALIDATION_FAILED:positionClass.chain'],
  ])('%s', (_name, classes, sekda, expected) => {
    expect(
      outcome(
        selectionChainFor(
          classes.map((positionClass) => ({ positionClass })),
          sekda,
        ),
      ),
    ).toBe(expected);
  });
});

describe('checkGovernorProposal (governor_propose)', () => {
  const ctx = { postCodes: ['P-1'], decidedPosts: [] as string[], what: 'proposal', ranked: () => [A, B, C, D], size: 3 };
  it.each<[string, { postCode?: string; nominees?: string[] }, Partial<typeof ctx>, string]>([
    ['accepts three ranked names', { postCode: 'P-1', nominees: [B, A, D] }, {}, 'ok'],
    ['refuses two names', { postCode: 'P-1', nominees: [A, B] }, {}, 'VALIDATION_FAILED:nominees.size'],
    ['refuses a name twice', { postCode: 'P-1', nominees: [A, A, B] }, {}, 'VALIDATION_FAILED:nominees.size'],
    ['refuses someone not ranked', { postCode: 'P-1', nominees: [A, B, E] }, {}, 'VALIDATION_FAILED:nominees.ranked'],
    ['takes all when fewer than three were ranked', { postCode: 'P-1', nominees: [A, B] }, { ranked: () => [A, B] }, 'ok'],
    ['refuses a post outside the selection', { postCode: 'P-9', nominees: [A, B, C] }, {}, 'VALIDATION_FAILED:post'],
    ['refuses a second proposal for a post', { postCode: 'P-1', nominees: [A, B, C] }, { decidedPosts: ['P-1'] }, 'ALREADY_DECIDED:'],
  ])('%s', (_name, d, over, expected) => {
    expect(outcome(checkGovernorProposal(d, { ...ctx, ...over }))).toBe(expected);
  });
});

describe('checkChainFollows and checkKeppres', () => {
  const base = { postCodes: ['P-1'], decidedPosts: [] as string[], what: 'minister_forward' };
  it('lets a body decide only after the body before it', () => {
    expect(outcome(checkChainFollows({ postCode: 'P-1' }, { ...base, previousDone: () => false, step: 'minister_review' }))).toBe(
      'DECISION_NOT_ALLOWED:',
    );
    expect(outcome(checkChainFollows({ postCode: 'P-1' }, { ...base, previousDone: () => true, step: 'minister_review' }))).toBe('ok');
  });
  it.each<[string, { postCode?: string; nip?: string; decreeNumber?: string }, string]>([
    ['accepts a nominee of the governor with the decree number', { postCode: 'P-1', nip: B, decreeNumber: '45/TPA/2026' }, 'ok'],
    [
      'refuses a name the governor did not propose',
      { postCode: 'P-1', nip: D, decreeNumber: '45/TPA/2026' },
      'VALIDATION_FAILED:nominees.proposed',
    ],
    ['refuses a Keppres without its number', { postCode: 'P-1', nip: A }, 'VALIDATION_FAILED:required'],
  ])('%s', (_name, d, expected) => {
    expect(outcome(checkKeppres(d, { ...base, what: 'Keppres', proposed: () => [A, B, C] }))).toBe(expected);
  });
});

describe('the chains as SOP variants', () => {
  const hr: Actor = { id: 'hr-1', role: 'hr_officer' };
  const ppk: Actor = { id: 'ppk-1', role: 'ppk' };
  const doc = [{ id: 'e1' }];

  it('are valid shipped SOPs', () => {
    expect(() => validateShippedSops()).not.toThrow();
  });

  it('leave the pratama chain the default line, and give each chain its own variant', () => {
    const asOf = new Date('2026-06-01T00:00:00Z');
    expect(selectSop('open-selection', { asOf, allowTestOnly: false })).toBe(openSelectionV1);
    expect(selectSop('open-selection', { asOf, allowTestOnly: false, variant: 'madya' })).toBe(openSelectionMadyaV1);
    expect(selectSop('open-selection', { asOf, allowTestOnly: false, variant: 'regency_sekda' })).toBe(openSelectionRegencySekdaV1);
    // A version pinned in one chain is not found in another.
    expect(() => selectSop('open-selection', { asOf, allowTestOnly: true, version: '1.0.0-madya.test.fast' })).toThrow();
    expect(selectSop('open-selection', { asOf, allowTestOnly: true, version: '1.0.0-madya.test.fast', variant: 'madya' }).version).toBe(
      '1.0.0-madya.test.fast',
    );
  });

  it('run madya through the governor, the Minister, the TPA and the Keppres after the ranking', () => {
    const sop = openSelectionMadyaV1;
    const signed = evaluateDecision(sop, 'ranking', {
      decision: 'sign_ranking',
      actor: { id: 'c', role: 'committee_chair' },
      evidence: doc,
    });
    expect(signed.ok && signed.to.id).toBe('governor_proposal');
    const order = ['governor_proposal', 'minister_review', 'tpa_assessment', 'presidential_decree', 'appointment'];
    for (let i = 0; i < order.length - 1; i++) {
      const step = sop.steps.find((s) => s.id === order[i])!;
      expect(step.auto?.[0].to).toBe(order[i + 1]);
      // Every outside body's step has a working-day SLA that escalates, and names its body.
      expect(step.deadline).toMatchObject({ after: { workingDays: 10 }, onExpiry: 'escalate' });
      expect(getOpenSelectionSop(sop).settings.bodies?.[step.id]?.code).toBeTruthy();
    }
    expect(sop.steps.map((s) => s.id)).not.toContain('ppk_decision');
  });

  it('refuses an outside body decision from the wrong role or without its document', () => {
    const sop = openSelectionMadyaV1;
    expect(evaluateDecision(sop, 'governor_proposal', { decision: 'governor_propose', actor: ppk, evidence: doc })).toMatchObject({
      ok: false,
      code: 'ROLE_NOT_ALLOWED',
    });
    expect(evaluateDecision(sop, 'governor_proposal', { decision: 'governor_propose', actor: hr })).toMatchObject({
      ok: false,
      code: 'DECISION_INCOMPLETE',
      params: { missing: ['evidence'] },
    });
    expect(evaluateDecision(sop, 'governor_proposal', { decision: 'governor_propose', actor: hr, evidence: doc }).ok).toBe(true);
  });

  it('put the governor’s approval between the PPK pick and the appointment for a regency Sekda', () => {
    const sop = openSelectionRegencySekdaV1;
    const ppkStep = sop.steps.find((s) => s.id === 'ppk_decision')!;
    expect(ppkStep.auto).toEqual([{ decision: 'all_posts_picked', to: 'governor_approval' }]);
    expect(allowedDecisions(sop, 'governor_approval').map((a) => a.decision)).toEqual(['governor_approve', 'cancel_selection']);
    expect(sop.steps.find((s) => s.id === 'governor_approval')!.auto).toEqual([{ decision: 'governor_approved', to: 'appointment' }]);
  });

  it('keep the overseer a datum of the SOP, BKN today', () => {
    for (const sop of listSops().filter((s) => s.id === 'open-selection')) {
      expect(getOpenSelectionSop(sop).settings.overseer.code).toBe('BKN');
    }
  });
});
