import { Injectable } from '@nestjs/common';
import {
  reachesAgency,
  checkEvidenceFile,
  cleanFileName,
  DomainError,
  evaluateEvidenceUpload,
  type Actor,
  type EvidenceFile,
} from '@meritflow/domain';
import { EvidenceRepository, type EvidenceEntity } from '@meritflow/persistence';
import { OutOfScope } from '../common/out-of-scope';

export interface UploadCommand {
  file: (EvidenceFile & { content: Buffer; fileName?: string }) | undefined;
  kind: string;
  agencyCode: string;
}

const notFound = (evidenceId: string) => new DomainError('EVIDENCE_NOT_FOUND', { evidenceId });

/** Another agency's document does not exist for the caller, and asking for it is a security event. */
function assertVisible(actor: Actor, id: string, record: EvidenceEntity | null): asserts record is EvidenceEntity {
  if (!record) throw notFound(id);
  if (!reachesAgency(actor, record.agencyCode)) {
    throw new OutOfScope('EVIDENCE_NOT_FOUND', { evidenceId: id }, 'EVIDENCE_OUT_OF_SCOPE', { agencyCode: record.agencyCode });
  }
}

/** Evidence use cases: store a document once, describe it, hand its bytes back. */
@Injectable()
export class EvidenceService {
  constructor(private readonly evidence: EvidenceRepository) {}

  async upload(actor: Actor, cmd: UploadCommand): Promise<{ record: EvidenceEntity; created: boolean }> {
    const may = evaluateEvidenceUpload(actor);
    if (!may.ok) throw new DomainError(may.code, may.params);
    if (!reachesAgency(actor, cmd.agencyCode)) {
      throw new DomainError('ACCESS_DENIED', {
        role: actor.role,
        action: `upload evidence for agency ${cmd.agencyCode} (agencyCode)`,
        roles: [],
        agency: actor.agency,
      });
    }
    const checked = checkEvidenceFile(cmd.file);
    if (!checked.ok) throw new DomainError('VALIDATION_FAILED', { fields: checked.issues });
    return this.evidence.store({
      content: checked.file.content,
      mediaType: checked.mediaType,
      fileName: cleanFileName(checked.file.fileName),
      kind: cmd.kind,
      agencyCode: cmd.agencyCode,
      uploadedBy: actor,
    });
  }

  /** Metadata, and whether the stored bytes still hash to the recorded SHA-256. */
  async describe(actor: Actor, id: string): Promise<{ record: EvidenceEntity; verified: boolean }> {
    const record = await this.evidence.find(id);
    assertVisible(actor, id, record);
    return { record, verified: (await this.evidence.verify(id)) === true };
  }

  async content(actor: Actor, id: string): Promise<EvidenceEntity> {
    const record = await this.evidence.findWithContent(id);
    assertVisible(actor, id, record);
    return record;
  }
}
