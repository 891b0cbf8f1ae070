import type { ErrorCode, ErrorParams, FieldIssue } from '../errors';
import type { LocalizedText } from '../i18n/messages';
import { parseIsoDate } from './iso-date';

/**
 * UU 5/2014 Pasal 116(2) (domain.md §2.8, "JPT tenure protection"): replacing a JPT utama or madya
 * official within two years of their appointment to the post needs the President's approval. Whether
 * the protection survives under UU 20/2023 is unconfirmed (domain.md §8), so the window is policy data:
 * `windowYears: null` turns the rule off in a later version.
 */
export interface PresidentialApprovalPolicy {
  version: string;
  /** Post classes whose holders the rule protects. */
  appliesTo: readonly string[];
  /** Years from the incumbent's appointment to the post within which a replacement needs the approval; null: rule off. */
  windowYears: number | null;
  basis: readonly string[];
}

export const PRESIDENTIAL_APPROVAL_2026: PresidentialApprovalPolicy = Object.freeze({
  version: 'president-approval@2026-12-01',
  appliesTo: Object.freeze(['jpt_utama', 'jpt_madya']),
  windowYears: 2,
  basis: Object.freeze(['UU 5/2014 Pasal 116 ayat (2)']),
});

/** Who holds a post, from the register's post history (position_assigned of that post, not ended). */
export interface PostHolder {
  nip: string;
  name: string;
  postCode: string;
  /** The TMT of the incumbent's appointment to this post. */
  since: string;
  decreeNumber: string;
  registerVersion: number;
}

export interface PresidentialApprovalVerdict {
  postCode: string;
  required: boolean;
  /** The date the rule was evaluated as of. */
  asOf: string;
  ruleVersion: string;
  incumbent: Omit<PostHolder, 'postCode'> | null;
  /** The protected period [from, until) of the incumbent, where there is one. */
  window: { years: number; from: string; until: string } | null;
  reason: LocalizedText;
}

/** `iso` plus whole years; 29 February moves to 1 March, as whole years are counted (`wholeYearsBetween`). */
export function addYears(iso: string, years: number): string {
  const d = parseIsoDate(iso)!;
  const date = new Date(Date.UTC(d.year + years, d.month - 1, d.day));
  return date.toISOString().slice(0, 10);
}

/**
 * Whether filling `post` as of `asOf` replaces an incumbent within the protected window. The latest
 * appointment held on `asOf` counts (two recorded holders are a register error; the newer is the
 * stricter reading). A vacant post replaces nobody.
 */
export function presidentialApprovalFor(
  post: { positionCode: string; positionClass: string },
  holders: readonly PostHolder[],
  asOf: string,
  policy: PresidentialApprovalPolicy,
): PresidentialApprovalVerdict {
  const base = { postCode: post.positionCode, asOf, ruleVersion: policy.version };
  const no = (
    incumbent: PresidentialApprovalVerdict['incumbent'],
    window: PresidentialApprovalVerdict['window'],
    reason: LocalizedText,
  ) => ({
    ...base,
    required: false,
    incumbent,
    window,
    reason,
  });
  if (!policy.appliesTo.includes(post.positionClass)) {
    return no(null, null, {
      id: `jabatan ${post.positionClass} tidak memerlukan persetujuan Presiden untuk penggantian`,
      en: `a ${post.positionClass} post needs no presidential approval for a replacement`,
    });
  }
  if (policy.windowYears === null) {
    return no(null, null, { id: 'aturan perlindungan dua tahun tidak berlaku', en: 'the two-year protection does not apply' });
  }
  const held = holders
    .filter((h) => h.postCode === post.positionCode && h.since <= asOf)
    .sort((a, b) => b.since.localeCompare(a.since) || a.nip.localeCompare(b.nip));
  const holder = held[0];
  if (!holder) {
    return no(null, null, {
      id: `jabatan ${post.positionCode} tidak dijabat per ${asOf}`,
      en: `post ${post.positionCode} has no holder on ${asOf}`,
    });
  }
  const { postCode: _post, ...incumbent } = holder;
  const window = { years: policy.windowYears, from: holder.since, until: addYears(holder.since, policy.windowYears) };
  const required = asOf < window.until;
  return {
    ...base,
    required,
    incumbent,
    window,
    reason: required
      ? {
          id: `${holder.name} (NIP ${holder.nip}) menjabat sejak ${holder.since}, kurang dari ${window.years} tahun per ${asOf}: penggantian memerlukan persetujuan Presiden`,
          en: `${holder.name} (NIP ${holder.nip}) has held the post since ${holder.since}, under ${window.years} years on ${asOf}: a replacement needs the President's approval`,
        }
      : {
          id: `${holder.name} (NIP ${holder.nip}) menjabat sejak ${holder.since}; masa ${window.years} tahun berakhir ${window.until}`,
          en: `${holder.name} (NIP ${holder.nip}) has held the post since ${holder.since}; the ${window.years}-year window ended on ${window.until}`,
        },
  };
}

type Verdict = { ok: true } | { ok: false; code: ErrorCode; params: ErrorParams };
const field = (name: string, rule: string, id: string, en: string): FieldIssue => ({ field: name, rule, message: { id, en } });

/** president_approve: for a post of the selection whose replacement needs it, once. */
export function checkPresidentApproval(
  d: { postCode?: string },
  ctx: { postCodes: readonly string[]; required: (postCode: string) => boolean; approved: (postCode: string) => boolean },
): Verdict {
  const post = d.postCode ?? '';
  if (!ctx.postCodes.includes(post)) {
    return {
      ok: false,
      code: 'VALIDATION_FAILED',
      params: { fields: [field('postCode', 'post', 'jabatan tidak ada dalam seleksi ini', 'post not in this selection')] },
    };
  }
  if (!ctx.required(post)) {
    return {
      ok: false,
      code: 'VALIDATION_FAILED',
      params: {
        fields: [
          field(
            'postCode',
            'presidentApproval.notRequired',
            `penggantian pejabat ${post} tidak memerlukan persetujuan Presiden`,
            `replacing the holder of ${post} needs no presidential approval`,
          ),
        ],
      },
    };
  }
  if (ctx.approved(post)) return { ok: false, code: 'ALREADY_DECIDED', params: { what: `the President's approval for ${post}` } };
  return { ok: true };
}
