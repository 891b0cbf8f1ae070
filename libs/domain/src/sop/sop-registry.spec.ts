import { DomainError } from '../errors';
import { defineValidSop as defineSop } from './sop.schema';
import type { SopDefinition } from './sop.types';
import { getSop, listSops, selectSop } from './sop-registry';
import { vacancyTestFast } from './vacancy/vacancy.test-fast';
import { vacancyV1 } from './vacancy/vacancy.v1';

const day = (iso: string) => new Date(`${iso}T03:00:00Z`); // 10:00 WIB, the same date in UTC and WIB

const refusal = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
};

describe('selectSop', () => {
  it.each(['2026-01-01', '2026-06-15', '2026-10-31'])('picks vacancy 1.0.0 for a new case on %s', (iso) => {
    expect(selectSop('vacancy', { asOf: day(iso), allowTestOnly: false })).toBe(vacancyV1);
  });

  it('never picks a test-only version by itself, even when test versions are allowed', () => {
    expect(selectSop('vacancy', { asOf: day('2026-03-02'), allowTestOnly: true })).toBe(vacancyV1);
  });

  it.each([
    { what: 'a pinned production version', version: '1.0.0', allowTestOnly: false, expected: vacancyV1 },
    { what: 'a pinned production version with test versions allowed', version: '1.0.0', allowTestOnly: true, expected: vacancyV1 },
    { what: 'a pinned test-only version when allowed', version: '1.0.0-test.fast', allowTestOnly: true, expected: vacancyTestFast },
  ])('returns $what', ({ version, allowTestOnly, expected }) => {
    expect(selectSop('vacancy', { version, asOf: day('2026-02-02'), allowTestOnly })).toBe(expected);
  });

  it.each([
    { what: 'a test-only version unless allowed', id: 'vacancy', version: '1.0.0-test.fast', asOf: '2026-02-02' },
    { what: 'an unknown version', id: 'vacancy', version: '9.9.9', asOf: '2026-02-02' },
    { what: 'a version number that exists only for another SOP', id: 'no-such-sop', version: '1.0.0', asOf: '2026-02-02' },
    { what: 'a pinned version not yet effective', id: 'vacancy', version: '1.0.0', asOf: '2025-12-31' },
  ])('refuses $what with SOP_VERSION_UNKNOWN', ({ id, version, asOf }) => {
    const error = refusal(() => selectSop(id, { version, asOf: day(asOf), allowTestOnly: false }));

    expect(error.code).toBe('SOP_VERSION_UNKNOWN');
    expect(error.params).toEqual({ sopId: id, version });
  });

  it('refuses a pinned test-only version before its effective date even when test versions are allowed', () => {
    const error = refusal(() => selectSop('vacancy', { version: '1.0.0-test.fast', asOf: day('2025-12-31'), allowTestOnly: true }));

    expect(error.code).toBe('SOP_VERSION_UNKNOWN');
  });

  it.each([
    { what: 'before any version is effective', id: 'vacancy', asOf: '2025-12-31' },
    { what: 'for an SOP id that was never shipped', id: 'mutation', asOf: '2026-02-02' },
  ])('refuses to pick a version $what, naming the date', ({ id, asOf }) => {
    const error = refusal(() => selectSop(id, { asOf: day(asOf), allowTestOnly: true }));

    expect(error.code).toBe('SOP_VERSION_UNKNOWN');
    expect(error.params).toEqual({ sopId: id, version: `effective ${asOf}` });
  });

  // Known bug: the effective date is taken from the UTC date of `asOf`, but Indonesian dates are
  // WIB (UTC+7), so for the first seven hours of 1 January 2026 WIB no version is available yet.
  it('counts effectiveFrom on the WIB date: 01:00 WIB on 1 January 2026 already gets 1.0.0', () => {
    expect(selectSop('vacancy', { asOf: new Date('2025-12-31T18:00:00Z'), allowTestOnly: false })).toBe(vacancyV1);
  });

  describe('with several production versions shipped', () => {
    const variant = (version: string, effectiveFrom: string): Readonly<SopDefinition> =>
      defineSop({ ...vacancyV1, steps: [...vacancyV1.steps], version, effectiveFrom });

    const registryWith = (first: Readonly<SopDefinition>, second: Readonly<SopDefinition>) => {
      let registry!: typeof import('./sop-registry');
      jest.isolateModules(() => {
        jest.doMock('./vacancy/vacancy.v1', () => ({ vacancyV1: first }));
        jest.doMock('./vacancy/vacancy.test-fast', () => ({ vacancyTestFast: second }));
        registry = require('./sop-registry') as typeof import('./sop-registry');
      });
      return registry;
    };

    afterEach(() => {
      jest.dontMock('./vacancy/vacancy.v1');
      jest.dontMock('./vacancy/vacancy.test-fast');
    });

    it.each([
      { asOf: '2026-06-30', expected: '1.0.0' },
      { asOf: '2026-07-01', expected: '1.1.0' },
      { asOf: '2027-01-01', expected: '1.1.0' },
    ])('picks $expected on $asOf when 1.1.0 takes effect on 2026-07-01', ({ asOf, expected }) => {
      const registry = registryWith(variant('1.1.0', '2026-07-01'), variant('1.0.0', '2026-01-01'));

      expect(registry.selectSop('vacancy', { asOf: day(asOf), allowTestOnly: false }).version).toBe(expected);
    });

    it('prefers the later effective date over the higher version number', () => {
      const registry = registryWith(variant('2.0.0', '2026-01-01'), variant('1.5.0', '2026-03-01'));

      expect(registry.selectSop('vacancy', { asOf: day('2026-04-01'), allowTestOnly: false }).version).toBe('1.5.0');
    });

    it('compares versions numerically when two take effect on the same day (1.0.10 after 1.0.9)', () => {
      const registry = registryWith(variant('1.0.9', '2026-01-01'), variant('1.0.10', '2026-01-01'));

      expect(registry.selectSop('vacancy', { asOf: day('2026-02-02'), allowTestOnly: false }).version).toBe('1.0.10');
    });

    it('still lets a pinned older version be chosen after a newer one takes effect', () => {
      const registry = registryWith(variant('1.1.0', '2026-07-01'), variant('1.0.0', '2026-01-01'));

      expect(registry.selectSop('vacancy', { version: '1.0.0', asOf: day('2026-08-01'), allowTestOnly: false }).version).toBe('1.0.0');
    });
  });
});

