import type { ErrorCode, ErrorParams, FieldIssue } from '../errors';

/**
 * The rules each decision on an open selection must pass before the workflow applies it (issue 16
 * item 5). Pure: the workflow's handler registry hands in what the case holds and raises the refusal.
 */
export type SelectionRuleVerdict = { ok: true } | { ok: false; code: ErrorCode; params: ErrorParams };

const OK: SelectionRuleVerdict = { ok: true };
const no = (code: ErrorCode, params: ErrorParams): SelectionRuleVerdict => ({ ok: false, code, params });
const field = (name: string, rule: string, id: string, en: string): FieldIssue => ({ field: name, rule, message: { id, en } });
const invalid = (...fields: FieldIssue[]): SelectionRuleVerdict => no('VALIDATION_FAILED', { fields });

export const MAX_CANDIDATES_PER_REQUEST = 100;

/** A candidate as the rules need them: who, for which post, how far along. */
export interface CandidateStanding {
  nip: string;
  postCode: string;
  status: string;
}

/** One registration of a batch, already reduced to its NIP and post. */
export interface RegistrationEntry {
  postCode: string;
  nip: string;
  /** Where the NIP was given (`candidates.i.nip`, or `candidates.i.profile.nip` for the pre-register form). */
  nipField: string;
  /** The shape issues of the entry itself (NIP format, overrides). */
  issues: FieldIssue[];
}

export interface RegistrationContext {
  postCodes: readonly string[];
  registered: ReadonlySet<string>;
  committeeIds: readonly string[];
  maxCandidates: number;
  /** Whether the person may be named a candidate (not the initiator nor the PPK of this case). */
  mayBeCandidate: (nip: string) => boolean;
}

/**
 * register_candidates: 1–100 per request, within the selection's maximum, each for a post of the
 * selection, once, and nobody holding another duty in the case. Separation of duties is one refusal
 * (403), whatever else the request got wrong.
 */
export function checkRegistrationBatch(entries: readonly RegistrationEntry[], ctx: RegistrationContext): SelectionRuleVerdict {
  const fields: FieldIssue[] = [];
  const sod: FieldIssue[] = [];
  const sodNips: string[] = [];
  const holds = new Set<string>();
  if (entries.length === 0 || entries.length > MAX_CANDIDATES_PER_REQUEST) {
    fields.push(
      field(
        'candidates',
        'size',
        `kirim 1–${MAX_CANDIDATES_PER_REQUEST} calon per permintaan`,
        `send 1–${MAX_CANDIDATES_PER_REQUEST} candidates per request`,
      ),
    );
  }
  if (ctx.registered.size + entries.length > ctx.maxCandidates) {
    fields.push(
      field(
        'candidates',
        'maxCandidates',
        `batas ${ctx.maxCandidates} calon per seleksi`,
        `at most ${ctx.maxCandidates} candidates per selection`,
      ),
    );
  }
  entries.forEach((c, i) => {
    if (!ctx.postCodes.includes(c.postCode)) {
      fields.push(
        field(
          `candidates.${i}.postCode`,
          'post',
          `jabatan ${c.postCode} tidak ada dalam seleksi ini`,
          `post ${c.postCode} is not part of this selection`,
        ),
      );
    }
    fields.push(...c.issues);
    if (ctx.registered.has(c.nip) || entries.findIndex((x) => x.nip === c.nip) !== i) {
      fields.push(field(c.nipField, 'unique', 'calon dengan NIP ini sudah terdaftar', 'a candidate with this NIP is already registered'));
    }
    if (ctx.committeeIds.includes(c.nip)) {
      sod.push(
        field(c.nipField, 'separationOfDuties', 'anggota pansel tidak boleh menjadi calon', 'a committee member cannot be a candidate'),
      );
      sodNips.push(c.nip);
      holds.add('committee');
    } else if (!ctx.mayBeCandidate(c.nip)) {
      sod.push(
        field(
          c.nipField,
          'separationOfDuties',
          'pemrakarsa atau PPK seleksi ini tidak boleh menjadi calon',
          'the initiator or the PPK of this selection cannot be a candidate',
        ),
      );
      sodNips.push(c.nip);
      holds.add('initiator/ppk');
    }
  });
  if (sod.length > 0) {
    return no('SEPARATION_OF_DUTIES', {
      actorId: sodNips.join(', '),
      holds: [...holds],
      duty: 'candidate',
      rule: 'distinct_people',
      fields: sod,
    });
  }
  return fields.length > 0 ? invalid(...fields) : OK;
}

