import { APPOINTING_DECISIONS, DomainError, type DecreeFacts, type DecreeKind, type DecreeSubject } from '@meritflow/domain';
import { BULK_MOVE_CASE_TYPE, DISCIPLINE_CASE_TYPE, MOVE_CASE_TYPE, SELECTION_CASE_TYPE } from '@meritflow/contracts';
import { dossierSections } from '../dossier/dossier-sections';
import { disciplineSection } from '../dossier/dossier-discipline';
import type { DossierDecision } from '../dossier/dossier.types';

/** What the drafting officer gives; the rest of a decree comes from the ledger. */
export interface DecreeRequest {
  postCode?: string;
  decreeNumber?: string;
  decreeDate: string;
  effectiveDate: string;
  place: string;
  signatory?: { office?: string; name?: string; nip?: string };
}

export interface CaseFacts {
  caseId: string;
  caseType: string;
  agencyCode: string;
  title: string;
}

/** The decree's facts (without its number), which decision it executes, and the key a case with several decrees keeps them apart by. */
export interface DecreeBasis {
  facts: Omit<DecreeFacts, 'decreeNumber'>;
  kind: DecreeKind;
  subjectKey: string;
  appointingRow: DossierDecision;
}

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

const notReady = (caseId: string, kind: DecreeKind, postCode?: string) =>
  new DomainError('DECREE_NOT_READY', { caseId, requires: [...APPOINTING_DECISIONS[kind]], ...(postCode ? { postCode } : {}) });

/** The latest root decision of the case that appoints (or sanctions) for this kind of decree. */
const appointingRow = (c: CaseFacts, rows: readonly DossierDecision[], kind: DecreeKind): DossierDecision => {
  const row = rows.filter((d) => d.workflowId === c.caseId && APPOINTING_DECISIONS[kind].includes(d.decision)).at(-1);
  if (!row) throw notReady(c.caseId, kind);
  return row;
};

/**
 * Reads the facts a decree states from the case's ledger rows: who, which post, which decision and
 * when. Refuses a case type that no decree settles, and a case whose appointing decision is not yet
 * taken (409 DECREE_NOT_READY naming the decision the decree must follow).
 */
