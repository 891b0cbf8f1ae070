import { checkRegisterPost, checkRegisterUnit, MAX_STANDARD_COMPETENCIES, type RegisterPost } from './reference-data';

const post = (overrides: Partial<RegisterPost> = {}): RegisterPost => ({
  code: 'KABID-2',
  title: 'Kepala Bidang Bina Marga',
  postType: 'administrator',
  unitCode: 'DINAS-PUPR',
  competencyStandard: [
    { type: 'managerial', name: 'integritas', level: 3 },
    { type: 'managerial', name: 'kerjasama', level: 3 },
    { type: 'technical', name: 'manajemen konstruksi', level: 4 },
  ],
  ...overrides,
});
const issuesOf = (p: RegisterPost, unitKnown = true) => checkRegisterPost(p, { unitKnown }).map((i) => `${i.field}:${i.rule}`);
const withCompetency = (c: unknown) =>
  post({ competencyStandard: [...post().competencyStandard, c as RegisterPost['competencyStandard'][0]] });

describe('checkRegisterPost', () => {
  it('accepts a post of a registered unit with distinct competencies at levels 1–5, and an empty standard', () => {
    expect(issuesOf(post())).toEqual([]);
    expect(issuesOf(post({ competencyStandard: [] }))).toEqual([]);
  });

  it.each([
    [0, ['competencyStandard.3.level:range']],
    [1, []],
    [5, []],
    [6, ['competencyStandard.3.level:range']],
    [4.5, ['competencyStandard.3.level:range']],
  ])('level %p of a competency gives %j', (level, expected) => {
    expect(issuesOf(withCompetency({ type: 'technical', name: 'perencanaan jalan', level }))).toEqual(expected);
  });

  it.each([
    ['the same name', 'kerjasama', 'managerial'],
    ['another case and padding', '  Integritas ', 'managerial'],
    ['another type', 'integritas', 'technical'],
  ])('refuses a competency listed twice (%s), naming the later entry', (_label, name, type) => {
    expect(issuesOf(withCompetency({ type, name, level: 3 }))).toEqual(['competencyStandard.3.name:unique']);
  });

  it('names an empty competency name, an unknown type, an unknown post type and an unknown unit, all at once', () => {
    const p = post({
      postType: 'kepala_dinas' as RegisterPost['postType'],
      competencyStandard: [
        { type: 'managerial', name: '   ', level: 3 },
        { type: 'spiritual' as 'managerial', name: 'keteladanan', level: 3 },
      ],
    });
    expect(issuesOf(p, false)).toEqual([
      'postType:isIn',
      'unitCode:unitExists',
      'competencyStandard.0.name:required',
      'competencyStandard.1.type:isIn',
    ]);
  });

  it(`refuses more than ${MAX_STANDARD_COMPETENCIES} competencies`, () => {
    const many = Array.from({ length: MAX_STANDARD_COMPETENCIES + 1 }, (_, i) => ({
      type: 'technical' as const,
      name: `teknis ${i}`,
      level: 3,
    }));
    expect(issuesOf(post({ competencyStandard: many }))).toEqual(['competencyStandard:arrayMaxSize']);
  });
});

describe('checkRegisterUnit', () => {
  const unit = (parentCode: string | null) => ({ code: 'BIDANG-BM', name: 'Bidang Bina Marga', parentCode });
  it.each([
    ['a top-level unit', null, null, []],
    ['a unit inside a registered one', 'DINAS-PUPR', ['DINAS-PUPR', 'SETDA'], []],
    ['a parent that is not registered', 'DINAS-X', null, ['parentCode:unitExists']],
    ['itself as parent', 'BIDANG-BM', ['BIDANG-BM'], ['parentCode:unit.cycle']],
    ['a parent inside it', 'SEKSI-1', ['SEKSI-1', 'BIDANG-BM', 'DINAS-PUPR'], ['parentCode:unit.cycle']],
  ])('%s', (_label, parentCode, parentChain, expected) => {
    expect(checkRegisterUnit(unit(parentCode), { parentChain }).map((i) => `${i.field}:${i.rule}`)).toEqual(expected);
  });

  it('requires a name', () => {
    expect(checkRegisterUnit({ code: 'X', name: ' ', parentCode: null }, { parentChain: null }).map((i) => i.field)).toEqual(['name']);
  });
});
