import { getMobilityPolicy, type EvidenceRef, type TalentSettings } from '@meritflow/domain';
import type { DossierDecision } from './dossier.types';

export interface MoveVerdictLine {
  rule: string;
  ruleVersion: string | null;
  passed: boolean;
  overridden: boolean;
  fact: string | null;
  message: { id: string; en: string } | null;
}

/** A rule evaluation as a decision recorded it: the version and as-of time it was reached under. */
export interface MoveEvaluationSection {
  decision: string;
  by: DossierDecision;
  allowed: boolean | null;
  ruleVersion: string | null;
  evaluatedAt: string | null;
  verdicts: MoveVerdictLine[];
  /** A talent promotion under the 2027 rules: the approved pool (talent review) the placement came from. */
  talentPool?: {
    reviewId: string | null;
    period: string | null;
    validFrom: string | null;
    validTo: string | null;
    box: number | null;
    performance: string | null;
    potential: string | null;
  } | null;
  agencyMerit: { agencyCode: string | null; category: string | null; scheme: string | null; assessedOn: string | null } | null;
}

export interface TalentSection {
  vacancyId: string | null;
  placement: { performance: string | null; potential: string | null; box: number | null };
  /** The inputs as given and the axis scores computed from them (performanceScore, potentialScore, finalScore). */
  inputs: Record<string, number>;
  ruleVersion: string | null;
  /** The weights of that rule version; null when the version is not one this build ships. */
  weights: TalentSettings['weights'] | null;
  thresholds: TalentSettings['thresholds'] | null;
  /** Merit categories the rule version accepts for filling a JPT post from the talent pool. */
  acceptedMeritCategories: readonly string[] | null;
}

export interface BulkMemberSection {
  nip: string;
  name: string;
  from: string;
  to: string;
  allowed: boolean | null;
  blocking: string[];
  excluded: string | null;
  included: boolean | null;
}

