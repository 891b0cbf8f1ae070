import { sanctionInForce, SANCTION_CONSEQUENCES_2026, talentPoolSanction, type SanctionFact } from './sanction-consequences';

const AS_OF = '2026-12-06';

describe('talentPoolSanction', () => {
  it.each([
    ['no sanction', [], true],
    ['a light sanction last month', [{ level: 'light', imposedOn: '2026-11-01' }], true],
    ['a medium sanction a year ago', [{ level: 'medium', imposedOn: '2025-12-01' }], false],
    ['a heavy sanction one day short of two years', [{ level: 'heavy', imposedOn: '2024-12-07' }], false],
    ['a heavy sanction exactly two years ago', [{ level: 'heavy', imposedOn: '2024-12-06' }], true],
    ['a medium sanction three years ago', [{ level: 'medium', imposedOn: '2023-06-01' }], true],
    ['a medium sanction dated after the as-of date', [{ level: 'medium', imposedOn: '2027-01-01' }], true],
    ['an undatable heavy sanction', [{ level: 'heavy', imposedOn: '2025-02-30' }], false],
  ] as [string, SanctionFact[], boolean][])('%s: %j → passed %s', (_name, sanctions, passed) => {
    const v = talentPoolSanction(sanctions, AS_OF);
    expect(v.passed).toBe(passed);
    expect(v.rule).toBe('talentPoolSanction');
    expect(v.ruleVersion).toBe(SANCTION_CONSEQUENCES_2026.version);
    expect(v.blocking).toHaveLength(passed ? 0 : 1);
  });

  it('explains a refusal in Bahasa Indonesia and English, naming the sanction', () => {
    const v = talentPoolSanction(
      [{ level: 'heavy', sanction: 'penurunan_jabatan_12_bulan', imposedOn: '2026-01-05', endsOn: '2027-01-04' }],
      AS_OF,
    );
    expect(v.message.id).toContain('penurunan_jabatan_12_bulan');
    expect(v.message.id).toContain('kelompok rencana suksesi');
    expect(v.message.en).toContain('barred from the talent pool');
  });
});

describe('sanctionInForce', () => {
  it.each([
    ['no sanction', [], true],
    ['a medium cut running until next month', [{ level: 'medium', imposedOn: '2026-06-07', endsOn: '2027-01-06' }], false],
    ['a medium cut that ended yesterday', [{ level: 'medium', imposedOn: '2026-06-05', endsOn: '2026-12-05' }], true],
    ['a demotion ending today', [{ level: 'heavy', imposedOn: '2025-12-07', endsOn: '2026-12-06' }], false],
    ['a demotion starting tomorrow', [{ level: 'heavy', imposedOn: '2026-12-07', endsOn: '2027-12-06' }], true],
    ['a reprimand given last month (no end date)', [{ level: 'light', imposedOn: '2026-11-01' }], true],
    ['a reprimand given today', [{ level: 'light', imposedOn: AS_OF }], false],
    ['an undatable end', [{ level: 'medium', imposedOn: '2026-01-01', endsOn: '2026-13-01' }], false],
  ] as [string, SanctionFact[], boolean][])('%s: %j → passed %s', (_name, sanctions, passed) => {
    const v = sanctionInForce(sanctions, AS_OF);
    expect(v.passed).toBe(passed);
    expect(v.rule).toBe('sanctionInForce');
    expect(v.message.id.length).toBeGreaterThan(0);
  });
});
