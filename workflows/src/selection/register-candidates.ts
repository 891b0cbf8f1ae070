import {
  applyFactOverrides,
  checkFactOverrides,
  decideEligibility,
  eligibilityPolicyAsOf,
  parseNip,
  wibDate,
  type AppliedOverride,
  type CandidateProfile,
  type EligibilityPolicy,
  type EligibilityVerdict,
  type FactsSnapshot,
  type FieldIssue,
  type RegisterFacts,
} from '@meritflow/domain';
import { candidateNipOf, type CandidateRegistration, type SelectionPost } from '@meritflow/contracts';
import { reference } from '../shared/ledger';
import { refuse } from '../shared/sop-case';

/** Shape checks of one registration that need no I/O: the NIP and any overrides. */
export function checkRegistration(c: CandidateRegistration, i: number): FieldIssue[] {
  if (c.profile && !c.nip) {
    const nip = parseNip(c.profile.nip, c.profile.nipKind ?? 'pns', `candidates.${i}.profile.nip`);
    return nip.ok ? [] : nip.issues;
  }
  const issues: FieldIssue[] = [];
  if (typeof c.nip !== 'string' || !/^\d{18}$/.test(c.nip)) {
    issues.push({
      field: `candidates.${i}.nip`,
      rule: 'nip.format',
      message: { id: 'NIP calon harus 18 digit', en: 'the candidate NIP must have 18 digits' },
    });
  }
  return [...issues, ...checkFactOverrides(c.overrides ?? [], `candidates.${i}.overrides`)];
}

/** One registered candidate: the facts judged, where they came from, and the verdict. */
export interface ResolvedCandidate {
  postCode: string;
  nip: string;
  name: string;
  verdict: EligibilityVerdict;
  /** What the ledger row records about the facts used. */
  record: {
    postCode: string;
    nip?: string;
    eligibility: EligibilityVerdict;
    /** Register-sourced: the snapshot (facts, version, hash, as-of date) and any overrides. */
    register?: FactsSnapshot & { source: RegisterFacts['source'] };
    overrides?: AppliedOverride[];
    /** Before the register: the profile typed into the request. */
    profile?: CandidateProfile;
  };
}

/**
 * Resolves candidates' facts and judges their eligibility as of `now` (the registration date, WIB).
 * Register-sourced candidates are read through an activity, as of that date, under the eligibility
 * version in force then; a NIP the register lacks refuses the whole request before anything changes.
 * Candidates sent with a typed profile (recorded before the register) keep the pinned policy.
 */
export async function resolveCandidates(
  agencyCode: string,
  list: readonly CandidateRegistration[],
  posts: readonly SelectionPost[],
  pinned: EligibilityPolicy,
  now: Date,
): Promise<{ resolved: ResolvedCandidate[]; policy: EligibilityPolicy }> {
  const asOf = wibDate(now);
  const named = list.filter((c) => c.nip && !c.profile).map((c) => c.nip!);
  const policy = named.length > 0 ? eligibilityPolicyAsOf(asOf) : pinned;
  const bySnapshot = new Map<string, FactsSnapshot>();
  if (named.length > 0) {
    const { snapshots, missing } = await reference.loadRegisterFacts({ agencyCode, nips: named, asOf });
    if (missing.length > 0) {
      refuse('PERSON_NOT_FOUND', {
        nip: missing.join(', '),
        fields: list.flatMap((c, i) =>
          c.nip && missing.includes(c.nip)
            ? [
                {
                  field: `candidates.${i}.nip`,
                  rule: 'register.unknownNip',
                  message: { id: `NIP ${c.nip} tidak ada dalam register instansi`, en: `NIP ${c.nip} is not in the agency's register` },
                },
              ]
            : [],
        ),
      });
    }
    for (const s of snapshots) bySnapshot.set(s.nip, s);
  }
  const resolved = list.map((c) => {
    const post = posts.find((p) => p.positionCode === c.postCode)!;
    if (c.profile && !c.nip) {
      const verdict = decideEligibility(c.profile, post, policy, now);
      return {
        postCode: c.postCode,
        nip: c.profile.nip,
        name: c.profile.name,
        verdict,
        record: { postCode: c.postCode, profile: c.profile, eligibility: verdict },
      };
    }
    const snapshot = bySnapshot.get(candidateNipOf(c))!;
    const { facts, applied } = applyFactOverrides(snapshot.facts, c.overrides ?? []);
    const verdict = decideEligibility(facts, post, policy, now);
    return {
      postCode: c.postCode,
      nip: snapshot.nip,
      name: facts.name,
      verdict,
      record: {
        postCode: c.postCode,
        nip: snapshot.nip,
        register: { ...snapshot, source: snapshot.facts.source },
        ...(applied.length > 0 ? { overrides: applied } : {}),
        eligibility: verdict,
      },
    };
  });
  return { resolved, policy };
}