/** What the printed dossier shows beyond the timeline, read back from the ledger rows' payloads. */
export interface DossierSections {
  vacancy: { proposal: Record<string, unknown>; approval: { fillingMethod: string | null; by: DossierDecision } | null } | null;
  committee: { members: { id: string; name: string; affiliation: string; isChair: boolean }[]; by: DossierDecision } | null;
  declarations: {
    member: DossierDecision['actor'];
    decidedAt: string;
    items: { nip: string; conflicted: boolean; note: string | null }[];
  }[];
  assessments: { nip: string; jpmPercent: number | null; category: string | null; assessorId: string }[];
  scores: {
    nip: string;
    paper: number | null;
    interview: number | null;
    votes: number | null;
    quorum: number | null;
    quorumMet: boolean | null;
  }[];
  ranking: Record<string, { rank: number; nip: string; total: number; components: Record<string, number> }[]>;
  shortlist: Record<string, string[]>;
  recommendations: { postCode: string; recommended: string[]; overseer: string | null; by: DossierDecision }[];
  picks: { postCode: string; nip: string; rank: number | null; total: number | null; justification: string | null; by: DossierDecision }[];
  appointments: {
    postCode: string;
    nip: string;
    decreeNumber: string | null;
    effectiveDate: string | null;
    inauguratedOn: string | null;
    decree: DossierDecision | null;
    inauguration: DossierDecision | null;
  }[];
  /** NIP → name, from the registrations. */
  names: Record<string, string>;
  /** A move (mutation, rotation, talent promotion): what moves where, and under which rules. */
  move: {
    kind: string;
    scope: string;
    atOwnRequest: boolean | null;
    person: Record<string, unknown>;
    from: Record<string, unknown>;
    to: Record<string, unknown>;
    by: DossierDecision;
  } | null;
  /** The evaluation the deciding decision was taken under (else the latest one recorded). */
  evaluation: MoveEvaluationSection | null;
  blockedAttempts: { decision: string; attempted: string | null; by: DossierDecision }[];
  overrides: { rules: string[]; reason: string | null; legalBasis: EvidenceRef[]; by: DossierDecision }[];
  talent: TalentSection | null;
  /** The decree of a move or a bulk move (an appointment's decree is under appointments). */
  decree: { number: string | null; effectiveDate: string | null; by: DossierDecision } | null;
  bulk: {
    members: BulkMemberSection[];
    exclusions: { nip: string; reason: string }[];
    annex: { no: number; nip: string; name: string; from: string; to: string }[];
  } | null;
}

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
/** Rows that carry an evaluation without deciding anything: the proposal's check and refused attempts. */
const isDeciding = (decision: string): boolean => decision !== 'rules_evaluated' && decision !== 'decision_blocked';
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function dossierSections(decisions: readonly DossierDecision[]): DossierSections {
  const s: DossierSections = {
    vacancy: null,
    committee: null,
    declarations: [],
    assessments: [],
    scores: [],
    ranking: {},
    shortlist: {},
    recommendations: [],
    picks: [],
    appointments: [],
    names: {},
    move: null,
    evaluation: null,
    blockedAttempts: [],
    overrides: [],
    talent: null,
    decree: null,
    bulk: null,
  };
  const member = (nip: string): BulkMemberSection | undefined => s.bulk?.members.find((m) => m.nip === nip);
  const appointment = (postCode: string, nip: string) => {
    let a = s.appointments.find((x) => x.postCode === postCode);
    if (!a) {
      a = { postCode, nip, decreeNumber: null, effectiveDate: null, inauguratedOn: null, decree: null, inauguration: null };
      s.appointments.push(a);
    }
    return a;
  };

  for (const d of decisions) {
    const p = obj(d.payload);
    const isRoot = d.workflowId === d.rootWorkflowId;
    // A move records its rule evaluation on the proposal's check, each blocked attempt and the deciding decision.
    if (isRoot && p.evaluation && typeof p.evaluation === 'object') {
      if (d.decision === 'decision_blocked') s.blockedAttempts.push({ decision: d.decision, attempted: str(p.attempted), by: d });
      // A later check does not replace the evaluation a decision was taken under.
      if (!(s.evaluation && isDeciding(s.evaluation.decision) && !isDeciding(d.decision)))
        s.evaluation = evaluationOf(d, obj(p.evaluation));
    }
    switch (d.decision) {
      case 'propose':
        if (p.move) {
          const m = obj(p.move);
          s.move = {
            kind: str(m.kind) ?? '-',
            scope: str(m.scope) ?? '-',
            atOwnRequest: typeof m.atOwnRequest === 'boolean' ? m.atOwnRequest : null,
            person: obj(m.person),
            from: obj(m.from),
            to: obj(m.to),
            by: d,
          };
          if (p.talent) s.talent = talentOf(obj(p.talent));
        } else s.vacancy = { proposal: obj(p.proposal), approval: null };
        break;
      case 'propose_batch':
        s.bulk = {
          members: arr(p.moves).map((x) => {
            const m = obj(x);
            const person = obj(m.person);
            return {
              nip: str(person.nip) ?? '-',
              name: str(person.name) ?? '-',
              from: str(obj(m.from).positionCode) ?? '-',
              to: str(obj(m.to).positionCode) ?? '-',
              allowed: null,
              blocking: [],
              excluded: null,
              included: null,
            };
          }),
          exclusions: [],
          annex: [],
        };
        for (const m of s.bulk.members) s.names[m.nip] = m.name;
        break;
      case 'member_checked': {
        const m = member(d.workflowId.split(':').at(-1) ?? '');
        const ev = obj(p.evaluation);
        if (m) {
          m.allowed = typeof ev.allowed === 'boolean' ? ev.allowed : null;
          m.blocking = arr(ev.verdicts)
            .map(obj)
            .filter((v) => v.passed === false && v.overridden !== true)
            .map((v) => str(v.rule) ?? '-');
        }
        break;
      }
      case 'approve_batch':
        if (s.bulk) {
          s.bulk.exclusions = arr(p.exclusions).map((x) => ({ nip: str(obj(x).nip) ?? '-', reason: str(obj(x).reason) ?? '-' }));
          for (const x of s.bulk.exclusions) {
            const m = member(x.nip);
            if (m) m.excluded = x.reason;
          }
        }
        break;
      case 'included_in_decree':
      case 'excluded_from_batch': {
        const m = member(d.workflowId.split(':').at(-1) ?? '');
        if (m) m.included = d.decision === 'included_in_decree';
        break;
      }
      case 'override':
        s.overrides.push({ rules: arr(p.rules).map((r) => str(r) ?? '-'), reason: d.reason, legalBasis: d.evidence, by: d });
        break;
      case 'approve':
        if (s.vacancy) s.vacancy.approval = { fillingMethod: str(p.fillingMethod), by: d };
        break;
      case 'form_committee':
        s.committee = {
          members: arr(p.members).map((m) => {
            const o = obj(m);
            return { id: str(o.id) ?? '-', name: str(o.name) ?? '-', affiliation: str(o.affiliation) ?? '-', isChair: o.isChair === true };
          }),
          by: d,
        };
        break;
      case 'register_candidates':
        for (const c of arr(p.candidates)) {
          // Register-sourced candidates carry a facts snapshot; earlier cases the typed profile.
          const facts = obj(obj(obj(c).register).facts);
          const profile = obj(obj(c).profile);
          const nip = str(facts.nip) ?? str(profile.nip);
          if (nip) s.names[nip] = str(facts.name) ?? str(profile.name) ?? '';
        }
        break;
      case 'declare_interests':
        s.declarations.push({
          member: d.actor,
          decidedAt: d.decidedAt,
          items: arr(p.declarations).map((x) => {
            const o = obj(x);
            return { nip: str(o.nip) ?? '-', conflicted: o.conflicted === true, note: str(o.note) };
          }),
        });
        break;
      case 'record_assessment': {
        const jpm = obj(p.jpm);
        s.assessments.push({ nip: str(p.nip) ?? '-', jpmPercent: num(jpm.percent), category: str(jpm.category), assessorId: d.actor.id });
        break;
      }
      case 'scores_unsealed':
        s.scores = arr(p.results).map((r) => {
          const o = obj(r);
          return {
            nip: str(o.nip) ?? '-',
            paper: num(o.paper),
            interview: num(o.interview),
            votes: num(o.votes),
            quorum: num(o.quorum),
            quorumMet: typeof o.quorumMet === 'boolean' ? o.quorumMet : null,
          };
        });
        break;
      case 'ranking_computed':
        for (const [post, list] of Object.entries(obj(p.ranking))) {
          s.ranking[post] = arr(list).map((r) => {
            const o = obj(r);
            const components = Object.fromEntries(Object.entries(obj(o.components)).filter(([, v]) => typeof v === 'number')) as Record<
              string,
              number
            >;
            return { rank: num(o.rank) ?? 0, nip: str(o.nip) ?? '-', total: num(o.total) ?? 0, components };
          });
        }
        for (const [post, list] of Object.entries(obj(p.shortlist))) s.shortlist[post] = arr(list).map((r) => str(obj(r).nip) ?? '-');
        break;
      case 'recommend':
        s.recommendations.push({
          postCode: str(p.postCode) ?? '-',
          recommended: arr(p.recommended).map((n) => str(n) ?? '-'),
          overseer: str(obj(obj(p.overseer).name).id) ?? str(obj(p.overseer).code),
          by: d,
        });
        break;
      case 'pick':
        s.picks.push({
          postCode: str(p.postCode) ?? '-',
          nip: str(p.nip) ?? '-',
          rank: num(p.rank),
          total: num(p.total),
          justification: d.reason,
          by: d,
        });
        break;
      case 'record_decree': {
        if (p.decree && typeof p.decree === 'object') {
          const decree = obj(p.decree);
          s.decree = { number: str(decree.number), effectiveDate: str(decree.effectiveDate), by: d };
          if (s.bulk && Array.isArray(p.annex)) {
            s.bulk.annex = arr(p.annex).map((x) => {
              const o = obj(x);
              return {
                no: num(o.no) ?? 0,
                nip: str(o.nip) ?? '-',
                name: str(o.name) ?? '-',
                from: str(o.from) ?? '-',
                to: str(o.to) ?? '-',
              };
            });
          }
          break;
        }
        const a = appointment(str(p.postCode) ?? '-', str(p.nip) ?? '-');
        a.decreeNumber = str(p.decreeNumber);
        a.effectiveDate = str(p.effectiveDate);
        a.decree = d;
        break;
      }
      case 'record_inauguration': {
        const a = appointment(str(p.postCode) ?? '-', str(p.nip) ?? '-');
        a.inauguratedOn = str(p.inauguratedOn);
        a.decreeNumber ??= str(p.decreeNumber);
        a.effectiveDate ??= str(p.effectiveDate);
        a.inauguration = d;
        break;
      }
    }
  }
  return s;
}