/** screen_candidate: a registered candidate, screened once, passed true/false, a score 0–100 for a pass. */
export function checkScreening(
  candidate: CandidateStanding | undefined,
  d: { passed?: unknown; administrativeScore?: unknown },
): SelectionRuleVerdict {
  if (!candidate) return invalid(field('nip', 'candidate', 'bukan calon terdaftar', 'not a registered candidate'));
  if (candidate.status !== 'registered') return no('ALREADY_DECIDED', { what: `screening of ${candidate.nip} (${candidate.status})` });
  if (typeof d.passed !== 'boolean') return invalid(field('passed', 'required', 'wajib diisi true/false', 'required: true or false'));
  const score = d.administrativeScore;
  if (d.passed && !(typeof score === 'number' && score >= 0 && score <= 100)) {
    return invalid(
      field(
        'administrativeScore',
        'score',
        'nilai administrasi 0–100 wajib bagi yang lulus',
        'an administrative score 0–100 is required for a pass',
      ),
    );
  }
  return OK;
}

/** close_screening: every candidate screened, and at least one screened in (else only cancelling is left). */
export function checkCloseScreening(candidates: readonly CandidateStanding[], step: string, decision: string): SelectionRuleVerdict {
  const open = candidates.filter((c) => c.status === 'registered').map((c) => c.nip);
  if (open.length > 0)
    return no('DECISION_NOT_ALLOWED', { step, decision, allowed: open.map((n) => `screen_candidate ${n} (hr_officer)`) });
  if (!candidates.some((c) => c.status === 'screened_in')) {
    return no('DECISION_NOT_ALLOWED', { step, decision, allowed: ['cancel_selection (ppk)'] });
  }
  return OK;
}

/** sign_ranking: only once the shortlist exists. */
export function checkSignRanking(hasShortlist: boolean, step: string, decision: string): SelectionRuleVerdict {
  return hasShortlist ? OK : no('DECISION_NOT_ALLOWED', { step, decision, allowed: [] });
}

const notAPost = () => invalid(field('postCode', 'post', 'jabatan tidak ada dalam seleksi ini', 'post not in this selection'));

/** recommend: once per post of the selection, naming only people on that post's shortlist. */
export function checkRecommendation(
  d: { postCode?: string; recommended?: readonly string[] },
  ctx: { postCodes: readonly string[]; recommendedPosts: readonly string[]; shortlistNips: (postCode: string) => string[] },
): SelectionRuleVerdict {
  const post = d.postCode ?? '';
  if (!ctx.postCodes.includes(post)) return notAPost();
  if (ctx.recommendedPosts.includes(post)) return no('ALREADY_DECIDED', { what: `recommendation for ${post}` });
  const allowed = ctx.shortlistNips(post);
  const recommended = d.recommended ?? [];
  const off = recommended.findIndex((n) => !allowed.includes(n));
  if (recommended.length === 0 || off >= 0) {
    return invalid(
      field(
        off >= 0 ? `recommended.${off}` : 'recommended',
        'shortlist',
        `pilih dari tiga besar: ${allowed.join(', ')}`,
        `choose from the shortlist: ${allowed.join(', ')}`,
      ),
    );
  }
  // An ordered recommendation names each person once: a repeat would say nothing about the order.
  const twice = recommended.findIndex((n, i) => recommended.indexOf(n) !== i);
  if (twice >= 0) {
    return invalid(
      field(
        `recommended.${twice}`,
        'unique',
        'setiap nama hanya boleh disebut sekali, berurutan dari yang paling direkomendasikan',
        'name each person once, most recommended first',
      ),
    );
  }
  return OK;
}

/**
 * pick: once per post, one of that post's shortlist. The PPK is not bound to the ranking (PP 11/2017
 * Pasal 127), but must say why when departing from it.
 */
export function checkPick(
  d: { postCode?: string; nip?: string; reason?: string },
  ctx: {
    postCodes: readonly string[];
    pickedPosts: readonly string[];
    shortlist: (postCode: string) => { nip: string; rank: number }[];
    step: string;
  },
): SelectionRuleVerdict {
  const post = d.postCode ?? '';
  if (!ctx.postCodes.includes(post)) return notAPost();
  if (ctx.pickedPosts.includes(post)) return no('ALREADY_DECIDED', { what: `the pick for ${post}` });
  const list = ctx.shortlist(post);
  const chosen = list.find((c) => c.nip === d.nip);
  if (!chosen) {
    const nips = list.map((c) => c.nip).join(', ');
    return invalid(field('nip', 'shortlist', `PPK memilih satu dari: ${nips}`, `the PPK picks one of: ${nips}`));
  }
  if (chosen.rank !== 1 && !(d.reason && d.reason.trim().length > 0)) {
    return no('DECISION_INCOMPLETE', { decision: 'pick', step: ctx.step, missing: ['reason'], rank: chosen.rank });
  }
  return OK;
}
