import { Inject, Injectable, Logger } from '@nestjs/common';
import type { PayloadCodec } from '@temporalio/common';
import {
  checkConformance,
  DomainError,
  evidenceIdOf,
  getSop,
  isEvidenceUri,
  type ConformanceReport,
  type EvidenceRef,
  type LedgerDecision,
} from '@meritflow/domain';
import { completedResultOf, decodeArchivedProto } from '@meritflow/audit';
import {
  DossierRepository,
  HistoryArchiveRepository,
  EvidenceRepository,
  LedgerRepository,
  NO_CHAIN_LINK,
  type CaseEntity,
  type DecisionEntity,
  type LedgerChainLink,
} from '@meritflow/persistence';
import { caseTypeEntry } from '@meritflow/contracts';
import { presentDecision } from '../common/ledger.presenter';
import { PAYLOAD_CODEC } from '../temporal/temporal.tokens';
import { WorkflowGateway } from '../temporal/workflow-gateway';
import { DOSSIER_FORMAT, DOSSIER_VERSION, type CaseDossier, type DossierDecision, type DossierEvidence } from './dossier.types';

const asRefs = (v: unknown): EvidenceRef[] => (Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as EvidenceRef[]) : []);

export const toLedgerDecision = (d: DecisionEntity): LedgerDecision => ({
  workflowId: d.workflowId,
  runId: d.runId,
  rootWorkflowId: d.rootWorkflowId,
  sequence: d.sequence,
  decision: d.decision,
  stepBefore: d.stepBefore,
  stepAfter: d.stepAfter,
  actorRole: d.actorRole,
  actorId: d.actorId,
  sop: { id: d.sopId, version: d.sopVersion },
  decidedAt: d.decidedAt.toISOString(),
  evidenceCount: asRefs(d.evidence).length,
  payload: d.payload,
});

const present = (d: DecisionEntity, link: LedgerChainLink): DossierDecision => ({
  ...presentDecision(d),
  evidence: asRefs(d.evidence),
  chainSeq: link.chainSeq,
  rowHash: link.rowHash,
  prevHash: link.prevHash,
});

/** Everything an auditor needs about one case, from the ledger first and the workflow second. */
@Injectable()
export class DossierService {
  private readonly logger = new Logger('dossier');

  constructor(
    private readonly ledger: LedgerRepository,
    private readonly evidence: EvidenceRepository,
    private readonly dossiers: DossierRepository,
    private readonly workflows: WorkflowGateway,
    private readonly archive: HistoryArchiveRepository,
    @Inject(PAYLOAD_CODEC) private readonly codec: PayloadCodec,
  ) {}

  async conformance(caseId: string, now = new Date()): Promise<ConformanceReport> {
    const kase = await this.caseOf(caseId);
    const rows = await this.ledger.decisionsOfCase(caseId, kase.runId);
    return checkConformance(getSop({ id: kase.sopId, version: kase.sopVersion }), rows.map(toLedgerDecision), now);
  }

  /** `withState: false` skips the Temporal query, for exports that carry only the ledger. */
  async build(caseId: string, { withState = true, now = new Date() } = {}): Promise<CaseDossier> {
    const kase = await this.caseOf(caseId);
    const sop = getSop({ id: kase.sopId, version: kase.sopVersion });
    const [rows, state, hashChain, archived] = await Promise.all([
      this.ledger.decisionsOfCase(caseId, kase.runId),
      withState ? this.stateOf(kase) : Promise.resolve({ value: null, error: { code: 'NOT_REQUESTED' }, source: null }),
      this.dossiers.hasChainColumns(),
      this.archive.indexOfCase(caseId),
    ]);
    const links = await this.dossiers.chainOf(rows.map((r) => r.id));
    const decisions = rows.map((r) => present(r, links.get(r.id) ?? NO_CHAIN_LINK));
    return {
      format: DOSSIER_FORMAT,
      version: DOSSIER_VERSION,
      generatedAt: now.toISOString(),
      case: {
        caseId: kase.workflowId,
        runId: kase.runId,
        caseType: kase.caseType,
        agencyCode: kase.agencyCode,
        businessKey: kase.businessKey,
        title: kase.title,
        status: kase.status,
        step: kase.step,
        details: kase.details,
        createdAt: kase.createdAt.toISOString(),
        updatedAt: kase.updatedAt.toISOString(),
      },
      sop: { id: sop.id, version: sop.version, title: sop.title, legalBasis: sop.legalBasis, effectiveFrom: sop.effectiveFrom },
      state: state.value,
      stateUnavailable: state.error,
      stateSource: state.source,
      archivedHistories: archived.map((a) => ({
        workflowId: a.workflowId,
        runId: a.runId,
        workflowType: a.workflowType,
        kind: a.kind,
        status: a.status,
        eventCount: a.eventCount,
        sha256: a.sha256,
        archivedAt: a.archivedAt.toISOString(),
      })),
      hashChain,
      decisions,
      evidence: await this.evidenceOf(decisions),
      conformance: checkConformance(sop, rows.map(toLedgerDecision), now),
    };
  }

