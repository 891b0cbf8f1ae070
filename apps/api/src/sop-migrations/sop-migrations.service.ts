import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  checkFourEyes,
  checkSopMigration,
  DomainError,
  errorMessage,
  getSop,
  listSops,
  MIGRATION_DECISIONS,
  reachesAgency,
  selectSop,
  type Actor,
  type EvidenceRef,
  type MigrationOutcome,
  type SopDefinition,
} from '@meritflow/domain';
import { LedgerRepository } from '@meritflow/persistence';
import {
  CASE_TYPE_LIST,
  caseTypeEntry,
  rootCaseOf,
  sopMigrationQuery,
  sopMigrationUpdate,
  type CaseStateBase,
  type MigrationAction,
  type SopMigrationAck,
} from '@meritflow/contracts';
import type { ApiConfig } from '@meritflow/config';
import { API_CONFIG } from '../config.provider';
import { ScopeDenied } from '../auth/case-scope';
import { WorkflowGateway } from '../temporal/workflow-gateway';

export interface MigrationRequest {
  caseIds: string[];
  outcome: MigrationOutcome;
  toVersion: string;
  reason: string;
  evidence: EvidenceRef[];
}

const BATCH_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const invalid = (field: string, rule: string, id: string, en: string) =>
  new DomainError('VALIDATION_FAILED', { fields: [{ field, rule, message: { id, en } }] });

/**
 * Governed SOP migration (issue 16 item 4): the impact list of a new SOP version, and the four-eyes
 * procedure that keeps or migrates running cases. The workflow of each case validates and performs
 * every step itself; this service only checks a batch as a whole first, so a bad batch changes nothing.
 */
