import {
  APPOINTING_DECISIONS,
  decreeInstrumentOf,
  DomainError,
  getSop,
  type DecreeFacts,
  type DecreeKind,
  type DecreeSubject,
  type SopRef,
} from '@meritflow/domain';
import { caseTypeEntry } from '@meritflow/contracts';
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
  /** The SOP version the case pinned: its chain says whether it ends in an SK or a Keppres. */
  sop: SopRef;
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

/** A decree's subject, the row it executes and the key that keeps a case's several decrees apart. */
interface SubjectRead {
  subject: DecreeSubject;
  row: DossierDecision;
  subjectKey: string;
}
type SubjectReader = (c: CaseFacts, rows: readonly DossierDecision[], req: DecreeRequest) => SubjectRead;

const person = (nip: string, name: unknown, golongan: unknown) => ({ nip, name: str(name) ?? nip, golongan: str(golongan) });

const selectionSubject: SubjectReader = (c, rows, req) => {
  const sections = dossierSections(rows);
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
  const opening = rows.find((d) => d.workflowId === c.caseId && d.decision === 'open_selection');
  const post = obj(arr(obj(opening?.payload).posts).find((p) => obj(p).positionCode === pick.postCode));
  const registered = rows
    .filter((d) => d.decision === 'register_candidates')
    .flatMap((d) => arr(obj(d.payload).candidates).map((x) => obj(obj(obj(x).register).facts)))
    .find((f) => f.nip === pick.nip);
  const recommendation = sections.recommendations.filter((r) => r.postCode === pick.postCode).at(-1);
  return {
    row: pick.by,
    subjectKey: pick.postCode,
    subject: {
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
    },
  };
};

const DECIDED_BY: Readonly<Record<string, string>> = {
  record_governor_decision: 'Gubernur',
  record_minister_decision: 'Menteri Dalam Negeri',
};

/** A move, or a promotion from the talent pool (its own template), by the move's kind. */
const moveSubject: SubjectReader = (c, rows) => {
  const m = dossierSections(rows).move;
  const kind: DecreeKind = m?.kind === 'talent_promotion' ? 'talent_promotion' : 'move';
  const row = appointingRow(c, rows, kind);
  if (!m) throw notReady(c.caseId, kind);
  // The register's facts as of the decision's evaluation, else those proposed.
  const reg = obj(obj(obj(obj(obj(row.payload).evaluation).facts).register).facts);
  const place = (p: Record<string, unknown>) => ({
    code: str(p.positionCode) ?? '-',
    title: str(p.title),
    unit: str(p.organisationalUnit),
    agencyCode: str(p.agencyCode) ?? c.agencyCode,
  });
  return {
    row,
    subjectKey: '',
    subject: {
      kind,
      moveKind: m.kind,
      person: person(str(m.person.nip) ?? '-', reg.name ?? m.person.name, reg.golongan ?? m.person.golongan),
      from: place(m.from),
      to: place(m.to),
      decidedBy: DECIDED_BY[row.decision] ?? 'Pejabat Pembina Kepegawaian',
    },
  };
};

const bulkMoveSubject: SubjectReader = (c, rows) => {
  const row = appointingRow(c, rows, 'bulk_move');
  // The annex is what the workflow's collective decree will list: every member not excluded, in order.
  const annex = (dossierSections(rows).bulk?.members ?? [])
    .filter((m) => m.excluded === null)
    .map(({ nip, name, from, to }) => ({ nip, name, from, to }));
  return { row, subjectKey: '', subject: { kind: 'bulk_move', annex } };
};

const disciplineSubject: SubjectReader = (c, rows) => {
  const row = appointingRow(c, rows, 'discipline');
  const s = disciplineSection(rows);
  const decided = obj(obj(row.payload).sanction);
  return {
    row,
    subjectKey: '',
    subject: {
      kind: 'discipline',
      person: { ...person(s?.subject.nip ?? '-', s?.subject.name, s?.subject.golongan), post: s?.subject.post ?? null },
      allegation: s?.allegation ?? '-',
      examinedOn: s?.examination?.examinedOn ?? null,
      level: s?.decided?.level ?? str(decided.level) ?? '-',
      sanction: s?.decided?.sanction ?? str(decided.sanction) ?? '-',
    },
  };
};

/**
 * How each decree kind reads its subject from the ledger. A Record over every kind, so a new kind does
 * not compile without its reader; which kind a case type issues is the case-type registry's `decree`.
 */
const SUBJECT_READERS: Readonly<Record<DecreeKind, SubjectReader>> = {
  selection_appointment: selectionSubject,
  move: moveSubject,
  talent_promotion: moveSubject,
  bulk_move: bulkMoveSubject,
  discipline: disciplineSubject,
};

/**
 * Reads the facts a decree states from the case's ledger rows: who, which post, which decision and
 * when. Refuses a case type that no decree settles and a chain that ends in a Keppres (409
 * DECREE_NOT_APPLICABLE), and a case whose appointing decision is not yet taken (409 DECREE_NOT_READY
 * naming the decision the decree must follow).
 */
export function decreeBasis(c: CaseFacts, rows: readonly DossierDecision[], req: DecreeRequest): DecreeBasis {
  const family = caseTypeEntry(c.caseType)?.decree;
  if (!family) throw new DomainError('DECREE_NOT_APPLICABLE', { caseType: c.caseType });
  // JPT madya/utama and provincial Sekda are appointed by Keppres, outside the agency (domain.md §2.1 step 12).
  if (decreeInstrumentOf(getSop(c.sop)) === 'keppres')
    throw new DomainError('DECREE_NOT_APPLICABLE', { caseType: c.caseType, detail: 'Keppres' });
  const { subject, row, subjectKey } = SUBJECT_READERS[family](c, rows, req);

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