  private async caseOf(caseId: string): Promise<CaseEntity> {
    const kase = await this.dossiers.latestCase(caseId);
    if (!kase) throw new DomainError('CASE_NOT_FOUND', { caseId });
    return kase;
  }

  /**
   * The workflow's current view. The ledger is the record; when Temporal cannot answer (down, or the
   * closed workflow is past retention) the final state comes from the run's archived history, and
   * failing that the dossier is still produced and says why the view is missing.
   */
  private async stateOf(
    kase: CaseEntity,
  ): Promise<{ value: CaseDossier['state']; error: CaseDossier['stateUnavailable']; source: CaseDossier['stateSource'] }> {
    try {
      const entry = caseTypeEntry(kase.caseType);
      if (!entry) throw new DomainError('CASE_NOT_FOUND', { caseId: kase.workflowId });
      const value = (await this.workflows.query(kase.workflowId, entry.stateQuery)) as CaseDossier['state'];
      return { value, error: null, source: 'temporal' };
    } catch (err) {
      const code = err instanceof DomainError ? err.code : 'INTERNAL';
      const archived = code === 'CASE_NOT_FOUND' ? await this.archive.closedHistoryOf(kase.runId) : null;
      const value = archived
        ? ((await completedResultOf(decodeArchivedProto(archived.historyPb), this.codec)) as CaseDossier['state'])
        : null;
      if (value) return { value, error: null, source: 'archive' };
      this.logger.warn(`no workflow state for ${kase.workflowId}: ${code}`);
      return { value: null, error: { code }, source: null };
    }
  }

  private async evidenceOf(decisions: DossierDecision[]): Promise<DossierEvidence[]> {
    const cited = new Map<string, { refs: EvidenceRef[]; by: string[] }>();
    for (const d of decisions) {
      for (const ref of d.evidence) {
        // Documents held elsewhere (another URI) stay cited in their decision; only the store's own are described.
        if (!isEvidenceUri(ref.uri)) continue;
        const entry = cited.get(ref.uri) ?? { refs: [], by: [] };
        entry.refs.push(ref);
        entry.by.push(`${d.workflowId}#${d.sequence}`);
        cited.set(ref.uri, entry);
      }
    }
    const ids = [...cited.keys()].map(evidenceIdOf).filter((id): id is string => id !== null);
    const stored = new Map((await this.evidence.findMany(ids)).map((e) => [e.id, e]));
    return [...cited.entries()].map(([uri, { refs, by }]) => {
      const id = evidenceIdOf(uri);
      const e = id ? stored.get(id) : undefined;
      return {
        uri,
        found: e !== undefined,
        id: e?.id ?? id,
        kind: e?.kind ?? refs[0].kind ?? null,
        sha256: e?.sha256 ?? null,
        citedHashesMatch: e !== undefined && refs.every((r) => r.sha256?.toLowerCase() === e.sha256),
        sizeBytes: e?.sizeBytes ?? null,
        mediaType: e?.mediaType ?? null,
        fileName: e?.fileName ?? null,
        agencyCode: e?.agencyCode ?? null,
        uploadedAt: e?.uploadedAt.toISOString() ?? null,
        uploadedBy: e ? { id: e.uploadedById, role: e.uploadedByRole, name: e.uploadedByName } : null,
        citedBy: [...new Set(by)],
      };
    });
  }
}
