import PDFDocument from 'pdfkit';
import type { DecreeContent } from '@meritflow/domain';
import { pdfSafe } from '../dossier/dossier-pdf';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const LABEL_WIDTH = 88;

/**
 * Renders a decree (SK) as a printable A4 PDF in Bahasa Indonesia. Deterministic: the metadata
 * carries no clock (the creation date is the decree's own date), so the same content always gives the
 * same bytes and the SHA-256 recorded as evidence can be reproduced offline from the stored content.
 */
export function renderDecreePdf(d: DecreeContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 64, bottom: 64, left: 72, right: 64 },
    bufferPages: true,
    lang: 'id-ID',
    info: {
      Title: pdfSafe(`${d.heading} Nomor ${d.number}`),
      Author: pdfSafe(d.signatory.office),
      Subject: pdfSafe(d.about),
      Keywords: pdfSafe(`surat keputusan, ${d.template.id}@${d.template.version}, ${d.caseId}`),
      Creator: 'meritflow',
      Producer: 'meritflow',
      CreationDate: new Date(`${d.date}T00:00:00+07:00`),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const centre = (t: string, font = 'Helvetica-Bold', size = 11) => {
    doc.font(font).fontSize(size).text(pdfSafe(t), left, doc.y, { width, align: 'center' });
  };
  /** A labelled block: the label in the left column, the items numbered beside it. */
  const block = (label: string, items: string[], mark: (i: number) => string) => {
    doc.moveDown(0.6);
    items.forEach((item, i) => {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 40) doc.addPage();
      const y = doc.y;
      doc.font('Helvetica').fontSize(10);
      if (i === 0) doc.text(pdfSafe(label), left, y, { width: LABEL_WIDTH - 10, lineBreak: false });
      doc.text(':', left + LABEL_WIDTH - 10, y, { width: 8, lineBreak: false });
      doc.text(mark(i), left + LABEL_WIDTH, y, { width: 20, lineBreak: false });
      doc.text(pdfSafe(item), left + LABEL_WIDTH + 20, y, { width: width - LABEL_WIDTH - 20, align: 'justify' });
      doc.moveDown(0.2);
    });
  };

  centre(d.heading, 'Helvetica-Bold', 12);
  centre(`NOMOR ${d.number}`, 'Helvetica', 11);
  doc.moveDown(0.6);
  centre('TENTANG', 'Helvetica', 11);
  centre(d.about, 'Helvetica-Bold', 11);
  doc.moveDown(0.6);
  centre('DENGAN RAHMAT TUHAN YANG MAHA ESA', 'Helvetica-Bold', 10);
  centre(d.signatory.office.toUpperCase(), 'Helvetica-Bold', 10);

  block('Menimbang', d.considerations, (i) => `${LETTERS[i]}.`);
  block('Mengingat', d.legalBases, (i) => `${i + 1}.`);

  doc.moveDown(0.8);
  centre('MEMUTUSKAN:', 'Helvetica-Bold', 11);
  block('Menetapkan', [d.decides], () => '');
  for (const c of d.clauses) block(c.ordinal, [c.text], () => '');

  // Place, date and the signatory, on the right half.
  if (doc.y > doc.page.height - doc.page.margins.bottom - 150) doc.addPage();
  doc.moveDown(1.5);
  const signX = left + width / 2;
  const signW = width / 2;
  const sign = (t: string, font = 'Helvetica') => doc.font(font).fontSize(10).text(pdfSafe(t), signX, doc.y, { width: signW });
  sign(`Ditetapkan di ${d.place}`);
  sign(`pada tanggal ${d.dateText}`);
  doc.moveDown(0.5);
  sign(`${d.signatory.office.toUpperCase()},`, 'Helvetica-Bold');
  doc.moveDown(3.5);
  sign(d.signatory.name ?? '(nama penandatangan)', 'Helvetica-Bold');
  if (d.signatory.nip) sign(`NIP ${d.signatory.nip}`);

  if (d.annex) {
    doc.addPage();
    const a = d.annex;
    doc.font('Helvetica').fontSize(9);
    doc.text(pdfSafe(`LAMPIRAN ${d.heading}`), signX - 40, doc.y, { width: signW + 40 });
    doc.text(pdfSafe(`NOMOR ${a.number}`), signX - 40, doc.y, { width: signW + 40 });
    doc.text(pdfSafe(`TANGGAL ${d.dateText.toUpperCase()}`), signX - 40, doc.y, { width: signW + 40 });
    doc.moveDown(1);
    centre(a.title, 'Helvetica-Bold', 11);
    doc.moveDown(0.6);
    // No., NIP, name, old post, new post.
    const widths = [28, 118, 125, 0, 0];
    widths[3] = widths[4] = (width - widths[0] - widths[1] - widths[2]) / 2;
    const row = (cells: string[], font: string) => {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage();
      const y = doc.y;
      let x = left;
      let bottom = y;
      doc.font(font).fontSize(9);
      cells.forEach((cell, i) => {
        doc.text(pdfSafe(cell), x + 2, y, { width: widths[i] - 4 });
        bottom = Math.max(bottom, doc.y);
        x += widths[i];
      });
      doc
        .moveTo(left, bottom + 2)
        .lineTo(left + width, bottom + 2)
        .lineWidth(0.5)
        .stroke();
      doc.y = bottom + 5;
    };
    row(a.columns, 'Helvetica-Bold');
    for (const r of a.rows) row(r, 'Helvetica');
    doc.moveDown(1.5);
    sign(`${d.signatory.office.toUpperCase()},`, 'Helvetica-Bold');
    doc.moveDown(3);
    sign(d.signatory.name ?? '(nama penandatangan)', 'Helvetica-Bold');
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(7);
    doc.text(
      pdfSafe(
        `Nomor ${d.number} - templat ${d.template.id}@${d.template.version} - kasus ${d.caseId} - halaman ${i + 1} dari ${range.count}`,
      ),
      left,
      doc.page.height - 36,
      { width, align: 'center', lineBreak: false },
    );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