export function decreeBasis(c: CaseFacts, rows: readonly DossierDecision[], req: DecreeRequest): DecreeBasis {
  const sections = dossierSections(rows);
  const person = (nip: string, name: unknown, golongan: unknown) => ({ nip, name: str(name) ?? nip, golongan: str(golongan) });
  let subject: DecreeSubject;
  let row: DossierDecision;
  let subjectKey = '';

  switch (c.caseType) {
    case SELECTION_CASE_TYPE: {
      // JPT madya and provincial Sekda are appointed by Keppres, outside the agency (domain.md §2.1 step 12).
      if (rows.some((d) => d.decision === 'governor_propose' || d.decision === 'record_keppres'))
        throw new DomainError('DECREE_NOT_APPLICABLE', { caseType: c.caseType, detail: 'Keppres' });
      const picks = sections.picks.filter((p) => !req.postCode || p.postCode === req.postCode);
      if (picks.length === 0) throw notReady(c.caseId, 'selection_appointment', req.postCode);
      if (picks.length > 1)
        throw new DomainError('VALIDATION_FAILED', {
          fields: [
            {
              field: 'postCode',
              rule: 'required',
              message: {
                id: 'seleksi ini mengisi beberapa jabatan: sebutkan jabatannya',
                en: 'this selection fills several posts: name the post',
              },
            },
          ],
        });
      const pick = picks[0];
      row = pick.by;
      subjectKey = pick.postCode;
      const opening = rows.find((d) => d.workflowId === c.caseId && d.decision === 'open_selection');
      const post = obj(arr(obj(opening?.payload).posts).find((p) => obj(p).positionCode === pick.postCode));
      const registered = rows
        .filter((d) => d.decision === 'register_candidates')
        .flatMap((d) => arr(obj(d.payload).candidates).map((x) => obj(obj(obj(x).register).facts)))
        .find((f) => f.nip === pick.nip);
      const recommendation = sections.recommendations.filter((r) => r.postCode === pick.postCode).at(-1);
      subject = {
        kind: 'selection_appointment',
        selectionTitle: c.title,
        post: {
          code: pick.postCode,
          title: str(post.title),
          unit: str(post.organisationalUnit),
          agencyCode: c.agencyCode,
          positionClass: str(post.positionClass),
        },
        person: person(pick.nip, registered?.name ?? sections.names[pick.nip], registered?.golongan),
        rank: pick.rank,
        shortlistSize: recommendation?.recommended.length ?? sections.shortlist[pick.postCode]?.length ?? 3,
        recommendedBy: recommendation?.overseer ?? null,
      };
      break;
    }
    case MOVE_CASE_TYPE: {
      const m = sections.move;
      const kind: DecreeKind = m?.kind === 'talent_promotion' ? 'talent_promotion' : 'move';
      row = appointingRow(c, rows, kind);
      if (!m) throw notReady(c.caseId, kind);
      // The register's facts as of the decision's evaluation, else those proposed.
      const reg = obj(obj(obj(obj(obj(row.payload).evaluation).facts).register).facts);
      const place = (p: Record<string, unknown>) => ({
        code: str(p.positionCode) ?? '-',
        title: str(p.title),
        unit: str(p.organisationalUnit),
        agencyCode: str(p.agencyCode) ?? c.agencyCode,
      });
      subject = {
        kind,
        moveKind: m.kind,
        person: person(str(m.person.nip) ?? '-', reg.name ?? m.person.name, reg.golongan ?? m.person.golongan),
        from: place(m.from),
        to: place(m.to),
        decidedBy:
          row.decision === 'record_governor_decision'
            ? 'Gubernur'
            : row.decision === 'record_minister_decision'
              ? 'Menteri Dalam Negeri'
              : 'Pejabat Pembina Kepegawaian',
      };
      break;
    }
    case BULK_MOVE_CASE_TYPE: {
      row = appointingRow(c, rows, 'bulk_move');
      // The annex is what the workflow's collective decree will list: every member not excluded, in order.
      const annex = (sections.bulk?.members ?? [])
        .filter((m) => m.excluded === null)
        .map(({ nip, name, from, to }) => ({ nip, name, from, to }));
      subject = { kind: 'bulk_move', annex };
      break;
    }
    case DISCIPLINE_CASE_TYPE: {
      row = appointingRow(c, rows, 'discipline');
      const s = disciplineSection(rows);
      const decided = obj(obj(row.payload).sanction);
      subject = {
        kind: 'discipline',
        person: { ...person(s?.subject.nip ?? '-', s?.subject.name, s?.subject.golongan), post: s?.subject.post ?? null },
        allegation: s?.allegation ?? '-',
        examinedOn: s?.examination?.examinedOn ?? null,
        level: s?.decided?.level ?? str(decided.level) ?? '-',
        sanction: s?.decided?.sanction ?? str(decided.sanction) ?? '-',
      };
      break;
    }
    default:
      throw new DomainError('DECREE_NOT_APPLICABLE', { caseType: c.caseType });
  }

  const ppkName = row.actor.role === 'ppk' ? row.actor.name : null;
  return {
    kind: subject.kind,
    subjectKey,
    appointingRow: row,
    facts: {
      caseId: c.caseId,
      agencyCode: c.agencyCode,
      appointing: { decision: row.decision, decidedAt: row.decidedAt },
      subject,
      decreeDate: req.decreeDate,
      effectiveDate: req.effectiveDate,
      place: req.place,
      signatory: {
        office: req.signatory?.office ?? `Pejabat Pembina Kepegawaian ${c.agencyCode}`,
        name: req.signatory?.name ?? ppkName ?? null,
        nip: req.signatory?.nip ?? null,
      },
    },
  };
}
