import type {
  CommitteeMember,
  EligibilityPolicy,
  ObjectionRecord,
  OpenSelectionSettings,
  RankedCandidate,
  RegistrationWindow,
} from '@meritflow/domain';
import type {
  AppointmentResult,
  SelectionDecisionInput,
  CandidateView,
  SelectionChainView,
  SelectionState,
  SelectionWorkflowInput,
} from '@meritflow/contracts';
import type { SopCase } from '../shared/sop-case';

/** What an open selection holds besides its SOP step; the decision handlers read and change it. */
export interface SelectionData {
  committee: CommitteeMember[];
  readonly candidates: Map<string, CandidateView>;
  extensions: number;
  ranking: Record<string, RankedCandidate[]> | null;
  shortlists: Record<string, RankedCandidate[]> | null;
  readonly recommendations: SelectionState['recommendations'];
  readonly picks: SelectionState['picks'];
  readonly appointments: Record<string, AppointmentResult | null>;
  /** What the outside bodies of a senior post's chain decided, per post. */
  readonly chain: SelectionChainView['posts'];
  /** Blind selections: set once the signed ranking revealed the names. */
  blindRevealed?: boolean;
  /** SOP 1.1.0 on: objections to the published results, and whether their window has closed. */
  readonly objections: ObjectionRecord[];
  objectionWindowClosed?: boolean;
  resultsPublished?: boolean;
  /** Candidates rescored after an upheld objection. */
  rescored?: string[];
  /** The registration period set at the announcement, when the chair gave one. */
  registrationWindow?: RegistrationWindow;
}

/** One running selection as its handlers see it: its input and pinned settings, its SOP case, its data. */
export interface SelectionContext {
  readonly input: SelectionWorkflowInput;
  readonly settings: OpenSelectionSettings;
  readonly policy: EligibilityPolicy;
  readonly selectionId: string;
  readonly postCodes: readonly string[];
  readonly kase: SopCase;
  readonly data: SelectionData;
}

export const emptySelectionData = (): SelectionData => ({
  committee: [],
  candidates: new Map(),
  extensions: 0,
  ranking: null,
  shortlists: null,
  recommendations: {},
  picks: {},
  appointments: {},
  chain: {},
  objections: [],
});

/** SelectionData as a run hands it to the next one (continue-as-new): plain JSON, candidates as a list. */
export type CarriedSelectionData = Omit<SelectionData, 'candidates'> & { candidates: CandidateView[] };

/** Everything the selection holds, for the next run; a field added to SelectionData is carried with it. */
export const carrySelectionData = (data: SelectionData): CarriedSelectionData => ({ ...data, candidates: [...data.candidates.values()] });

/** The data a run starts with: empty, or what the run before carried over. */
export function selectionDataFrom(carried: Readonly<Record<string, unknown>> | undefined): SelectionData {
  if (!carried) return emptySelectionData();
  const c = carried as unknown as CarriedSelectionData;
  return { ...emptySelectionData(), ...c, candidates: new Map(c.candidates.map((v) => [v.nip, v])) };
}

/** The reason and evidence every decision on the selection records. */
export const decisionCommon = (d: { reason?: string; evidence?: SelectionDecisionInput['evidence'] }) => ({
  reason: d.reason ?? null,
  evidence: d.evidence ?? [],
});
