import PDFDocument from 'pdfkit';
import { stringify } from 'csv-stringify/sync';
import { talentReportRows, type TalentReport } from '@meritflow/domain';

/** RFC 4180 with formula escaping, as the dossier's CSV. */
export function talentReportCsv(r: TalentReport): string {
  return stringify(
    talentReportRows(r).map(([indikator, nilai]) => ({ indikator, nilai })),
    { header: true, record_delimiter: '\r\n', quote_record_delimiter: true, escape_formulas: true },
  );
}

export const TALENT_REPORT_PDF_TITLE = 'LAPORAN MANAJEMEN TALENTA DAN PROMOSI-MUTASI';

/** The report printed in Bahasa Indonesia with pdfkit, as the dossiers are. */
export function renderTalentReportPdf(r: TalentReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    lang: 'id-ID',
    info: { Title: `Laporan manajemen talenta ${r.agencyCode}`, Author: 'meritflow', Keywords: 'sistem merit, manajemen talenta' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const heading = (t: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(t).font('Helvetica').fontSize(10).moveDown(0.2);
  const field = (label: string, value: string | number | null) => doc.text(`${label}: ${value ?? '-'}`);

  doc.font('Helvetica-Bold').fontSize(15).text(TALENT_REPORT_PDF_TITLE, { align: 'center' });
  doc.font('Helvetica').fontSize(10).text('Bahan evaluasi penerapan sistem merit', { align: 'center' });
  doc.moveDown();
  field('Instansi', r.agencyCode);
  field('Periode', `${r.from} s.d. sebelum ${r.to}`);
  field('Versi laporan', r.reportVersion);

  heading('Pengisian Jabatan');
  field('Melalui seleksi terbuka', r.postsFilled.openSelection);
  field('Dari kelompok rencana suksesi (jalur talenta)', r.postsFilled.talentPool);
  field('Melalui mutasi atau rotasi', r.postsFilled.mutationOrRotation);
  field('Jumlah', r.postsFilled.total);

  heading('Manajemen Talenta');
  field('Reviu talenta yang disetujui dalam periode', r.reviews.approved);
  field('Kelompok rencana suksesi yang berlaku pada akhir periode', r.reviews.poolInForceOnLastDay ?? 'tidak ada');
  field('Anggota kelompok rencana suksesi', r.reviews.poolMembers);
  field('Jabatan kritikal', r.criticalPosts.total);
  field('Jabatan kritikal dengan suksesor siap', r.criticalPosts.covered);
  field('Cakupan jabatan kritikal (%)', r.criticalPosts.coveragePercent);
  for (const p of r.criticalPosts.posts) doc.text(`- ${p.code} ${p.title}: ${p.successors} calon suksesor, ${p.ready} siap`);

  heading('Uji Kompetensi');
  field('Pegawai', r.assessment.officials);
  field(`Diuji kompetensi dalam ${r.assessment.withinYears} tahun terakhir`, r.assessment.assessed);
  field('Persentase (%)', r.assessment.assessedPercent);

  heading('Hukuman Disiplin dan Akibatnya');
  field('Hukuman ringan dijatuhkan', r.sanctions.imposedInPeriod.light);
  field('Hukuman sedang dijatuhkan', r.sanctions.imposedInPeriod.medium);
  field('Hukuman berat dijatuhkan', r.sanctions.imposedInPeriod.heavy);
  field('Pegawai sedang menjalani hukuman pada akhir periode', r.sanctions.inForceOnLastDay);
  field('Pegawai terhalang masuk kelompok rencana suksesi', r.sanctions.barredFromTalentPoolOnLastDay);
  doc.end();
  return done;
}
