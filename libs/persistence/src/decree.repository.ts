import type { DataSource } from 'typeorm';
import type { Actor } from '@meritflow/domain';
import { DecreeEntity } from './entities/decree.entity';
import type { StoreEvidence } from './evidence.repository';
import { EvidenceRepository } from './evidence.repository';

export interface StoreDecree {
  caseId: string;
  caseType: string;
  agencyCode: string;
  subjectKey: string;
  kind: string;
  templateId: string;
  templateVersion: string;
  decreeDate: string;
  effectiveDate: string;
  appointingDecision: string;
  createdBy: Actor;
}

/** What the caller renders once it knows the next sequence number. */
export interface RenderedDecree {
  decreeNumber: string;
  content: Record<string, unknown>;
  pdf: Buffer;
  evidence: Pick<StoreEvidence, 'kind' | 'fileName' | 'mediaType'>;
}

/** Decrees drafted from cases: numbered per agency without gaps or repeats, each stored with its PDF as evidence. */
export class DecreeRepository {
  constructor(private readonly ds: DataSource) {}

  /** The latest draft of a case's decree (for one subject key), or null. */
  latest(caseId: string, subjectKey: string): Promise<DecreeEntity | null> {
    return this.ds.getRepository(DecreeEntity).findOne({ where: { caseId, subjectKey }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** The latest draft of any subject of the case. */
  latestOfCase(caseId: string): Promise<DecreeEntity | null> {
    return this.ds.getRepository(DecreeEntity).findOne({ where: { caseId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** Whether another case of the agency already carries this decree number. */
  async numberTakenElsewhere(agencyCode: string, decreeNumber: string, caseId: string, subjectKey: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `SELECT 1 FROM decrees WHERE agency_code = $1 AND decree_number = $2 AND (case_id <> $3 OR subject_key <> $4) LIMIT 1`,
      [agencyCode, decreeNumber, caseId, subjectKey],
    );
    return rows.length > 0;
  }

  /**
   * Stores a draft in one transaction, under a per-agency lock so two drafts never take the same
   * sequence: `number(seq)` gets the next sequence of the agency's year (decrees of distinct
   * case/subject pairs already numbered + 1) and returns the number and the rendered PDF.
   */
  async store(cmd: StoreDecree, render: (next: { seq: number }) => Promise<RenderedDecree>): Promise<DecreeEntity> {
    return this.ds.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('decrees:' || $1))`, [cmd.agencyCode]);
      const [{ n }] = (await em.query(
        `SELECT count(DISTINCT (case_id, subject_key))::int AS n FROM decrees
          WHERE agency_code = $1 AND date_part('year', decree_date) = $2 AND NOT (case_id = $3 AND subject_key = $4)`,
        [cmd.agencyCode, Number(cmd.decreeDate.slice(0, 4)), cmd.caseId, cmd.subjectKey],
      )) as { n: number }[];
      const rendered = await render({ seq: n + 1 });
      // The PDF is evidence like any upload (content-addressed, immutable); a failed draft leaves at most an uncited document.
      const { record } = await new EvidenceRepository(this.ds).store({
        ...rendered.evidence,
        content: rendered.pdf,
        agencyCode: cmd.agencyCode,
        uploadedBy: cmd.createdBy,
      });
      const repo = em.getRepository(DecreeEntity);
      const same = await repo.findOne({ where: { caseId: cmd.caseId, subjectKey: cmd.subjectKey, sha256: record.sha256 } });
      // The same draft asked for again (same bytes): nothing new to record.
      if (same) return same;
      return repo.save(
        repo.create({
          caseId: cmd.caseId,
          caseType: cmd.caseType,
          agencyCode: cmd.agencyCode,
          subjectKey: cmd.subjectKey,
          kind: cmd.kind,
          templateId: cmd.templateId,
          templateVersion: cmd.templateVersion,
          decreeNumber: rendered.decreeNumber,
          decreeDate: cmd.decreeDate,
          effectiveDate: cmd.effectiveDate,
          appointingDecision: cmd.appointingDecision,
          evidenceId: record.id,
          sha256: record.sha256,
          content: rendered.content,
          createdById: cmd.createdBy.id,
          createdByRole: cmd.createdBy.role,
          createdByName: cmd.createdBy.name ?? null,
        }),
      );
    });
  }
}
