import { defineValidSop as defineSop, validateShippedSops } from './sop.schema';
import type { SopDefinition, SopStep, SopTransition } from './sop.types';

type MutableStep = Omit<SopStep, 'transitions'> & { transitions: SopTransition[] };
type MutableSop = Omit<SopDefinition, 'steps'> & { steps: MutableStep[] };

/** A small valid SOP, built fresh each time because defineSop freezes what it is given. */
const validSop = (): MutableSop => ({
  id: 'mini',
  version: '1.0.0',
  effectiveFrom: '2026-01-01',
  title: { id: 'SOP mini', en: 'Mini SOP' },
  legalBasis: ['PP 11/2017'],
  initialStep: 'open',
  startDecision: { decision: 'propose', roles: ['hr_officer'] },
  testOnly: false,
  steps: [
    {
      id: 'open',
      status: 'open',
      label: { id: 'Terbuka', en: 'Open' },
      terminal: false,
      transitions: [
        { decision: 'approve', roles: ['ppk'], to: 'done', requires: [] },
        { decision: 'reject', roles: ['ppk'], to: 'done', requires: ['reason'] },
      ],
      deadline: { after: { workingDays: 10 }, onExpiry: 'remind', notifyRole: 'ppk' },
    },
    { id: 'done', status: 'done', label: { id: 'Selesai', en: 'Done' }, terminal: true, transitions: [] },
  ],
});

const withChange = (change: (sop: MutableSop) => void): MutableSop => {
  const sop = validSop();
  change(sop);
  return sop;
};

