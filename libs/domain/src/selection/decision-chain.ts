import type { ErrorCode, ErrorParams, FieldIssue } from '../errors';

/**
 * Who decides a JPT selection after the ranking (domain.md §2.1 row 12, issue 16 item 1). The chain is
 * SOP data: each chain is a variant of the open-selection SOP, chosen by post class and post.
 * - pratama: the overseer recommends, the PPK picks 1 of 3 (PP 11/2017 Pasal 127) [S27];
 * - madya (including a provincial Sekda): the governor proposes three names, the Minister of Home
 *   Affairs forwards them, the TPA assesses, a Keppres appoints [S26];
 * - regency_sekda: as pratama, then the governor approves before the appointment [S28];
 * - utama: the proposing minister or agency head proposes three names, the TPA assesses, a Keppres
 *   appoints (domain.md names no proposer for utama: the proposing body is SOP data [BK]).
 * Utama and madya chains from 1.0.0-utama / 1.0.1-madya also ask the President's approval where the
 * replacement falls within the incumbent's protected two years (presidential-approval.ts).
 */
export const SELECTION_CHAINS = ['pratama', 'madya', 'regency_sekda', 'utama'] as const;
export type SelectionChain = (typeof SELECTION_CHAINS)[number];

/** Which regional secretary (Sekda) post a selection fills, if any. */
export const REGIONAL_SECRETARY_KINDS = ['province', 'regency_city'] as const;
export type RegionalSecretaryKind = (typeof REGIONAL_SECRETARY_KINDS)[number];

/** An outside body whose decision the chain records, with its document. */
export interface OutsideBody {
  code: string;
  name: { id: string; en: string };
}

export type ChainVerdict = { ok: true; chain: SelectionChain } | { ok: false; code: ErrorCode; params: ErrorParams };
export type ChainRuleVerdict = { ok: true } | { ok: false; code: ErrorCode; params: ErrorParams };

const OK: ChainRuleVerdict = { ok: true };
const field = (name: string, rule: string, id: string, en: string): FieldIssue => ({ field: name, rule, message: { id, en } });
const invalid = (...fields: FieldIssue[]) => ({ ok: false as const, code: 'VALIDATION_FAILED' as const, params: { fields } });

/**
 * The chain a new selection follows, from its posts' class and whether it fills a Sekda post. One
 * selection follows one chain: posts of different chains are separate selections.
 */
export function selectionChainFor(posts: readonly { positionClass: string }[], regionalSecretary?: RegionalSecretaryKind): ChainVerdict {
  const classes = [...new Set(posts.map((p) => p.positionClass))];
  if (regionalSecretary) {
    if (posts.length !== 1) {
      return invalid(
        field('vacancyIds', 'regionalSecretary.onePost', 'seleksi Sekda hanya untuk satu jabatan', 'a Sekda selection fills one post'),
      );
    }
    const expected = regionalSecretary === 'province' ? 'jpt_madya' : 'jpt_pratama';
    if (classes[0] !== expected) {
      return invalid(
        field(
          'regionalSecretary',
          'regionalSecretary.positionClass',
          `Sekda ${regionalSecretary === 'province' ? 'provinsi adalah JPT madya' : 'kabupaten/kota adalah JPT pratama'}`,
          `a ${regionalSecretary === 'province' ? 'provincial Sekda is JPT madya' : 'regency/city Sekda is JPT pratama'}`,
        ),
      );
    }
    return { ok: true, chain: regionalSecretary === 'province' ? 'madya' : 'regency_sekda' };
  }
  if (classes.length !== 1) {
    return invalid(
      field(
        'vacancyIds',
        'positionClass.mixed',
        'semua jabatan satu seleksi harus satu kelas',
        'every post of one selection must be of one class',
      ),
    );
  }
  if (classes[0] === 'jpt_madya') return { ok: true, chain: 'madya' };
  if (classes[0] === 'jpt_utama') return { ok: true, chain: 'utama' };
  if (classes[0] === 'jpt_pratama') return { ok: true, chain: 'pratama' };
  return invalid(
    field(
      'vacancyIds',
      'positionClass.chain',
      'belum ada alur keputusan untuk kelas jabatan ini',
      'no decision chain for this post class yet',
    ),
  );
}