describe('getSop', () => {
  it.each([
    { version: '1.0.0', expected: vacancyV1 },
    { version: '1.0.0-test.fast', expected: vacancyTestFast },
  ])('finds shipped version $version, test-only included, so a running case keeps its pin', ({ version, expected }) => {
    expect(getSop({ id: 'vacancy', version })).toBe(expected);
  });

  it.each([
    { id: 'vacancy', version: '2.0.0' },
    { id: 'vacancy', version: '1.0' },
    { id: 'no-such-sop', version: '1.0.0' },
  ])('refuses $id@$version with SOP_VERSION_UNKNOWN', ({ id, version }) => {
    const error = refusal(() => getSop({ id, version }));

    expect(error.code).toBe('SOP_VERSION_UNKNOWN');
    expect(error.params).toEqual({ sopId: id, version });
  });

  it('lists every shipped vacancy version', () => {
    expect(
      listSops()
        .filter((s) => s.id === 'vacancy')
        .map((s) => `${s.id}@${s.version}`),
    ).toEqual(['vacancy@1.0.0', 'vacancy@1.1.0', 'vacancy@1.0.0-test.fast']);
  });

  it.each(['2026-11-01', '2030-12-31'])('picks vacancy 1.1.0 (closes itself when filled) for a new case on %s', (iso) => {
    expect(selectSop('vacancy', { asOf: new Date(`${iso}T00:00:00+07:00`), allowTestOnly: false }).version).toBe('1.1.0');
  });

  it('gives vacancy 1.1.0 the 1.0.0 steps plus an automatic close as filled', () => {
    const v11 = getSop({ id: 'vacancy', version: '1.1.0' });
    const v10 = getSop({ id: 'vacancy', version: '1.0.0' });
    expect(v11.steps.map((s) => s.id)).toEqual([...v10.steps.map((s) => s.id), 'filled']);
    expect(v11.steps.find((s) => s.id === 'approved')?.auto).toEqual([{ decision: 'filled', to: 'filled' }]);
    expect(v10.steps.find((s) => s.id === 'approved')?.auto).toBeUndefined();
  });
});

