import { checkDisciplineDecisionFields, type DisciplineCaseFacts } from './discipline-decision-fields';
import type { DisciplineSubject } from './discipline-rules';

const subject: DisciplineSubject = {
  nip: '198001012005011001',
  name: 'Budi',
  employmentType: 'pns',
  golongan: 'III/c',
  position: { postCode: 'KASI-1', title: 'Kepala Seksi', postType: 'pengawas', unitCode: 'DINAS-A', from: '2020-01-02' },
  registerVersion: 7,
  asOf: '2026-12-06',
};
const facts = (over: Partial<DisciplineCaseFacts> = {}): DisciplineCaseFacts => ({
  reportedOn: '2026-11-02',
  subject,
  examination: null,
  minExaminationTeam: 3,
  decidedOn: null,
  appealWindow: null,
  inForce: null,
  subjectAtEffect: null,
  ...over,
});
const TODAY = '2026-12-06';
const rules = (v: ReturnType<typeof checkDisciplineDecisionFields>) => (v.ok ? [] : v.fields.map((f) => `${f.field}:${f.rule}`));

describe('checkDisciplineDecisionFields', () => {
  it('takes an examination dated between the report and today, by a team without the official', () => {
    const team = [{ id: 'atasan-1', name: 'Atasan' }];
    expect(checkDisciplineDecisionFields({ decision: 'record_examination', examinedOn: '2026-11-10', team }, facts(), TODAY)).toEqual({
      ok: true,
    });
  });

  it('refuses an examination before the report, and the official on their own team', () => {
    const v = checkDisciplineDecisionFields(
      { decision: 'record_examination', examinedOn: '2026-11-01', team: [{ id: subject.nip, name: 'Budi' }] },
      facts(),
      TODAY,
    );
    expect(rules(v)).toEqual(['examinedOn:discipline.examinedBeforeReport', 'team:discipline.subjectOnTeam']);
  });

  it('refuses a decree without a number, dated before the decision', () => {
    const v = checkDisciplineDecisionFields(
      { decision: 'record_decree', decreeDate: '2026-11-20', effectiveDate: '2026-12-01' },
      facts({ decidedOn: '2026-11-25' }),
      TODAY,
    );
    expect(rules(v)).toEqual(expect.arrayContaining(['decreeNumber:required']));
    expect(rules(v).length).toBeGreaterThan(1);
  });

  it('tells a late appeal apart from bad input, naming the window that closed', () => {
    const window = { kind: 'keberatan' as const, opensOn: '2026-11-01', endsOn: '2026-11-14', closed: true };
    const v = checkDisciplineDecisionFields(
      { decision: 'file_appeal', appealKind: 'keberatan', filedOn: '2026-11-20' },
      facts({ appealWindow: window }),
      TODAY,
    );
    expect(v).toMatchObject({ ok: false, late: true, endsOn: '2026-11-14', filedOn: '2026-11-20' });
  });
});