const notAPost = () => invalid(field('postCode', 'post', 'jabatan tidak ada dalam seleksi ini', 'post not in this selection'));

interface PerPostContext {
  postCodes: readonly string[];
  /** Posts this step has already decided. */
  decidedPosts: readonly string[];
  /** What the step decides, for the refusal ("the governor's proposal for P-1"). */
  what: string;
}

/** A per-post step of the chain: a post of the selection, decided once. */
export function checkChainPost(d: { postCode?: string }, ctx: PerPostContext): ChainRuleVerdict {
  const post = d.postCode ?? '';
  if (!ctx.postCodes.includes(post)) return notAPost();
  if (ctx.decidedPosts.includes(post)) return { ok: false, code: 'ALREADY_DECIDED', params: { what: `${ctx.what} for ${post}` } };
  return OK;
}

/** governor_propose: exactly `size` distinct names (fewer only when fewer were ranked), all ranked for the post. */
export function checkGovernorProposal(
  d: { postCode?: string; nominees?: readonly string[] },
  ctx: PerPostContext & { ranked: (postCode: string) => string[]; size: number },
): ChainRuleVerdict {
  const post = checkChainPost(d, ctx);
  if (!post.ok) return post;
  const ranked = ctx.ranked(d.postCode!);
  const nominees = d.nominees ?? [];
  const size = Math.min(ctx.size, ranked.length);
  if (nominees.length !== size || new Set(nominees).size !== nominees.length) {
    return invalid(field('nominees', 'nominees.size', `usulkan tepat ${size} nama berbeda`, `propose exactly ${size} distinct names`));
  }
  const strangers = nominees.filter((n) => !ranked.includes(n));
  if (strangers.length > 0) {
    return invalid(
      field(
        'nominees',
        'nominees.ranked',
        `bukan calon yang diperingkat: ${strangers.join(', ')}`,
        `not ranked candidates: ${strangers.join(', ')}`,
      ),
    );
  }
  return OK;
}

/** A step that needs the previous one done for the post (the Minister forwards what the governor proposed). */
export function checkChainFollows(
  d: { postCode?: string },
  ctx: PerPostContext & { previousDone: (postCode: string) => boolean; step: string },
): ChainRuleVerdict {
  const post = checkChainPost(d, ctx);
  if (!post.ok) return post;
  if (!ctx.previousDone(d.postCode!)) {
    return { ok: false, code: 'DECISION_NOT_ALLOWED', params: { decision: ctx.what, step: ctx.step, allowed: [] } };
  }
  return OK;
}

/** record_keppres: the decree names one of the names proposed (by the governor, or the utama proposer), and carries its number. */
export function checkKeppres(
  d: { postCode?: string; nip?: string; decreeNumber?: string },
  ctx: PerPostContext & { proposed: (postCode: string) => readonly string[]; proposer?: { id: string; en: string } },
): ChainRuleVerdict {
  const post = checkChainPost(d, ctx);
  if (!post.ok) return post;
  const proposed = ctx.proposed(d.postCode!);
  if (!d.nip || !proposed.includes(d.nip)) {
    return invalid(
      field(
        'nip',
        'nominees.proposed',
        `Keppres mengangkat salah satu usulan ${ctx.proposer?.id ?? 'gubernur'}: ${proposed.join(', ')}`,
        `the Keppres appoints one of ${ctx.proposer ? `the nominees of ${ctx.proposer.en}` : "the governor's nominees"}: ${proposed.join(', ')}`,
      ),
    );
  }
  if (!d.decreeNumber || d.decreeNumber.trim().length === 0) {
    return invalid(field('decreeNumber', 'required', 'nomor Keppres wajib diisi', 'the Keppres number is required'));
  }
  return OK;
}