function evaluationOf(d: DossierDecision, ev: Record<string, unknown>): MoveEvaluationSection {
  const merit = obj(obj(ev.facts).agencyMerit);
  const pool = obj(ev.facts).talentPool;
  const poolPlacement = obj(obj(pool).placement);
  return {
    ...(pool === undefined
      ? {}
      : {
          talentPool:
            pool === null
              ? null
              : {
                  reviewId: str(obj(pool).reviewId),
                  period: str(obj(pool).period),
                  validFrom: str(obj(pool).validFrom),
                  validTo: str(obj(pool).validTo),
                  box: num(poolPlacement.box),
                  performance: str(poolPlacement.performance),
                  potential: str(poolPlacement.potential),
                },
        }),
    decision: d.decision,
    by: d,
    allowed: typeof ev.allowed === 'boolean' ? ev.allowed : null,
    ruleVersion: str(ev.ruleVersion) ?? d.ruleVersion,
    evaluatedAt: str(ev.evaluatedAt),
    verdicts: arr(ev.verdicts).map((x) => {
      const v = obj(x);
      const message = obj(v.message);
      return {
        rule: str(v.rule) ?? '-',
        ruleVersion: str(v.ruleVersion),
        passed: v.passed === true,
        overridden: v.overridden === true,
        fact: str(v.fact),
        message: str(message.id) !== null ? { id: str(message.id)!, en: str(message.en) ?? '' } : null,
      };
    }),
    agencyMerit:
      Object.keys(merit).length === 0
        ? null
        : {
            agencyCode: str(merit.agencyCode),
            category: str(merit.category),
            scheme: str(merit.scheme),
            assessedOn: str(merit.assessedOn),
          },
  };
}

function talentOf(t: Record<string, unknown>): TalentSection {
  const placement = obj(t.placement);
  const ruleVersion = str(t.ruleVersion);
  let policy: ReturnType<typeof getMobilityPolicy> | null = null;
  try {
    policy = ruleVersion ? getMobilityPolicy(ruleVersion) : null;
  } catch {
    policy = null;
  }
  return {
    vacancyId: str(t.vacancyId),
    placement: { performance: str(placement.performance), potential: str(placement.potential), box: num(placement.box) },
    inputs: Object.fromEntries(Object.entries(obj(t.inputs)).filter(([, v]) => typeof v === 'number')) as Record<string, number>,
    ruleVersion,
    weights: policy?.talent.weights ?? null,
    thresholds: policy?.talent.thresholds ?? null,
    acceptedMeritCategories: policy?.talent.jptMeritCategories ?? null,
  };
}
