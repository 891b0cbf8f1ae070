import { fixtureDossier, FIXTURE_NIP } from '../../../../test/support/dossier-fixture';
import { pdfText } from '../../../../test/support/pdf-text';
import { PDF_HEADINGS, pdfSafe, renderDossierPdf, wib } from './dossier-pdf';

describe('the printed dossier', () => {
  it('is a PDF whose text can be extracted: headings, decree, picked NIP, the PPK justification', async () => {
    const pdf = await renderDossierPdf(fixtureDossier());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages, info } = await pdfText(pdf);
    const flat = text.replace(/\s+/g, ' ');
    for (const h of [
      PDF_HEADINGS.title,
      PDF_HEADINGS.committee,
      PDF_HEADINGS.declarations,
      PDF_HEADINGS.scores,
      PDF_HEADINGS.picks,
      PDF_HEADINGS.appointments,
      PDF_HEADINGS.timeline,
      PDF_HEADINGS.conformance,
    ]) {
      expect(flat).toContain(h);
    }
    expect(flat).toContain('821.2/123/2026');
    expect(flat).toContain(FIXTURE_NIP);
    expect(flat).toContain('Pengalaman lapangan, "terbukti" lebih relevan');
    expect(flat).toContain('Prof. Dr. Sri Wahyuni');
    expect(flat).toContain('KONFLIK terhadap Budi Hartono');
    expect(flat).toContain('PermenPANRB 15/2019');
    // Characters outside the built-in font's encoding are spelled out, not garbled.
    expect(flat).toContain('2026 -> Dinas PUPR >= 1 jabatan');
    expect(flat).toMatch(/halaman 1 dari \d+/);
    expect(pages).toBeGreaterThan(1);
    expect(info.Title).toBe(`Dosir kasus ${fixtureDossier().case.caseId}`);
  });

  it('prints times in WIB', () => {
    expect(wib('2026-11-02T17:30:00.000Z')).toBe('2026-11-03 00:30:00 WIB');
  });

  it.each([
    ['Nilai ≥ 80 → lulus', 'Nilai >= 80 -> lulus'],
    ['Kepala Dinas – “PUPR”', 'Kepala Dinas – “PUPR”'],
    ['tab\there', 'tab here'],
    ['控制', '??'],
  ])('writes %j as %j', (input, expected) => {
    expect(pdfSafe(input)).toBe(expected);
  });
});
