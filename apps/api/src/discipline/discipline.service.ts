import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@meritflow/config';
import {
  checkPastDate,
  demotionTarget,
  disciplineSubjectOf,
  DomainError,
  evaluateStart,
  selectSop,
  stepOf,
  wibDate,
  type Actor,
  type EvidenceRef,
} from '@meritflow/domain';
import { DecreeRepository, LedgerRepository, RegisterRepository } from '@meritflow/persistence';
import { assertDecreeDraftCited } from '../decrees/decree-citation';
import {
  DISCIPLINE_WORKFLOW_TYPE,
  disciplineDecideUpdate,
  disciplineStateQuery,
  disciplineWorkflowId,
  type DisciplineDecisionInput,
} from '@meritflow/contracts';
import { API_CONFIG } from '../config.provider';
import type { IdempotentRequest } from '../common/idempotency-key';
import { WorkflowGateway } from '../temporal/workflow-gateway';

export interface OpenDiscipline {
  agencyCode: string;
  caseCode: string;
  nip: string;
  allegation: string;
  reportedOn: string;
  reason: string | null;
  evidence: EvidenceRef[];
  sopVersion?: string;
}

/** Discipline cases (PP 94/2021): open on a report about an official of the agency's register, decide, read. */
@Injectable()
export class DisciplineService {
  constructor(
    private readonly workflows: WorkflowGateway,
    private readonly ledger: LedgerRepository,
    private readonly register: RegisterRepository,
    private readonly decrees: DecreeRepository,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** The official as this agency's register knows them today; another agency's official is unknown here (404). */
  private async subject(agencyCode: string, nip: string, field: string) {
    try {
      return disciplineSubjectOf(await this.register.profile(agencyCode, nip, wibDate(new Date())));
    } catch (err) {
      if (err instanceof DomainError && err.code === 'PERSON_NOT_FOUND')
        throw new DomainError('PERSON_NOT_FOUND', {
          nip,
          fields: [
            {
              field,
              rule: 'register.unknownNip',
              message: {
                id: `NIP ${nip} tidak ada dalam register instansi ${agencyCode}`,
                en: `NIP ${nip} is not in the register of ${agencyCode}`,
              },
            },
          ],
        });
      throw err;
    }
  }

  async open(actor: Actor, req: OpenDiscipline) {
    const now = new Date();
    const dated = checkPastDate('reportedOn', req.reportedOn, wibDate(now));
    if (dated.length > 0) throw new DomainError('VALIDATION_FAILED', { fields: dated });
    const subject = await this.subject(req.agencyCode, req.nip, 'nip');
    const sop = selectSop('discipline', { version: req.sopVersion, asOf: now, allowTestOnly: this.config.MERITFLOW_ALLOW_TEST_SOPS });
    const start = evaluateStart(sop, actor);
    if (!start.ok) throw new DomainError(start.code, start.params);
    const started = await this.workflows.start(DISCIPLINE_WORKFLOW_TYPE, disciplineWorkflowId(req.agencyCode, req.caseCode), [
      {
        sop: { id: sop.id, version: sop.version },
        agencyCode: req.agencyCode,
        caseCode: req.caseCode,
        subject,
        allegation: req.allegation,
        reportedOn: req.reportedOn,
        reportedBy: actor,
        reason: req.reason,
        evidence: req.evidence,
      },
    ]);
    const step = stepOf(sop, sop.initialStep);
    return { ...started, sop: { id: sop.id, version: sop.version }, step: step.id, status: step.status };
  }

  async get(id: string) {
    const state = await this.workflows.query(id, disciplineStateQuery);
    return { ...state, decisions: await this.ledger.decisionsOfCase(id, state.runId) };
  }

  async decide(id: string, actor: Actor, input: Omit<DisciplineDecisionInput, 'actor'>, key?: IdempotentRequest) {
    // An appeal after its window is late even once the case has closed (a closed workflow takes no update).
    if (input.decision === 'file_appeal') {
      const window = (await this.workflows.query(id, disciplineStateQuery)).appealWindow;
      if (window?.closed) throw new DomainError('APPEAL_WINDOW_CLOSED', { endsOn: window.endsOn, filedOn: input.filedOn ?? '-' });
    }
    // A demotion is judged on the grade the register holds now, not only the one read at the report.
    if (input.sanction === 'penurunan_jabatan_12_bulan' && (input.decision === 'decide_sanction' || input.decision === 'appeal_changed')) {
      const state = await this.workflows.query(id, disciplineStateQuery);
      const now = await this.subject(state.agencyCode, state.subject.nip, 'nip');
      const target = demotionTarget(now.golongan);
      if (!target.ok) throw new DomainError('VALIDATION_FAILED', { fields: [target.issue] });
    }
    await assertDecreeDraftCited(this.decrees, id, '', input);
    await this.workflows.decide(
      id,
      disciplineDecideUpdate,
      { ...input, actor },
      actor,
      key,
      async () => (await this.workflows.query(id, disciplineStateQuery)).step,
    );
    return this.workflows.query(id, disciplineStateQuery);
  }
}
