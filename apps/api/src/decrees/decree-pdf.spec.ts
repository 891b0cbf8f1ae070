import { createHash } from 'node:crypto';
import { buildDecree, type DecreeFacts } from '@meritflow/domain';
import { pdfText } from '../../../../test/support/pdf-text';
import { renderDecreePdf } from './decree-pdf';

const base: Omit<DecreeFacts, 'subject'> = {
  caseId: 'bulk-move:PEMKAB-SLEMAN:SK-ROTASI-1',
  agencyCode: 'PEMKAB-SLEMAN',
  appointing: { decision: 'approve_batch', decidedAt: '2026-12-03T03:00:00Z' },
  decreeNumber: '824/3/PEMKAB-SLEMAN/2026',
  decreeDate: '2026-12-05',
  effectiveDate: '2026-12-07',
  place: 'Sleman',
  signatory: { office: 'Bupati Sleman', name: 'Drs. Harda Kiswaya', nip: null },
};
const annex = Array.from({ length: 45 }, (_, i) => ({
  nip: `1980010120050110${String(i).padStart(2, '0')}`,
  name: `Pegawai Nomor ${i + 1}`,
  from: `KASI-${i}`,
  to: `KASI-${i + 1}`,
}));
const collective = buildDecree({ ...base, subject: { kind: 'bulk_move', annex } });
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('the printed decree (SK)', () => {
  it('renders the same bytes, and so the same SHA-256, for the same content', async () => {
    const [a, b] = [await renderDecreePdf(collective), await renderDecreePdf(structuredClone(collective))];
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sha(a)).toBe(sha(b));
    const other = await renderDecreePdf({ ...collective, place: 'Yogyakarta' });
    expect(sha(other)).not.toBe(sha(a));
  });

  it('reads back in Bahasa Indonesia: heading, number, menimbang, mengingat, diktum, signature and every annex line', async () => {
    const { text, pages, info } = await pdfText(await renderDecreePdf(collective));
    const flat = text.replace(/\s+/g, ' ');
    for (const s of [
      'KEPUTUSAN BUPATI SLEMAN',
      'NOMOR 824/3/PEMKAB-SLEMAN/2026',
      'TENTANG',
      'PEMINDAHAN PEGAWAI NEGERI SIPIL DALAM JABATAN',
      'Menimbang',
      'Mengingat',
      'Undang-Undang Nomor 20 Tahun 2023',
      'MEMUTUSKAN',
      'Menetapkan',
      'KESATU',
      'KETIGA',
      'Ditetapkan di Sleman',
      'pada tanggal 5 Desember 2026',
      'Drs. Harda Kiswaya',
      'LAMPIRAN KEPUTUSAN BUPATI SLEMAN',
      'DAFTAR PEGAWAI NEGERI SIPIL YANG DIPINDAHKAN DALAM JABATAN',
    ])
      expect(flat).toContain(s);
    for (const line of annex) expect(flat).toContain(line.nip);
    expect(flat).toContain('Pegawai Nomor 45');
    expect(pages).toBeGreaterThan(2);
    expect(info).toMatchObject({ Title: 'KEPUTUSAN BUPATI SLEMAN Nomor 824/3/PEMKAB-SLEMAN/2026', Creator: 'meritflow' });
  });
});
