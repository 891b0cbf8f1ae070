import { uploadEvidence, type EvidenceRef, type Session } from './api';
import type { DecisionRow } from './ui';

export interface Allowed {
  decision: string;
  roles: string[];
  requires: string[];
}
export interface Pending {
  role: string;
  actorId?: string;
  decision: string;
  subject?: string;
  dueAt?: string;
  workflowId: string;
}
export interface CaseBase {
  workflowId: string;
  runId: string;
  sop: { id: string; version: string };
  step: string;
  stepLabel: { id: string; en: string };
  status: string;
  terminal: boolean;
  allowedDecisions: Allowed[];
  deadline: { step: string; dueAt: string } | null;
  decisions: DecisionRow[];
}
export interface Member {
  id: string;
  name: string;
  affiliation: 'internal' | 'external';
  isChair: boolean;
}
export interface Candidate {
  nip: string;
  name: string;
  postCode: string;
  status: string;
  eligibility: { eligible: boolean; reasons: EligibilityReason[]; messages?: EligibilityReason[] };
  screening: { passed: boolean; reason: string; administrativeScore: number | null } | null;
  assessment: { jpmPercent: number; category: string } | null;
  review: { paper: number | null; interview: number | null; quorumMet: boolean; votes: number; quorum: number } | null;
}
export interface Ranked {
  nip: string;
  postCode: string;
  total: number;
  rank: number;
  components: { administrative: number; assessment: number; paper: number; interview: number };
}
export interface Post {
  vacancyId: string;
  positionCode: string;
  title: string;
  requiredCompetencies: { type: string; name: string; level: number }[];
}
export interface Selection extends CaseBase {
  agencyCode: string;
  title: string;
  posts: Post[];
  committee: Member[];
  candidates: Candidate[];
  ranking: Record<string, Ranked[]> | null;
  shortlist: Record<string, Ranked[]> | null;
  recommendations: Record<string, { recommended: string[]; by: string }>;
  picks: Record<string, { nip: string; rank: number; justification: string | null }>;
  appointments: Record<string, unknown>;
  /** Senior posts' chains: what each outside body decided per post. */
  chain?: { name: string; posts: Record<string, { governorProposal?: { nominees: string[] } }> };
  pendingTasks: Pending[];
  /** SOP 1.1.0 on: the candidates' objections and the chair's answers. */
  objections?: { nip: string; reason: string; answer: { upheld: boolean; reason: string } | null }[];
}
export interface Vacancy extends CaseBase {
  proposal: {
    agencyCode: string;
    positionCode: string;
    title: string;
    organisationalUnit: string;
    positionClass: string;
    gradeMin: string;
    gradeMax: string;
    requestedFillingMethod: string;
    reason?: string;
  };
  approvedFillingMethod: string | null;
}

export type Common = { caseId: string; session: Session; sop: { id: string; version: string }; onDone: () => void };
export type Decide = (body: Record<string, unknown>) => Promise<unknown>;

/** A failed eligibility check as the API sends it (the check with its message); older rows may carry text only. */
export type EligibilityReason = { rule?: string; message?: { id: string; en: string }; id?: string; en?: string } | string;

/** Uploads the chosen document and answers its reference, or refuses plainly when none was chosen. */
export async function evidenceOf(
  file: File | null,
  kind: string,
  agency: string,
  t: (a: string, b: string) => string,
): Promise<EvidenceRef[]> {
  if (!file) throw new Error(t('Pilih berkas bukti terlebih dahulu.', 'Choose the evidence file first.'));
  const ref = await uploadEvidence(file, kind, agency);
  return [ref];
}