describe('vacancyTestFast', () => {
  it('is flagged test-only and counts the PPK deadline in seconds, then closes as expired', () => {
    expect(vacancyTestFast.testOnly).toBe(true);
    expect(vacancyTestFast.steps.find((s) => s.id === 'awaiting_ppk_decision')?.deadline).toEqual({
      after: { seconds: 2 },
      onExpiry: 'close',
      notifyRole: 'ppk',
      closeTo: 'expired',
    });
    expect(vacancyTestFast.steps.find((s) => s.id === 'expired')).toMatchObject({ status: 'expired', terminal: true, transitions: [] });
  });

  it('differs from 1.0.0 only in the PPK deadline and the added expired step', () => {
    const { version: _v, testOnly: _t, steps: fastSteps, ...fastRest } = vacancyTestFast;
    const { version: _v1, testOnly: _t1, steps: v1Steps, ...v1Rest } = vacancyV1;
    const withoutDeadline = ({ deadline: _d, ...step }: (typeof v1Steps)[number]) => step;

    expect(fastRest).toEqual(v1Rest);
    expect(fastSteps.filter((s) => s.id !== 'expired').map(withoutDeadline)).toEqual(v1Steps.map(withoutDeadline));
    expect(fastSteps.filter((s) => s.id !== 'awaiting_ppk_decision').map((s) => s.deadline)).toEqual(
      v1Steps
        .filter((s) => s.id !== 'awaiting_ppk_decision')
        .map((s) => s.deadline)
        .concat([undefined]),
    );
    expect(fastSteps.map((s) => s.id)).toEqual([...v1Steps.map((s) => s.id), 'expired']);
  });

  it('leaves the shipped 1.0.0 PPK deadline of 10 working days untouched', () => {
    expect(vacancyV1.steps.find((s) => s.id === 'awaiting_ppk_decision')?.deadline).toEqual({
      after: { workingDays: 10 },
      onExpiry: 'remind',
      notifyRole: 'ppk',
    });
  });
});

describe('what the registry hands out', () => {
  const deeplyFrozen = (value: unknown): boolean =>
    !value || typeof value !== 'object' || (Object.isFrozen(value) && Object.values(value).every(deeplyFrozen));

  it('is frozen deeply, whichever way it is asked for', () => {
    const asked = [
      getSop({ id: 'open-selection', version: '1.0.0' }),
      selectSop('vacancy', { asOf: day('2026-06-15'), allowTestOnly: false }),
      selectSop('vacancy', { version: '1.0.0-test.fast', asOf: day('2026-06-15'), allowTestOnly: true }),
    ];

    expect(asked.every(deeplyFrozen)).toBe(true);
    expect(listSops().every(deeplyFrozen)).toBe(true);
  });

  it('refuses a change to a step of the version a case runs on', () => {
    const sop = getSop({ id: 'vacancy', version: '1.0.0' }) as unknown as { steps: { transitions: { to: string }[] }[] };

    expect(() => {
      sop.steps[0].transitions[0].to = 'elsewhere';
    }).toThrow(TypeError);
  });
});
