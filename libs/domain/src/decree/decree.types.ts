import type { LocalizedText } from '../i18n/messages';

/** The appointing decisions that end in a decree (SK) signed by the PPK, one template family each. */
export const DECREE_KINDS = ['selection_appointment', 'move', 'talent_promotion', 'bulk_move', 'discipline'] as const;
export type DecreeKind = (typeof DECREE_KINDS)[number];

export const DECREE_KIND_LABELS: Readonly<Record<DecreeKind, LocalizedText>> = Object.freeze({
  selection_appointment: { id: 'SK pengangkatan dalam JPT hasil seleksi terbuka', en: 'Appointment decree after an open selection' },
  move: { id: 'SK mutasi/rotasi', en: 'Transfer/rotation decree' },
  talent_promotion: { id: 'SK pengangkatan dari kelompok rencana suksesi', en: 'Appointment decree from the talent pool' },
  bulk_move: { id: 'SK mutasi/rotasi kolektif', en: 'Collective transfer/rotation decree' },
  discipline: { id: 'SK penjatuhan hukuman disiplin', en: 'Disciplinary sanction decree' },
});

/** A post as a decree names it. */
export interface DecreePost {
  code: string;
  title: string | null;
  unit: string | null;
  agencyCode: string;
}

export interface DecreePerson {
  nip: string;
  name: string;
  golongan: string | null;
}

/** One line of a collective decree's annex (LAMPIRAN). */
export interface DecreeAnnexLine {
  nip: string;
  name: string;
  from: string;
  to: string;
}

/** What a decree of each kind needs from the case's ledger, read by the API from the recorded rows. */
export type DecreeSubject =
  | {
      kind: 'selection_appointment';
      selectionTitle: string;
      post: DecreePost & { positionClass: string | null };
      person: DecreePerson;
      rank: number | null;
      shortlistSize: number;
      recommendedBy: string | null;
    }
  | { kind: 'move' | 'talent_promotion'; moveKind: string; person: DecreePerson; from: DecreePost; to: DecreePost; decidedBy: string }
  | { kind: 'bulk_move'; annex: DecreeAnnexLine[] }
  | {
      kind: 'discipline';
      person: DecreePerson & { post: string | null };
      allegation: string;
      examinedOn: string | null;
      level: string;
      sanction: string;
    };

/** The appointing decision the decree executes: which one, and when it was taken (ISO instant). */
export interface AppointingDecision {
  decision: string;
  decidedAt: string;
}

/** Everything a decree is built from: the case's recorded facts plus what the drafting officer supplies. */
export interface DecreeFacts {
  caseId: string;
  agencyCode: string;
  appointing: AppointingDecision;
  subject: DecreeSubject;
  decreeNumber: string;
  /** The decree's date (tanggal ditetapkan), YYYY-MM-DD. */
  decreeDate: string;
  /** TMT: the day the decision takes effect, YYYY-MM-DD; it picks the template version in force. */
  effectiveDate: string;
  /** Where the decree is signed (ditetapkan di). */
  place: string;
  signatory: { office: string; name: string | null; nip: string | null };
}

export interface DecreeClause {
  /** KESATU, KEDUA, ... */
  ordinal: string;
  text: string;
}

/** A decree as it is printed: the template it came from and every line of it, in Bahasa Indonesia. */
export interface DecreeContent {
  template: { id: string; version: string; effectiveFrom: string };
  kind: DecreeKind;
  caseId: string;
  agencyCode: string;
  heading: string;
  number: string;
  about: string;
  considerations: string[];
  legalBases: string[];
  decides: string;
  clauses: DecreeClause[];
  place: string;
  date: string;
  dateText: string;
  effectiveDate: string;
  signatory: { office: string; name: string | null; nip: string | null };
  annex: { title: string; number: string; columns: string[]; rows: string[][] } | null;
}
