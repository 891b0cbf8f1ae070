import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  buildDecree,
  DEFAULT_DECREE_NUMBER_PATTERN,
  DomainError,
  evidenceRefOf,
  formatDecreeNumber,
  templateInForce,
  type Actor,
  type DecreeContent,
  type DecreeKind,
} from '@meritflow/domain';
import type { ApiConfig } from '@meritflow/config';
import { DecreeRepository, DossierRepository, EvidenceRepository, LedgerRepository, type DecreeEntity } from '@meritflow/persistence';
import { API_CONFIG } from '../config.provider';
import { presentDecision } from '../common/ledger.presenter';
import type { DossierDecision } from '../dossier/dossier.types';
import { decreeBasis, type DecreeRequest } from './decree-facts';
import { renderDecreePdf } from './decree-pdf';

/** The evidence kind a decree is stored under, as HR would upload it by hand. */
const EVIDENCE_KIND: Record<DecreeKind, string> = {
  selection_appointment: 'sk_pengangkatan',
  move: 'sk_mutasi',
  talent_promotion: 'sk_pengangkatan',
  bulk_move: 'sk_kolektif',
  discipline: 'sk_hukuman_disiplin',
};

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const asDossierRow = (d: ReturnType<typeof presentDecision>): DossierDecision => ({
  ...d,
  evidence: Array.isArray(d.evidence) ? (d.evidence as DossierDecision['evidence']) : [],
  chainSeq: null,
  rowHash: null,
  prevHash: null,
});

export interface DecreeView {
  caseId: string;
  kind: string;
  postCode: string | null;
  template: { id: string; version: string };
  decreeNumber: string;
  decreeDate: string;
  effectiveDate: string;
  appointingDecision: string;
  /** Cite this in the decision that records the decree (record_decree / record_keppres): kind, URI and SHA-256. */
  evidence: { kind: string; uri: string; sha256: string };
  createdAt: string;
  createdBy: { id: string; role: string; name: string | null };
  content: DecreeContent;
}

/**
 * Decrees (SK): drafted by HR or the PPK from the case's appointing decision, rendered to PDF, stored
 * as evidence, then cited by the decision that records the decree. Reading one re-renders its stored
 * content and says whether the bytes (and so the SHA-256) come out the same.
 */