describe('defineSop', () => {
  it('accepts a well-formed SOP and returns it unchanged in content', () => {
    expect(defineSop(validSop())).toEqual(validSop());
  });

  it.each([
    {
      what: 'duplicate step ids',
      sop: withChange((s) => s.steps.push({ ...s.steps[1], label: { id: 'Lagi', en: 'Again' } })),
      message: 'step ids must be unique',
    },
    { what: 'an unknown initialStep', sop: withChange((s) => (s.initialStep = 'nowhere')), message: 'initialStep nowhere is not a step' },
    {
      what: 'a transition to an unknown step',
      sop: withChange((s) => (s.steps[0].transitions = [{ decision: 'approve', roles: ['ppk'], to: 'limbo', requires: [] }])),
      message: 'open.approve goes to unknown step limbo',
    },
    {
      what: 'a decision repeated within a step',
      sop: withChange(
        (s) =>
          (s.steps[0].transitions = [
            { decision: 'approve', roles: ['ppk'], to: 'done', requires: [] },
            { decision: 'approve', roles: ['hr_officer'], to: 'done', requires: ['reason'] },
          ]),
      ),
      message: 'open repeats decision approve',
    },
    {
      what: 'a terminal step with transitions',
      sop: withChange((s) => (s.steps[1].transitions = [{ decision: 'reopen', roles: ['hr_officer'], to: 'open', requires: [] }])),
      message: 'terminal step done has transitions or a deadline',
    },
    {
      what: 'a terminal step with a deadline',
      sop: withChange((s) => (s.steps[1].deadline = { after: { workingDays: 1 }, onExpiry: 'remind', notifyRole: 'ppk' })),
      message: 'terminal step done has transitions or a deadline',
    },
    {
      what: 'a non-terminal dead end',
      sop: withChange((s) => (s.steps[0].transitions = [])),
      message: 'step open is a dead end but not terminal',
    },
    {
      what: 'onExpiry close without closeTo',
      sop: withChange((s) => (s.steps[0].deadline = { after: { workingDays: 10 }, onExpiry: 'close', notifyRole: 'ppk' })),
      message: 'open closes on expiry but closeTo is not a step',
    },
    {
      what: 'onExpiry close to an unknown step',
      sop: withChange(
        (s) => (s.steps[0].deadline = { after: { workingDays: 10 }, onExpiry: 'close', notifyRole: 'ppk', closeTo: 'expired' }),
      ),
      message: 'open closes on expiry but closeTo is not a step',
    },
    {
      what: 'a production SOP counting a deadline in seconds',
      sop: withChange((s) => (s.steps[0].deadline = { after: { seconds: 2 }, onExpiry: 'remind', notifyRole: 'ppk' })),
      message: 'open: only test-only SOP versions may count deadlines in seconds',
    },
  ])('refuses $what', ({ sop, message }) => {
    expect(() => defineSop(sop)).toThrow(message);
  });

  it.each([
    {
      what: 'an unknown role in a transition',
      sop: withChange((s) => (s.steps[0].transitions[0] = { ...s.steps[0].transitions[0], roles: ['bupati' as 'ppk'] })),
    },
    {
      what: 'a transition open to no role',
      sop: withChange((s) => (s.steps[0].transitions[0] = { ...s.steps[0].transitions[0], roles: [] })),
    },
    { what: 'a start nobody may take', sop: withChange((s) => (s.startDecision = { decision: 'propose', roles: [] })) },
    { what: 'no steps', sop: withChange((s) => (s.steps = [])) },
    { what: 'a version that is not semver', sop: withChange((s) => (s.version = 'v1')) },
    { what: 'an effectiveFrom that is not an ISO date', sop: withChange((s) => (s.effectiveFrom = '01-01-2026')) },
    {
      what: 'a deadline of 0 working days',
      sop: withChange((s) => (s.steps[0].deadline = { after: { workingDays: 0 }, onExpiry: 'remind', notifyRole: 'ppk' })),
    },
    { what: 'an empty English label', sop: withChange((s) => (s.steps[0].label = { id: 'Terbuka', en: '' })) },
  ])('refuses $what', ({ sop }) => {
    expect(() => defineSop(sop)).toThrow(/^Invalid SOP mini@/);
  });

  it('names the SOP, version and every problem in one message', () => {
    const sop = withChange((s) => {
      s.initialStep = 'nowhere';
      s.steps[0].transitions = [];
    });

    expect(() => defineSop(sop)).toThrow(/^Invalid SOP mini@1\.0\.0: .*initialStep nowhere is not a step.*; .*step open is a dead end/);
  });

  it('lets a test-only SOP count deadlines in seconds and close to a real step', () => {
    const sop = withChange((s) => {
      s.testOnly = true;
      s.steps[0].deadline = { after: { seconds: 2 }, onExpiry: 'close', notifyRole: 'ppk', closeTo: 'done' };
    });

    expect(() => defineSop(sop)).not.toThrow();
  });

  describe('freezing', () => {
    it('freezes the definition and every nested object', () => {
      const sop = defineSop(validSop());

      expect(Object.isFrozen(sop)).toBe(true);
      expect(Object.isFrozen(sop.steps)).toBe(true);
      expect(Object.isFrozen(sop.steps[0])).toBe(true);
      expect(Object.isFrozen(sop.steps[0].transitions[0].roles)).toBe(true);
      expect(Object.isFrozen(sop.steps[0].deadline?.after)).toBe(true);
      expect(Object.isFrozen(sop.startDecision.roles)).toBe(true);
      expect(Object.isFrozen(sop.title)).toBe(true);
    });

    it('throws (strict mode) when a nested property is changed, and keeps the old value', () => {
      const sop = defineSop(validSop()) as unknown as MutableSop;

      expect(() => {
        sop.steps[0].transitions[0].to = 'open';
      }).toThrow(TypeError);
      expect(() => {
        (sop.steps[0].deadline!.after as { workingDays: number }).workingDays = 1;
      }).toThrow(TypeError);
      expect(() => (sop.steps[0].transitions[0].roles as string[]).push('admin')).toThrow(TypeError);
      expect(sop.steps[0].transitions[0]).toEqual({ decision: 'approve', roles: ['ppk'], to: 'done', requires: [] });
      expect(sop.steps[0].deadline?.after).toEqual({ workingDays: 10 });
    });

    // deepFreeze recurses even into an object already frozen, so a shallow-frozen input is frozen deeply.
    it('freezes nested objects even when the caller froze the top level only', () => {
      const sop = defineSop(Object.freeze(validSop()));

      expect(Object.isFrozen(sop.steps[0].transitions)).toBe(true);
    });
  });
});

describe('validateShippedSops', () => {
  it('accepts every shipped SOP version (the worker and the API run it at start)', () => {
    expect(() => validateShippedSops()).not.toThrow();
  });
});
