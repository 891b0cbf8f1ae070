import {
  appealKindOf,
  appealWindowEndsOn,
  checkAppealFiled,
  checkDecree,
  checkSanctionChoice,
  demotionTarget,
  DISMISSAL_SERVICE_END,
  effectDrafts,
  restorationDrafts,
  sanctionEndsOn,
  sanctionTermOf,
  sanctionTermMonths,
  type DisciplineSubject,
  type ExaminationRecord,
} from './discipline-rules';
import { DISCIPLINE_SETTINGS_V1, disciplineTestFast, disciplineV1 } from './discipline.v1';
import { validateSop } from '../sop/sop.schema';
import { ALL_SANCTIONS, type Sanction } from '../register/register.types';

const subject = (golongan: DisciplineSubject['golongan'] = 'III/c'): DisciplineSubject => ({
  nip: '198001012005011001',
  name: 'Budi',
  employmentType: 'pns',
  golongan,
  position: { postCode: 'KASI-1', title: 'Kepala Seksi', postType: 'pengawas', unitCode: 'DINAS-A', from: '2020-01-02' },
  registerVersion: 7,
  asOf: '2026-12-06',
});
const team: ExaminationRecord = {
  examinedOn: '2026-12-01',
  team: [
    { id: 'a', name: 'Atasan' },
    { id: 'b', name: 'Inspektorat' },
    { id: 'c', name: 'BKPSDM' },
  ],
  minutes: 1,
};
const ctx = (over: Partial<{ subject: DisciplineSubject; examination: ExaminationRecord | null }> = {}) => ({
  subject: subject(),
  examination: team,
  minExaminationTeam: 3,
  ...over,
});
const rules = (issues: { rule: string }[]) => issues.map((i) => i.rule);