@Injectable()
export class SopMigrationsService {
  constructor(
    private readonly workflows: WorkflowGateway,
    private readonly ledger: LedgerRepository,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  private get allowTestOnly(): boolean {
    return this.config.MERITFLOW_ALLOW_TEST_SOPS;
  }

  /** Running cases on versions of `sopId` other than the target, each with its step and whether the mapping lets it move. */
  async impact(q: { sopId: string; toVersion?: string; agencyCode?: string; limit?: number; offset?: number }) {
    const to = this.target(q.sopId, q.toVersion);
    const older = listSops().filter((s) => s.id === q.sopId && s.version !== to.version && (this.allowTestOnly || !s.testOnly));
    const at = older.flatMap((s) => s.steps.filter((step) => !step.terminal).map((step) => ({ version: s.version, step: step.id })));
    const caseTypes = CASE_TYPE_LIST.filter((e) => e.acceptsSopMigration && e.sopIds.includes(q.sopId)).map((e) => e.type);
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const { items, total } = await this.ledger.runningCasesAt({ caseTypes, sopId: q.sopId, at, agencyCode: q.agencyCode, limit, offset });
    return {
      sop: { id: q.sopId, version: to.version },
      items: items.map((c) => {
        const from = getSop({ id: c.sopId, version: c.sopVersion });
        const verdict = checkSopMigration(from, c.step, to.version, this.allowTestOnly);
        return {
          caseId: c.workflowId,
          runId: c.runId,
          caseType: c.caseType,
          agencyCode: c.agencyCode,
          title: c.title,
          sop: { id: c.sopId, version: c.sopVersion },
          step: c.step,
          stepLabel: from.steps.find((s) => s.id === c.step)?.label ?? null,
          status: c.status,
          migratable: verdict.ok,
          toStep: verdict.ok ? verdict.toStep : null,
          refusal: verdict.ok ? null : { code: verdict.code, message: errorMessage(verdict.code, verdict.params) },
        };
      }),
      total,
      limit,
      offset,
    };
  }

  /** Batches waiting for their second administrator (the ledger's request rows not yet approved or rejected), oldest first. */
  async pending(q: { agencyCode?: string; sopId?: string; limit?: number; offset?: number }) {
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const { items, total } = await this.ledger.pendingMigrationBatches({ agencyCode: q.agencyCode, sopId: q.sopId, limit, offset });
    return { items, total, limit, offset };
  }

  /** The first person asks to keep or migrate one case or a batch; every case records its request. */
  async request(actor: Actor, cmd: MigrationRequest) {
    const caseIds = [...new Set(cmd.caseIds)];
    // Every case is checked before any is asked, so a batch with one bad case changes nothing.
    for (const id of caseIds) {
      const state = await this.runningCase(actor, id);
      if (cmd.outcome === 'migrate') {
        const verdict = checkSopMigration(state.sop, state.step, cmd.toVersion, this.allowTestOnly);
        if (!verdict.ok) throw new DomainError(verdict.code, { ...verdict.params, caseId: id });
        // The workflow's own reason to refuse a move now (an open selection's child workflows run).
        const { blocked } = await this.workflows.query(id, sopMigrationQuery);
        if (blocked) throw new DomainError(blocked.code, blocked.params);
      }
      await this.workflows.assertEvidence(id, actor, cmd.evidence);
    }
    const batchId = randomUUID();
    const cases: SopMigrationAck[] = [];
    for (const id of caseIds) {
      cases.push(
        await this.send(id, actor, 'request', {
          outcome: cmd.outcome,
          toVersion: cmd.toVersion,
          reason: cmd.reason,
          evidence: cmd.evidence,
          batchId,
        }),
      );
    }
    return { batchId, outcome: cmd.outcome, toVersion: cmd.toVersion, cases };
  }

  /** The second person approves or rejects every request of a batch. */
  async decide(
    actor: Actor,
    batchId: string,
    action: Exclude<MigrationAction, 'request'>,
    cmd: { reason: string; evidence?: EvidenceRef[] },
  ) {
    if (!BATCH_ID.test(batchId)) throw invalid('batchId', 'isUuid', 'harus berupa UUID', 'must be a UUID');
    const caseIds = await this.ledger.casesOfMigrationBatch(batchId);
    // A batch with a case of another agency is not this administrator's to decide; it looks missing.
    if (caseIds.length === 0) throw new DomainError('CASE_NOT_FOUND', { caseId: batchId });
    if (caseIds.some((id) => !reachesAgency(actor, rootCaseOf(id)?.agencyCode ?? ''))) throw new ScopeDenied(batchId);
    for (const id of caseIds) {
      const ack = await this.workflows.query(id, sopMigrationQuery);
      if (ack.pending?.batchId !== batchId) throw new DomainError('SOP_MIGRATION_NOT_REQUESTED', { caseId: id });
      const fourEyes = checkFourEyes(ack.pending, actor);
      if (!fourEyes.ok) throw new DomainError(fourEyes.code, fourEyes.params);
      await this.workflows.assertEvidence(id, actor, cmd.evidence ?? []);
    }
    const cases: SopMigrationAck[] = [];
    for (const id of caseIds) cases.push(await this.send(id, actor, action, { reason: cmd.reason, evidence: cmd.evidence ?? [] }));
    return { batchId, action, cases };
  }

  private send(id: string, actor: Actor, action: MigrationAction, fields: Record<string, unknown>): Promise<SopMigrationAck> {
    const decision =
      action === 'request'
        ? MIGRATION_DECISIONS.requested
        : action === 'approve'
          ? MIGRATION_DECISIONS.approved
          : MIGRATION_DECISIONS.rejected;
    return this.workflows.decide(
      id,
      sopMigrationUpdate,
      { action, decision, actor, allowTestOnly: this.allowTestOnly, ...fields },
      actor,
      undefined,
      async () => (await this.workflows.query(id, sopMigrationQuery)).step,
    );
  }

  /** A running root case of a type that accepts migration, in the actor's agency (another agency's looks missing). */
  private async runningCase(actor: Actor, id: string): Promise<CaseStateBase> {
    const ref = rootCaseOf(id);
    const entry = ref && ref.rootId === id ? caseTypeEntry(ref.caseType) : undefined;
    if (!ref || !entry?.acceptsSopMigration) {
      throw invalid(
        'caseIds',
        'migratableCase',
        `${id} bukan id kasus yang dapat dimigrasikan (lowongan, mutasi atau seleksi terbuka)`,
        `${id} is not the id of a case that can migrate (a vacancy, a move or an open selection)`,
      );
    }
    if (!reachesAgency(actor, ref.agencyCode)) throw new ScopeDenied(id);
    const state = await this.workflows.query(id, entry.stateQuery);
    if (state.terminal) throw new DomainError('CASE_NOT_RUNNING', { caseId: id, step: state.step });
    return state;
  }

  private target(sopId: string, version: string | undefined): Readonly<SopDefinition> {
    return selectSop(sopId, { version, asOf: new Date(), allowTestOnly: this.allowTestOnly });
  }
}