@Injectable()
export class DecreesService {
  constructor(
    private readonly dossiers: DossierRepository,
    private readonly ledger: LedgerRepository,
    private readonly decrees: DecreeRepository,
    private readonly evidence: EvidenceRepository,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async draft(actor: Actor, caseId: string, req: DecreeRequest): Promise<DecreeView> {
    const kase = await this.dossiers.latestCase(caseId);
    if (!kase) throw new DomainError('CASE_NOT_FOUND', { caseId });
    const rows = (await this.ledger.decisionsOfCase(caseId, kase.runId)).map((r) => asDossierRow(presentDecision(r)));
    const basis = decreeBasis(
      {
        caseId,
        caseType: kase.caseType,
        agencyCode: kase.agencyCode,
        title: kase.title,
        sop: { id: kase.sopId, version: kase.sopVersion },
      },
      rows,
      req,
    );
    const template = templateInForce(basis.kind, req.effectiveDate);
    // Every refusal the content can give (a decree dated before its decision) comes before a number is taken.
    buildDecree({ ...basis.facts, decreeNumber: req.decreeNumber ?? '-' });
    const earlier = await this.decrees.latest(caseId, basis.subjectKey);
    if (req.decreeNumber && (await this.decrees.numberTakenElsewhere(kase.agencyCode, req.decreeNumber, caseId, basis.subjectKey))) {
      throw new DomainError('VALIDATION_FAILED', {
        fields: [
          {
            field: 'decreeNumber',
            rule: 'decree.numberTaken',
            message: {
              id: 'nomor SK ini sudah dipakai kasus lain instansi ini',
              en: 'another case of this agency already carries this decree number',
            },
          },
        ],
      });
    }
    const pattern = this.config.DECREE_NUMBER_PATTERNS[kase.agencyCode] ?? DEFAULT_DECREE_NUMBER_PATTERN;
    const row = await this.decrees.store(
      {
        caseId,
        caseType: kase.caseType,
        agencyCode: kase.agencyCode,
        subjectKey: basis.subjectKey,
        kind: basis.kind,
        templateId: template.id,
        templateVersion: template.version,
        decreeDate: req.decreeDate,
        effectiveDate: req.effectiveDate,
        appointingDecision: `${basis.appointingRow.workflowId}#${basis.appointingRow.sequence}`,
        createdBy: actor,
      },
      async ({ seq }) => {
        const decreeNumber =
          req.decreeNumber ??
          earlier?.decreeNumber ??
          formatDecreeNumber(pattern, { code: template.classificationCode, seq, agencyCode: kase.agencyCode, date: req.decreeDate });
        const content = buildDecree({ ...basis.facts, decreeNumber });
        return {
          decreeNumber,
          content: content as unknown as Record<string, unknown>,
          pdf: await renderDecreePdf(content),
          evidence: {
            kind: EVIDENCE_KIND[basis.kind],
            mediaType: 'application/pdf',
            fileName: `SK-${decreeNumber.replace(/[^A-Za-z0-9._-]+/g, '_')}.pdf`,
          },
        };
      },
    );
    return this.view(row);
  }

  /** The latest draft, and whether rendering its stored content again gives the stored bytes. */
  async describe(caseId: string, postCode?: string): Promise<DecreeView & { reproducible: boolean; citedBy: string[] }> {
    const row = await this.latest(caseId, postCode);
    const again = sha256(await renderDecreePdf(row.content as unknown as DecreeContent));
    const kase = await this.dossiers.latestCase(caseId);
    const uri = `evidence:${row.evidenceId}`;
    const citing = kase
      ? (await this.ledger.decisionsOfCase(caseId, kase.runId)).filter(
          (d) =>
            Array.isArray(d.evidence) &&
            (d.evidence as { uri?: string; sha256?: string }[]).some((e) => e.uri === uri && e.sha256 === row.sha256),
        )
      : [];
    return {
      ...this.view(row),
      reproducible: again === row.sha256,
      citedBy: citing.map((d) => `${d.workflowId}#${d.sequence}:${d.decision}`),
    };
  }

  /** The stored PDF of the latest draft. */
  async pdf(caseId: string, postCode?: string): Promise<{ row: DecreeEntity; content: Buffer }> {
    const row = await this.latest(caseId, postCode);
    const stored = await this.evidence.findWithContent(row.evidenceId);
    if (!stored) throw new DomainError('DECREE_NOT_FOUND', { caseId });
    return { row, content: stored.content };
  }

  private async latest(caseId: string, postCode?: string): Promise<DecreeEntity> {
    const kase = await this.dossiers.latestCase(caseId);
    if (!kase) throw new DomainError('CASE_NOT_FOUND', { caseId });
    const row = postCode ? await this.decrees.latest(caseId, postCode) : await this.decrees.latestOfCase(caseId);
    if (!row) throw new DomainError('DECREE_NOT_FOUND', { caseId });
    return row;
  }

  private view(row: DecreeEntity): DecreeView {
    return {
      caseId: row.caseId,
      kind: row.kind,
      postCode: row.subjectKey || null,
      template: { id: row.templateId, version: row.templateVersion },
      decreeNumber: row.decreeNumber,
      decreeDate: row.decreeDate,
      effectiveDate: row.effectiveDate,
      appointingDecision: row.appointingDecision,
      evidence: evidenceRefOf({
        id: row.evidenceId,
        kind: EVIDENCE_KIND[row.kind as DecreeKind] ?? 'sk',
        sha256: row.sha256,
      }) as DecreeView['evidence'],
      createdAt: row.createdAt.toISOString(),
      createdBy: { id: row.createdById, role: row.createdByRole, name: row.createdByName },
      content: row.content as unknown as DecreeContent,
    };
  }
}
