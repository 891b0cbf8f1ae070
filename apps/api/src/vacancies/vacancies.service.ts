import { Inject, Injectable } from '@nestjs/common';
import {
  allowedDecisions,
  DomainError,
  evaluateStart,
  selectSop,
  stepOf,
  validateVacancyProposal,
  type Actor,
  type EvidenceRef,
  type FillingMethod,
  type VacancyProposal,
} from '@meritflow/domain';
import { LedgerRepository } from '@meritflow/persistence';
import {
  VACANCY_CASE_TYPE,
  VACANCY_WORKFLOW_TYPE,
  vacancyDecideUpdate,
  vacancyStateQuery,
  vacancyWorkflowId,
  type VacancyWorkflowInput,
} from '@meritflow/contracts';
import { API_CONFIG } from '../config.provider';
import type { ApiConfig } from '@meritflow/config';
import type { IdempotentRequest } from '../common/idempotency-key';
import { WorkflowGateway } from '../temporal/workflow-gateway';

export interface ProposeCommand {
  proposal: VacancyProposal;
  reason: string | null;
  evidence: EvidenceRef[];
  sopVersion?: string;
}

export interface DecideCommand {
  decision: string;
  reason?: string;
  fillingMethod?: FillingMethod;
  evidence?: EvidenceRef[];
  /** Client-supplied Idempotency-Key; a repeated request with it gets the first answer. */
  idempotencyKey?: IdempotentRequest;
}

/** Vacancy use cases: start, decide on, read and list vacancy workflows. */
@Injectable()
export class VacanciesService {
  constructor(
    private readonly workflows: WorkflowGateway,
    private readonly ledger: LedgerRepository,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async propose(actor: Actor, cmd: ProposeCommand) {
    const issues = validateVacancyProposal(cmd.proposal);
    if (issues.length > 0) throw new DomainError('VALIDATION_FAILED', { fields: issues });
    const sop = selectSop(VACANCY_CASE_TYPE, {
      version: cmd.sopVersion,
      asOf: new Date(),
      allowTestOnly: this.config.MERITFLOW_ALLOW_TEST_SOPS,
    });
    const start = evaluateStart(sop, actor);
    if (!start.ok) throw new DomainError(start.code, start.params);

    const input: VacancyWorkflowInput = {
      sop: { id: sop.id, version: sop.version },
      proposal: cmd.proposal,
      proposedBy: actor,
      reason: cmd.reason,
      evidence: cmd.evidence,
    };
    const started = await this.workflows.start(
      VACANCY_WORKFLOW_TYPE,
      vacancyWorkflowId(cmd.proposal.agencyCode, cmd.proposal.positionCode),
      [input],
    );
    const step = stepOf(sop, sop.initialStep);
    return { ...started, sop: input.sop, step: step.id, status: step.status, allowedDecisions: allowedDecisions(sop, step.id) };
  }

  decide(workflowId: string, actor: Actor, cmd: DecideCommand) {
    const { idempotencyKey, ...decision } = cmd;
    return this.workflows.decide(
      workflowId,
      vacancyDecideUpdate,
      { ...decision, actor },
      actor,
      idempotencyKey,
      async () => (await this.workflows.query(workflowId, vacancyStateQuery)).step,
    );
  }

  async get(workflowId: string) {
    const state = await this.workflows.query(workflowId, vacancyStateQuery);
    // Across the runs an SOP migration continued the case with.
    return { ...state, decisions: await this.ledger.decisionsOfCase(workflowId, state.runId) };
  }

  list(filter: { agencyCode?: string; status?: string; limit?: number; offset?: number }) {
    return this.ledger.listCases({
      caseType: VACANCY_CASE_TYPE,
      agencyCode: filter.agencyCode,
      status: filter.status,
      limit: filter.limit ?? 50,
      offset: filter.offset ?? 0,
    });
  }
}
