import type { FieldIssue } from '../errors';
import { BUSINESS_CODE_PATTERN } from '../personnel/position';
import { CURRENT_POST_TYPES, type CurrentPostType } from '../selection/candidate';
import { COMPETENCY_TYPES, type RequiredCompetency } from '../vacancy/vacancy-proposal';

/** An organisational unit of an agency (dinas, bidang, seksi), optionally inside another. */
export interface RegisterUnit {
  code: string;
  name: string;
  parentCode: string | null;
}

/** A post of an agency with its competency standard (SKJ, PermenPANRB 38/2017): what a profile's gap is measured against. */
export interface RegisterPost {
  code: string;
  title: string;
  postType: CurrentPostType;
  unitCode: string;
  competencyStandard: RequiredCompetency[];
  /** A critical post (talent management): the talent review keeps a succession list for it. */
  critical?: boolean;
}

/** At most this many competencies in one post's standard (8 managerial, 1 socio-cultural and the technical ones). */
export const MAX_STANDARD_COMPETENCIES = 40;

const issue = (field: string, rule: string, id: string, en: string): FieldIssue => ({ field, rule, message: { id, en } });
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/**
 * A unit as it would be stored. `parentChain` is the parent and its ancestors, nearest first, as the
 * agency's units stand (null when the parent is not one of them), so a unit cannot sit inside itself.
 */
export function checkRegisterUnit(unit: RegisterUnit, ctx: { parentChain: readonly string[] | null }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!BUSINESS_CODE_PATTERN.test(unit.code)) issues.push(issue('code', 'matches', 'kode unit tidak sah', 'the unit code is not valid'));
  if (!isText(unit.name)) issues.push(issue('name', 'required', 'isi nama unit', 'give the unit’s name'));
  if (unit.parentCode === null) return issues;
  if (unit.parentCode === unit.code || ctx.parentChain?.includes(unit.code)) {
    issues.push(
      issue(
        'parentCode',
        'unit.cycle',
        `unit ${unit.code} tidak boleh berada di bawah dirinya sendiri (${unit.parentCode})`,
        `unit ${unit.code} cannot sit inside itself (${unit.parentCode})`,
      ),
    );
  } else if (ctx.parentChain === null) {
    issues.push(
      issue(
        'parentCode',
        'unitExists',
        `unit induk ${unit.parentCode} belum terdaftar di instansi ini`,
        `parent unit ${unit.parentCode} is not registered in this agency`,
      ),
    );
  }
  return issues;
}

/**
 * A post as it would be stored: a known post type, a unit of the same agency, and a competency
 * standard of distinct competencies, each of a known type at level 1–5. Names compare trimmed and
 * case-insensitively, as the gap matches assessments to the standard that way.
 */
export function checkRegisterPost(post: RegisterPost, ctx: { unitKnown: boolean }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!BUSINESS_CODE_PATTERN.test(post.code)) issues.push(issue('code', 'matches', 'kode jabatan tidak sah', 'the post code is not valid'));
  if (!isText(post.title)) issues.push(issue('title', 'required', 'isi nama jabatan', 'give the post’s title'));
  if (!(CURRENT_POST_TYPES as readonly string[]).includes(post.postType)) {
    issues.push(
      issue(
        'postType',
        'isIn',
        `jenis jabatan "${String(post.postType)}" tidak dikenal`,
        `post type "${String(post.postType)}" is not known`,
      ),
    );
  }
  if (!ctx.unitKnown) {
    issues.push(
      issue(
        'unitCode',
        'unitExists',
        `unit ${post.unitCode} belum terdaftar di instansi ini; daftarkan dulu dengan PUT /v1/register/units/${post.unitCode}`,
        `unit ${post.unitCode} is not registered in this agency; register it first with PUT /v1/register/units/${post.unitCode}`,
      ),
    );
  }
  const standard = Array.isArray(post.competencyStandard) ? post.competencyStandard : [];
  if (!Array.isArray(post.competencyStandard)) {
    issues.push(issue('competencyStandard', 'isArray', 'standar kompetensi harus berupa daftar', 'the standard must be a list'));
  } else if (standard.length > MAX_STANDARD_COMPETENCIES) {
    issues.push(
      issue(
        'competencyStandard',
        'arrayMaxSize',
        `paling banyak ${MAX_STANDARD_COMPETENCIES} kompetensi`,
        `at most ${MAX_STANDARD_COMPETENCIES} competencies`,
      ),
    );
  }
  const seen = new Map<string, number>();
  standard.forEach((c, i) => {
    const at = `competencyStandard.${i}`;
    if (!(COMPETENCY_TYPES as readonly string[]).includes(c?.type)) {
      issues.push(
        issue(
          `${at}.type`,
          'isIn',
          `jenis kompetensi "${String(c?.type)}" tidak dikenal`,
          `competency type "${String(c?.type)}" is not known`,
        ),
      );
    }
    if (!Number.isInteger(c?.level) || c.level < 1 || c.level > 5) {
      issues.push(
        issue(
          `${at}.level`,
          'range',
          `level kompetensi harus 1–5, bukan ${String(c?.level)}`,
          `the level must be 1–5, not ${String(c?.level)}`,
        ),
      );
    }
    if (!isText(c?.name)) {
      issues.push(issue(`${at}.name`, 'required', 'isi nama kompetensi', 'give the competency’s name'));
      return;
    }
    const key = c.name.trim().toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push(
        issue(
          `${at}.name`,
          'unique',
          `kompetensi "${c.name}" sudah disebut pada urutan ${first + 1}`,
          `competency "${c.name}" is already listed at position ${first + 1}`,
        ),
      );
    } else {
      seen.set(key, i);
    }
  });
  return issues;
}
