import type { DossierDecision } from './dossier.types';

/** What the printed dossier shows beyond the timeline, read back from the ledger rows' payloads. */
export interface DossierSections {
  vacancy: { proposal: Record<string, unknown>; approval: { fillingMethod: string | null; by: DossierDecision } | null } | null;
  committee: { members: { id: string; name: string; affiliation: string; isChair: boolean }[]; by: DossierDecision } | null;
  declarations: { member: DossierDecision['actor']; decidedAt: string; items: { nip: string; conflicted: boolean; note: string | null }[] }[];
  assessments: { nip: string; jpmPercent: number | null; category: string | null; assessorId: string }[];
  scores: { nip: string; paper: number | null; interview: number | null; votes: number | null; quorum: number | null; quorumMet: boolean | null }[];
  ranking: Record<string, { rank: number; nip: string; total: number; components: Record<string, number> }[]>;
  shortlist: Record<string, string[]>;
  recommendations: { postCode: string; recommended: string[]; overseer: string | null; by: DossierDecision }[];
  picks: { postCode: string; nip: string; rank: number | null; total: number | null; justification: string | null; by: DossierDecision }[];
  appointments: { postCode: string; nip: string; decreeNumber: string | null; effectiveDate: string | null; inauguratedOn: string | null; decree: DossierDecision | null; inauguration: DossierDecision | null }[];
  /** NIP → name, from the registrations. */
  names: Record<string, string>;
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
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
  };
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
    switch (d.decision) {
      case 'propose':
        s.vacancy = { proposal: obj(p.proposal), approval: null };
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
          const profile = obj(obj(c).profile);
          const nip = str(profile.nip);
          if (nip) s.names[nip] = str(profile.name) ?? '';
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
            const components = Object.fromEntries(Object.entries(obj(o.components)).filter(([, v]) => typeof v === 'number')) as Record<string, number>;
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
        s.picks.push({ postCode: str(p.postCode) ?? '-', nip: str(p.nip) ?? '-', rank: num(p.rank), total: num(p.total), justification: d.reason, by: d });
        break;
      case 'record_decree': {
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