describe('discipline rules (PP 94/2021)', () => {
  it.each([
    ['teguran_lisan', null],
    ['potongan_tunjangan_25_6_bulan', 6],
    ['potongan_tunjangan_25_9_bulan', 9],
    ['potongan_tunjangan_25_12_bulan', 12],
    ['penurunan_jabatan_12_bulan', 12],
    ['pembebasan_jabatan_pelaksana_12_bulan', 12],
    ['pemberhentian_dengan_hormat', null],
  ])('%s lasts %s months', (sanction, months) => {
    expect(sanctionTermMonths(sanction as Sanction)).toBe(months);
  });

  it.each([
    ['2026-01-15', 6, '2026-07-14'],
    ['2026-08-31', 6, '2027-02-27'],
    ['2026-12-06', 12, '2027-12-05'],
  ])('a sanction imposed on %s for %s months ends on %s', (on, months, end) => {
    expect(sanctionEndsOn(on, months)).toBe(end);
  });

  it.each([
    ['light', 'potongan_tunjangan_25_6_bulan', ['discipline.sanctionLevel']],
    ['medium', 'penurunan_jabatan_12_bulan', ['discipline.sanctionLevel']],
    ['heavy', 'teguran_lisan', ['discipline.sanctionLevel']],
    ['medium', 'potongan_tunjangan_25_9_bulan', []],
    ['heavy', 'penurunan_jabatan_12_bulan', []],
  ])('level %s with sanction %s gives %j', (level, sanction, expected) => {
    expect(rules(checkSanctionChoice({ level: level as never, sanction: sanction as Sanction }, ctx()))).toEqual(expected);
  });

  it('refuses a heavy sanction without an examination team of three with minutes', () => {
    const heavy = { level: 'heavy' as const, sanction: 'pemberhentian_dengan_hormat' as const };
    expect(rules(checkSanctionChoice(heavy, ctx({ examination: null })))).toEqual(['discipline.examinationTeamRequired']);
    expect(rules(checkSanctionChoice(heavy, ctx({ examination: { ...team, team: team.team.slice(0, 2) } })))).toEqual([
      'discipline.examinationTeamRequired',
    ]);
    expect(rules(checkSanctionChoice(heavy, ctx({ examination: { ...team, minutes: 0 } })))).toEqual([
      'discipline.examinationTeamRequired',
    ]);
    // A medium sanction needs no team.
    expect(checkSanctionChoice({ level: 'medium', sanction: 'potongan_tunjangan_25_6_bulan' }, ctx({ examination: null }))).toEqual([]);
  });

  it.each([
    ['III/c', 'III/b'],
    ['I/b', 'I/a'],
  ])('demotes %s one level to %s', (from, to) => {
    expect(demotionTarget(from as never)).toEqual({ ok: true, golongan: to });
  });

  it('refuses a demotion below I/a and one of an official without a grade', () => {
    const lowest = demotionTarget('I/a');
    expect(lowest.ok || lowest.issue.rule).toBe('discipline.lowestGrade');
    const none = demotionTarget(null);
    expect(none.ok || none.issue.rule).toBe('discipline.noGrade');
    const choice = { level: 'heavy' as const, sanction: 'penurunan_jabatan_12_bulan' as const };
    expect(rules(checkSanctionChoice(choice, ctx({ subject: subject('I/a') })))).toEqual(['discipline.lowestGrade']);
  });

  it('needs the pelaksana post for a move to a pelaksana post, and only then', () => {
    const move = { level: 'heavy' as const, sanction: 'pembebasan_jabatan_pelaksana_12_bulan' as const };
    expect(rules(checkSanctionChoice(move, ctx()))).toEqual(['required']);
    const post = { postCode: 'PEL-1', title: 'Pengadministrasi Umum', unitCode: 'DINAS-A' };
    expect(checkSanctionChoice({ ...move, pelaksanaPost: post }, ctx())).toEqual([]);
    expect(rules(checkSanctionChoice({ level: 'light', sanction: 'teguran_lisan', pelaksanaPost: post }, ctx()))).toEqual([
      'discipline.onlyForPelaksanaMove',
    ]);
  });

  it('refuses a decree dated before the decision, and a TMT before the decree', () => {
    expect(rules(checkDecree({ decreeDate: '2026-11-30', effectiveDate: '2026-12-01' }, '2026-12-01', '2026-12-06'))).toEqual([
      'discipline.decreeBeforeDecision',
    ]);
    expect(rules(checkDecree({ decreeDate: '2026-12-02', effectiveDate: '2026-12-01' }, '2026-12-01', '2026-12-06'))).toEqual([
      'discipline.tmtBeforeDecree',
    ]);
    expect(rules(checkDecree({ decreeDate: '2026-12-09', effectiveDate: '2026-12-09' }, '2026-12-01', '2026-12-06'))).toEqual([
      'notFuture',
    ]);
    expect(checkDecree({ decreeDate: '2026-12-02', effectiveDate: '2026-12-02' }, '2026-12-01', '2026-12-06')).toEqual([]);
  });

  it('opens an objection for 14 days and an administrative appeal of a dismissal for 15', () => {
    expect(appealKindOf('potongan_tunjangan_25_6_bulan')).toBe('keberatan');
    expect(appealKindOf('pemberhentian_tidak_dengan_hormat')).toBe('banding');
    expect(appealWindowEndsOn('2026-12-01', 'keberatan', DISCIPLINE_SETTINGS_V1.appealWindow)).toBe('2026-12-15');
    expect(appealWindowEndsOn('2026-12-01', 'banding', DISCIPLINE_SETTINGS_V1.appealWindow)).toBe('2026-12-16');
  });

  it('accepts an appeal inside its window and marks one after it late', () => {
    const window = { opensOn: '2026-12-01', endsOn: '2026-12-15', closed: false };
    expect(checkAppealFiled('2026-12-15', window, '2026-12-20')).toEqual({ ok: true });
    const late = checkAppealFiled('2026-12-16', window, '2026-12-20');
    expect(late.ok === false && late.late && rules(late.issues)).toEqual(['discipline.appealLate']);
    const closed = checkAppealFiled('2026-12-03', { ...window, closed: true }, '2026-12-20');
    expect(closed.ok === false && closed.late).toBe(true);
    const early = checkAppealFiled('2026-11-30', window, '2026-12-20');
    expect(early.ok === false && !early.late && rules(early.issues)).toEqual(['discipline.appealBeforeDecree']);
  });

  it('writes the sanction with its end and the demotion when a heavy demotion takes effect, and restores the grade after', () => {
    const s = sanctionTermOf(
      { level: 'heavy', sanction: 'penurunan_jabatan_12_bulan' },
      { number: 'SK-HD-1', effectiveDate: '2026-12-07' },
    );
    expect(s.endsOn).toBe('2027-12-06');
    expect(effectDrafts(s, subject())).toEqual([
      {
        type: 'sanction_recorded',
        payload: {
          level: 'heavy',
          sanction: 'penurunan_jabatan_12_bulan',
          imposedOn: '2026-12-07',
          endsOn: '2027-12-06',
          decreeNumber: 'SK-HD-1',
        },
      },
      { type: 'rank_changed', payload: { golongan: 'III/b', tmt: '2026-12-07', decreeNumber: 'SK-HD-1', kind: 'demotion' } },
    ]);
    expect(restorationDrafts(s, subject(), 'SK-PULIH-1')).toEqual([
      { type: 'rank_changed', payload: { golongan: 'III/c', tmt: '2027-12-07', decreeNumber: 'SK-PULIH-1', kind: 'regular' } },
    ]);
  });

  it('moves to the pelaksana post and back to the post held before', () => {
    const post = { postCode: 'PEL-1', title: 'Pengadministrasi Umum', unitCode: 'DINAS-A' };
    const s = sanctionTermOf(
      { level: 'heavy', sanction: 'pembebasan_jabatan_pelaksana_12_bulan', pelaksanaPost: post },
      { number: 'SK-HD-2', effectiveDate: '2026-12-07' },
    );
    expect(effectDrafts(s, subject())[1]).toEqual({
      type: 'position_assigned',
      payload: { ...post, postType: 'pelaksana', from: '2026-12-07', decreeNumber: 'SK-HD-2' },
    });
    expect(restorationDrafts(s, subject(), 'SK-PULIH-2')).toEqual([
      {
        type: 'position_assigned',
        payload: {
          postCode: 'KASI-1',
          title: 'Kepala Seksi',
          postType: 'pengawas',
          unitCode: 'DINAS-A',
          from: '2027-12-07',
          decreeNumber: 'SK-PULIH-2',
        },
      },
    ]);
  });

  it('records a medium cut with its end', () => {
    const cut = sanctionTermOf(
      { level: 'medium', sanction: 'potongan_tunjangan_25_9_bulan' },
      { number: 'SK-3', effectiveDate: '2026-12-07' },
    );
    expect(effectDrafts(cut, subject())).toEqual([
      {
        type: 'sanction_recorded',
        payload: {
          level: 'medium',
          sanction: 'potongan_tunjangan_25_9_bulan',
          imposedOn: '2026-12-07',
          endsOn: '2027-09-06',
          decreeNumber: 'SK-3',
        },
      },
    ]);
    expect(restorationDrafts(cut, subject(), 'X')).toEqual([]);
  });

  it.each([
    { sanction: 'pemberhentian_dengan_hormat' as const, reason: 'dismissal_honourable' },
    { sanction: 'pemberhentian_tidak_dengan_hormat' as const, reason: 'dismissal_dishonourable' },
  ])('ends service on the TMT of a dismissal ($sanction → $reason)', ({ sanction, reason }) => {
    const out = sanctionTermOf({ level: 'heavy', sanction }, { number: 'SK-4', effectiveDate: '2026-12-07' });
    expect(out.endsOn).toBeNull();
    expect(effectDrafts(out, subject())).toEqual([
      { type: 'sanction_recorded', payload: { level: 'heavy', sanction, imposedOn: '2026-12-07', decreeNumber: 'SK-4' } },
      { type: 'service_ended', payload: { endedOn: '2026-12-07', reason, decreeNumber: 'SK-4' } },
    ]);
    expect(restorationDrafts(out, subject(), 'X')).toEqual([]);
  });

  it('records a dismissal as the sanction only for cases begun before the register knew the end of service', () => {
    const out = sanctionTermOf(
      { level: 'heavy', sanction: 'pemberhentian_dengan_hormat' },
      { number: 'SK-4', effectiveDate: '2026-12-07' },
    );
    expect(effectDrafts(out, subject(), { endsService: false }).map((d) => d.type)).toEqual(['sanction_recorded']);
  });

  it('ends service for dismissals only', () => {
    const ending = ALL_SANCTIONS.filter((s) => DISMISSAL_SERVICE_END[s] !== undefined);
    expect(ending.sort()).toEqual(['pemberhentian_dengan_hormat', 'pemberhentian_tidak_dengan_hormat']);
  });

  it('ships valid SOP versions, the fast one test-only', () => {
    for (const sop of [disciplineV1, disciplineTestFast]) {
      const { settings: _s, ...definition } = sop;
      expect(() => validateSop(definition)).not.toThrow();
    }
    expect([disciplineV1.testOnly, disciplineTestFast.testOnly]).toEqual([false, true]);
  });
});
