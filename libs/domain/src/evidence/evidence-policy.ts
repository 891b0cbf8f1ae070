import type { EvidenceRef } from '../decision/decision-record';
import type { ErrorCode, ErrorParams, FieldIssue } from '../errors';
import { ROLES, type Actor, type Role } from '../roles';

/** Document formats the evidence store keeps: what a decree or report is scanned or exported as. */
export const EVIDENCE_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type EvidenceMediaType = (typeof EVIDENCE_MEDIA_TYPES)[number];

const EXTENSIONS: Readonly<Record<EvidenceMediaType, string>> = Object.freeze({
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
});
export const evidenceExtension = (mediaType: string): string => EXTENSIONS[mediaType as EvidenceMediaType] ?? 'bin';

/** Same shape as the kind of an evidence reference: "sk_pansel", "assessor_report". */
export const EVIDENCE_KIND_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
export const SHA256_HEX_PATTERN = /^[0-9a-f]{64}$/;

/** Roles that may read but never write; auditors must not be able to plant the evidence they audit. */
export const READ_ONLY_ROLES: readonly Role[] = Object.freeze(['auditor']);
export const EVIDENCE_UPLOAD_ROLES: readonly Role[] = Object.freeze(ROLES.filter((r) => !READ_ONLY_ROLES.includes(r)));

export function evaluateEvidenceUpload(actor: Actor): { ok: true } | { ok: false; code: ErrorCode; params: ErrorParams } {
  if ((EVIDENCE_UPLOAD_ROLES as readonly string[]).includes(actor.role)) return { ok: true };
  return {
    ok: false,
    code: 'ROLE_NOT_ALLOWED',
    params: { step: 'evidence', decision: 'upload_evidence', role: actor.role, roles: EVIDENCE_UPLOAD_ROLES, allowed: [] },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isEvidenceId = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

const URI_PREFIX = 'evidence:';
export const evidenceUri = (id: string): string => `${URI_PREFIX}${id}`;
export const isEvidenceUri = (uri: string | undefined): uri is string => uri !== undefined && uri.startsWith(URI_PREFIX);

/** The evidence id an `evidence:<id>` URI names, or null when it names none. */
export function evidenceIdOf(uri: string | undefined): string | null {
  if (!isEvidenceUri(uri)) return null;
  const id = uri.slice(URI_PREFIX.length);
  return isEvidenceId(id) ? id.toLowerCase() : null;
}

/** A reference a decision can carry as it is. */
export const evidenceRefOf = (e: { id: string; kind: string; sha256: string }): Required<Pick<EvidenceRef, 'kind' | 'uri' | 'sha256'>> => ({
  kind: e.kind,
  uri: evidenceUri(e.id),
  sha256: e.sha256,
});

const startsWith = (bytes: Uint8Array, signature: readonly number[]): boolean =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

/** The media type the content itself shows (its magic bytes), among the accepted ones. */
export function sniffMediaType(content: Uint8Array): EvidenceMediaType | null {
  if (startsWith(content, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(content, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  return null;
}

// Clients that do not know the type (curl without a type, some scanners) send these.
const UNSPECIFIED_TYPES = ['', 'application/octet-stream'];

export interface EvidenceFile {
  content: Uint8Array;
  /** The Content-Type the client gave the file part. */
  declaredType: string | undefined;
}

const fileIssue = (rule: string, id: string, en: string): FieldIssue => ({ field: 'file', rule, message: { id, en } });

/**
 * Accepts a non-empty PDF, PNG or JPEG whose declared type, when given, matches its content.
 * The stored media type is the one the content shows, so a download is never served as something else.
 */
export function checkEvidenceFile<F extends EvidenceFile>(
  file: F | undefined,
): { ok: true; file: F; mediaType: EvidenceMediaType } | { ok: false; issues: FieldIssue[] } {
  if (!file) {
    return {
      ok: false,
      issues: [
        fileIssue(
          'required',
          'wajib diunggah sebagai multipart/form-data pada kolom "file"',
          'required: upload it as multipart/form-data field "file"',
        ),
      ],
    };
  }
  if (file.content.length === 0) return { ok: false, issues: [fileIssue('notEmpty', 'berkas kosong', 'the file is empty')] };
  const allowed = EVIDENCE_MEDIA_TYPES.join(', ');
  const declared = (file.declaredType ?? '').split(';')[0].trim().toLowerCase();
  const specified = !UNSPECIFIED_TYPES.includes(declared);
  if (specified && !(EVIDENCE_MEDIA_TYPES as readonly string[]).includes(declared)) {
    return {
      ok: false,
      issues: [
        fileIssue(
          'mediaType',
          `jenis berkas ${declared} tidak diterima; yang diterima: ${allowed}`,
          `media type ${declared} is not accepted; accepted: ${allowed}`,
        ),
      ],
    };
  }
  const shown = sniffMediaType(file.content);
  if (!shown) {
    return { ok: false, issues: [fileIssue('content', `isi berkas bukan ${allowed}`, `the content is not one of ${allowed}`)] };
  }
  if (specified && declared !== shown) {
    return {
      ok: false,
      issues: [
        fileIssue('content', `berkas dinyatakan ${declared} tetapi isinya ${shown}`, `declared as ${declared} but the content is ${shown}`),
      ],
    };
  }
  return { ok: true, file, mediaType: shown };
}

/**
 * The client's file name reduced to a plain single-line base name (no path, no control characters),
 * at most 255 characters; null when nothing is left.
 */
export function cleanFileName(name: string | undefined): string | null {
  if (!name) return null;
  const base = name.split(/[\\/]/).pop() ?? '';
  const plain = Array.from(base.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, '').trim())
    .slice(0, 255)
    .join('')
    .trim();
  return plain === '' || plain === '.' || plain === '..' ? null : plain;
}
