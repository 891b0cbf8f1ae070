import type { Golongan } from '../personnel/golongan';
import { FILLING_METHODS, POSITION_CLASSES, type FillingMethod, type PositionClass } from '../personnel/position';
import {
  checkFillingMethod,
  FILLING_METHOD_RULE_VERSION,
  fillingMethodsFor,
  validateVacancyProposal,
  type RequiredCompetency,
  type VacancyProposal,
} from './vacancy-proposal';

const proposal = (overrides: Partial<VacancyProposal> = {}): VacancyProposal => ({
  agencyCode: 'PEMPROV-JATIM',
  positionCode: 'KADIS-KOMINFO',
  title: 'Kepala Dinas Komunikasi dan Informatika',
  organisationalUnit: 'Dinas Kominfo',
  positionClass: 'jpt_pratama',
  gradeMin: 'IV/b',
  gradeMax: 'IV/d',
  requiredCompetencies: [
    { type: 'managerial', name: 'Integritas', level: 4 },
    { type: 'technical', name: 'Tata Kelola TIK', level: 4 },
  ],
  requestedFillingMethod: 'open_selection',
  ...overrides,
});

// domain.md §2.1–§2.6: only JPT posts are filled by open selection; every class may use the
// talent pool or mutation/rotation.
const ALLOWED: Record<PositionClass, FillingMethod[]> = {
  jpt_utama: ['open_selection', 'talent_pool', 'mutation_rotation'],
  jpt_madya: ['open_selection', 'talent_pool', 'mutation_rotation'],
  jpt_pratama: ['open_selection', 'talent_pool', 'mutation_rotation'],
  administrator: ['talent_pool', 'mutation_rotation'],
  pengawas: ['talent_pool', 'mutation_rotation'],
  functional: ['talent_pool', 'mutation_rotation'],
};

describe('checkFillingMethod', () => {
  const table = POSITION_CLASSES.flatMap((positionClass) =>
    FILLING_METHODS.map((method) => ({ positionClass, method, allowed: ALLOWED[positionClass].includes(method) })),
  );

  it('covers all 6 classes × 3 methods', () => {
    expect(table).toHaveLength(18);
  });

  it.each(table)('$positionClass filled by $method is allowed: $allowed', ({ positionClass, method, allowed }) => {
    const issue = checkFillingMethod(positionClass, method, 'requestedFillingMethod');

    if (allowed) {
      expect(issue).toBeNull();
    } else {
      expect(issue).toEqual({
        field: 'requestedFillingMethod',
        rule: FILLING_METHOD_RULE_VERSION,
        message: { id: expect.stringContaining(`"${method}"`), en: expect.stringContaining(`"${method}"`) },
      });
      expect(issue?.message.en).toContain('talent_pool, mutation_rotation');
      expect(issue?.message.id).toContain('talent_pool, mutation_rotation');
    }
  });

  it('reports the issue on the field it is given', () => {
    expect(checkFillingMethod('pengawas', 'open_selection', 'fillingMethod')?.field).toBe('fillingMethod');
  });

  it('versions the rule by effective date', () => {
    expect(FILLING_METHOD_RULE_VERSION).toMatch(/@\d{4}-\d{2}-\d{2}$/);
  });

  it.each(POSITION_CLASSES)('lists the methods open to %s', (positionClass) => {
    expect([...fillingMethodsFor(positionClass)].sort()).toEqual([...ALLOWED[positionClass]].sort());
  });
});

