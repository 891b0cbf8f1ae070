import { ROLES, type Role } from '../roles';
import { checkEvidenceFile, cleanFileName, evaluateEvidenceUpload, evidenceIdOf, evidenceRefOf, sniffMediaType } from './evidence-policy';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

const PDF = bytes('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13]);
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF');
const TEXT = bytes('Surat Keputusan Panitia Seleksi');

describe('evaluateEvidenceUpload', () => {
  it.each(ROLES.filter((r) => r !== 'auditor'))('lets %s upload evidence', (role) => {
    expect(evaluateEvidenceUpload({ id: 'u1', role })).toEqual({ ok: true });
  });

  it('keeps auditors read-only with ROLE_NOT_ALLOWED naming the roles that may upload', () => {
    const verdict = evaluateEvidenceUpload({ id: 'aud-1', role: 'auditor' });

    expect(verdict).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED', params: { role: 'auditor', decision: 'upload_evidence' } });
    const roles = verdict.ok ? [] : (verdict.params.roles as Role[]);
    expect(roles).not.toContain('auditor');
    expect(roles).toContain('hr_officer');
  });

  it('refuses the system actor, which never uploads', () => {
    expect(evaluateEvidenceUpload({ id: 'system', role: 'system' }).ok).toBe(false);
  });
});

describe('sniffMediaType', () => {
  it.each([
    ['a PDF', PDF, 'application/pdf'],
    ['a PNG', PNG, 'image/png'],
    ['a JPEG', JPEG, 'image/jpeg'],
    ['plain text', TEXT, null],
    ['"%PDF" without the dash', bytes('%PDF'), null],
    ['nothing', bytes(), null],
  ])('reads %s as %p', (_what, content, type) => {
    expect(sniffMediaType(content)).toBe(type);
  });
});

describe('checkEvidenceFile', () => {
  it.each([
    ['a PDF declared as PDF', PDF, 'application/pdf', 'application/pdf'],
    ['a PDF declared with a parameter and in upper case', PDF, 'Application/PDF; name=x.pdf', 'application/pdf'],
    ['a PNG declared as PNG', PNG, 'image/png', 'image/png'],
    ['a JPEG declared as JPEG', JPEG, 'image/jpeg', 'image/jpeg'],
    ['a PDF whose type the client did not know', PDF, 'application/octet-stream', 'application/pdf'],
    ['a JPEG sent without a type', JPEG, undefined, 'image/jpeg'],
  ])('accepts %s, stored as what the content shows', (_what, content, declaredType, mediaType) => {
    const file = { content, declaredType };

    expect(checkEvidenceFile(file)).toEqual({ ok: true, file, mediaType });
  });

  it.each([
    ['no file', undefined, 'required'],
    ['an empty file', { content: bytes(), declaredType: 'application/pdf' }, 'notEmpty'],
    ['a text file', { content: TEXT, declaredType: 'text/plain' }, 'mediaType'],
    ['an HTML file declared as HTML', { content: bytes('<script>'), declaredType: 'text/html' }, 'mediaType'],
    ['text declared as PDF', { content: TEXT, declaredType: 'application/pdf' }, 'content'],
    ['a PNG declared as PDF', { content: PNG, declaredType: 'application/pdf' }, 'content'],
    ['text without a type', { content: TEXT, declaredType: undefined }, 'content'],
  ])('refuses %s with an issue on field "file" (rule %s)', (_what, file, rule) => {
    const verdict = checkEvidenceFile(file);

    expect(verdict.ok).toBe(false);
    const [issue] = (verdict as { issues: { field: string; rule: string; message: { id: string; en: string } }[] }).issues;
    expect(issue).toMatchObject({ field: 'file', rule });
    expect(issue.message.id).not.toBe('');
    expect(issue.message.en).not.toBe(issue.message.id);
  });
});

describe('evidenceIdOf and evidenceRefOf', () => {
  const id = '0b7c4c1e-58a4-4a83-9a1b-3f1f8c3e2d10';

  it('round-trips an id through its evidence: URI', () => {
    const ref = evidenceRefOf({ id, kind: 'sk_pansel', sha256: 'a'.repeat(64) });

    expect(ref).toEqual({ kind: 'sk_pansel', uri: `evidence:${id}`, sha256: 'a'.repeat(64) });
    expect(evidenceIdOf(ref.uri)).toBe(id);
  });

  it.each([undefined, 'dms://bkpsdm/2026/800-123.pdf', 'evidence:', 'evidence:42', `evidence:${id}x`, `Evidence:${id}`])(
    'finds no evidence id in %p',
    (uri) => {
      expect(evidenceIdOf(uri)).toBeNull();
    },
  );

  it('reads an upper-case id as the lower-case id PostgreSQL stores', () => {
    expect(evidenceIdOf(`evidence:${id.toUpperCase()}`)).toBe(id);
  });
});

describe('cleanFileName', () => {
  it.each([
    ['SK Pansel 800-123.pdf', 'SK Pansel 800-123.pdf'],
    ['Keputusan – Dinas PUPR (final).pdf', 'Keputusan – Dinas PUPR (final).pdf'],
    ['C:\\Users\\siti\\Desktop\\sk.pdf', 'sk.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['sk\r\n[ERROR] forged.pdf', 'sk[ERROR] forged.pdf'],
    ['  spaced.pdf  ', 'spaced.pdf'],
    ['..', null],
    ['dir/', null],
    ['', null],
    [undefined, null],
  ])('cleans %p to %p', (name, cleaned) => {
    expect(cleanFileName(name)).toBe(cleaned);
  });

  it('keeps at most 255 characters, never splitting one', () => {
    const cleaned = cleanFileName(`${'🇮🇩'.repeat(200)}.pdf`);

    expect(Array.from(cleaned ?? '')).toHaveLength(255);
    expect(cleaned).not.toMatch(/[\uD800-\uDBFF]$/);
  });
});
