import { parse } from 'csv-parse/sync';
import { computeCompliance } from '@meritflow/domain';
import { decision, FIXTURE_REASON, fixtureDossier } from '../../../../test/support/dossier-fixture';
import { complianceCsv, DECISION_CSV_COLUMNS, decisionsCsv } from './dossier-csv';

const read = (csv: string) => parse(csv, { columns: true, relax_column_count: false, skip_empty_lines: false }) as Record<string, string>[];

describe('dossier CSV (RFC 4180)', () => {
  it('quotes a reason with a comma, a quote and a line break, and reads back unchanged', () => {
    const d = fixtureDossier();
    const csv = decisionsCsv(d.decisions);
    const rows = read(csv);
    expect(rows).toHaveLength(d.decisions.length);
    const pick = rows.find((r) => r.decision === 'pick')!;
    expect(pick.reason).toBe(FIXTURE_REASON);
    // The raw field is quoted, with its quotes doubled.
    expect(csv).toContain('"Pengalaman lapangan, ""terbukti""\nlebih relevan, termasuk program prioritas"');
    expect(JSON.parse(pick.payload)).toEqual({ postCode: 'KADIS-PUPR', nip: '197804122003031001', rank: 1, total: 86.5 });
  });

  it('ends records with CRLF and names every column in the header', () => {
    const csv = decisionsCsv([decision({ decision: 'open_selection', stepBefore: null, stepAfter: 'committee_formation' })]);
    expect(csv.split('\r\n')[0]).toBe(DECISION_CSV_COLUMNS.join(','));
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
  });

  it.each(['\r', '\n', 'a\r\nb'])('quotes a reason containing %j', (brk) => {
    const reason = `x${brk}y`;
    const csv = decisionsCsv([decision({ decision: 'withdraw', stepBefore: 'a', stepAfter: 'b', reason })]);
    // A reader that splits records on any line break (as many do) must not cut the field.
    expect(csv).toContain(`,"${reason}",`);
    const rows = read(csv);
    expect(rows).toHaveLength(1);
    expect(rows[0].reason).toBe(reason);
  });

  it('keeps a spreadsheet from running a field as a formula', () => {
    const rows = read(decisionsCsv(fixtureDossier().decisions));
    expect(rows.find((r) => r.decision === 'record_decree')!.reason).toBe(`'=HYPERLINK("http://example.invalid")`);
  });

  it('writes the hash-chain links and the evidence hashes', () => {
    const rows = read(decisionsCsv(fixtureDossier().decisions));
    expect(rows[0]).toMatchObject({ chain_seq: '1', row_hash: 'ab'.repeat(32), prev_hash: '' });
    expect(rows[1].evidence).toBe(`sk_pansel evidence:00000000-0000-4000-8000-000000000009 sha256:${'ab'.repeat(32)}`);
  });

  it('writes one compliance line per indicator, with numerator and denominator', () => {
    const report = computeCompliance(
      {
        agencyCode: 'PEMKAB-X',
        from: '2026-01-01T00:00:00+07:00',
        to: '2027-01-01T00:00:00+07:00',
        approvedVacancies: [
          {
            vacancyId: 'vacancy:PEMKAB-X:A',
            positionClass: 'jpt_pratama',
            fillingMethod: 'open_selection',
            approvedAt: '2026-03-01T00:00:00Z',
            vacancyStep: 'approved',
          },
        ],
        closedSelections: [],
        caseRuns: [],
        decisions: [],
        interestDeclarations: [[{ conflicted: true }]],
      },
      new Date('2026-11-22T00:00:00Z'),
    );
    const rows = read(complianceCsv(report));
    const by = Object.fromEntries(rows.map((r) => [r.indicator, r]));
    expect(by.jpt_open_filling_share).toMatchObject({ agency_code: 'PEMKAB-X', value: '1', numerator: '1', denominator: '1' });
    expect(by.jpt_filled_open_share).toMatchObject({ value: '0', numerator: '0', denominator: '1' });
    expect(by.evidence_complete_share).toMatchObject({ value: '', numerator: '0', denominator: '0' });
    expect(by.conflicts_of_interest_declared).toMatchObject({ value: '1', denominator: '1' });
    expect(by.overrides_used.value).toBe('0');
    expect(by.jpt_open_filling_share.definition_id).toMatch(/seleksi terbuka/);
  });
});