describe('validateVacancyProposal', () => {
  it('accepts a well-formed JPT pratama proposal', () => {
    expect(validateVacancyProposal(proposal())).toEqual([]);
  });

  describe('grade range', () => {
    it.each([
      { gradeMin: 'III/a', gradeMax: 'III/a' },
      { gradeMin: 'III/a', gradeMax: 'III/b' },
      { gradeMin: 'II/d', gradeMax: 'III/a' },
      { gradeMin: 'I/a', gradeMax: 'IV/e' },
    ] as { gradeMin: Golongan; gradeMax: Golongan }[])('accepts $gradeMin–$gradeMax', ({ gradeMin, gradeMax }) => {
      expect(validateVacancyProposal(proposal({ gradeMin, gradeMax }))).toEqual([]);
    });

    it.each([
      { gradeMin: 'III/b', gradeMax: 'III/a' },
      { gradeMin: 'III/a', gradeMax: 'II/d' },
      { gradeMin: 'IV/e', gradeMax: 'I/a' },
    ] as { gradeMin: Golongan; gradeMax: Golongan }[])('refuses $gradeMin–$gradeMax on gradeMax', ({ gradeMin, gradeMax }) => {
      const issues = validateVacancyProposal(proposal({ gradeMin, gradeMax }));

      expect(issues).toEqual([
        {
          field: 'gradeMax',
          rule: 'gradeRange',
          message: { id: expect.stringContaining(gradeMax), en: expect.stringContaining(gradeMin) },
        },
      ]);
    });
  });

  describe('required competencies', () => {
    const competencies = (...list: [RequiredCompetency['type'], string][]): RequiredCompetency[] =>
      list.map(([type, name]) => ({ type, name, level: 3 }));

    it.each([
      { what: 'exact repeat', second: 'Integritas' },
      { what: 'different case', second: 'INTEGRITAS' },
      { what: 'surrounding whitespace', second: '  integritas\t' },
    ])('flags a repeated competency of the same type ($what) on the repeat', ({ second }) => {
      const issues = validateVacancyProposal(
        proposal({ requiredCompetencies: competencies(['managerial', 'Integritas'], ['technical', 'Audit'], ['managerial', second]) }),
      );

      expect(issues).toEqual([
        {
          field: 'requiredCompetencies.2.name',
          rule: 'unique',
          message: { id: expect.stringContaining(second), en: expect.stringContaining(second) },
        },
      ]);
    });

    it('flags every further repeat, not only the first', () => {
      const issues = validateVacancyProposal(
        proposal({
          requiredCompetencies: competencies(['managerial', 'Kerjasama'], ['managerial', 'kerjasama'], ['managerial', 'KERJASAMA ']),
        }),
      );

      expect(issues.map((i) => i.field)).toEqual(['requiredCompetencies.1.name', 'requiredCompetencies.2.name']);
    });

    it('accepts the same name under different competency types', () => {
      const issues = validateVacancyProposal(
        proposal({ requiredCompetencies: competencies(['managerial', 'Komunikasi'], ['technical', 'Komunikasi']) }),
      );

      expect(issues).toEqual([]);
    });

    it('accepts an empty list', () => {
      expect(validateVacancyProposal(proposal({ requiredCompetencies: [] }))).toEqual([]);
    });
  });

  describe('filling method', () => {
    it.each(['administrator', 'pengawas', 'functional'] as PositionClass[])('refuses open selection for a %s post', (positionClass) => {
      const issues = validateVacancyProposal(proposal({ positionClass, gradeMin: 'III/a', gradeMax: 'IV/a' }));

      expect(issues).toEqual([expect.objectContaining({ field: 'requestedFillingMethod', rule: FILLING_METHOD_RULE_VERSION })]);
    });

    it.each(['jpt_utama', 'jpt_madya', 'jpt_pratama'] as PositionClass[])('accepts open selection for a %s post', (positionClass) => {
      expect(validateVacancyProposal(proposal({ positionClass }))).toEqual([]);
    });
  });

  it('reports every problem at once, in field order', () => {
    const issues = validateVacancyProposal(
      proposal({
        positionClass: 'pengawas',
        gradeMin: 'III/d',
        gradeMax: 'III/b',
        requiredCompetencies: [
          { type: 'managerial', name: 'Integritas', level: 2 },
          { type: 'managerial', name: 'integritas', level: 2 },
        ],
        requestedFillingMethod: 'open_selection',
      }),
    );

    expect(issues.map((i) => [i.field, i.rule])).toEqual([
      ['gradeMax', 'gradeRange'],
      ['requiredCompetencies.1.name', 'unique'],
      ['requestedFillingMethod', FILLING_METHOD_RULE_VERSION],
    ]);
  });
});
