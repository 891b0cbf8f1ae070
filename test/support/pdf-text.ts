import { spawn } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

// pdf-parse (pdf.js) reads the PDF and pulls in its worker with a dynamic ES-module import, which Jest's
// module system cannot run; a plain Node process can.
const SCRIPT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  try {
    const result = await parser.getText();
    const info = await parser.getInfo();
    process.stdout.write(JSON.stringify({ text: result.text, pages: result.total, info: info.info }));
  } finally {
    await parser.destroy();
  }
});`;

export interface PdfText {
  text: string;
  pages: number;
  info: Record<string, unknown>;
}

/** The text a reader (or a screen reader, or a search) gets out of the PDF, with pdf-parse. */
export function pdfText(pdf: Buffer): Promise<PdfText> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', SCRIPT], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`pdf-parse exited with ${code}: ${Buffer.concat(err).toString()}`));
      try {
        resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as PdfText);
      } catch (e) {
        reject(e);
      }
    });
    child.stdin.end(pdf);
  });
}
