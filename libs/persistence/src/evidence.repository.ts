import { createHash } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import { evidenceIdOf, isEvidenceId, isEvidenceUri, type Actor, type EvidenceRef } from '@meritflow/domain';
import { EvidenceEntity } from './entities/evidence.entity';

export interface StoreEvidence {
  content: Buffer;
  mediaType: string;
  fileName: string | null;
  kind: string;
  agencyCode: string;
  uploadedBy: Actor;
}

const sha256Of = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

/** Stores uploaded documents once per agency and content hash, and checks references to them. */
export class EvidenceRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Stores the document unless the agency already stored the same bytes; then the existing record is
   * returned as it is (its kind and file name win) and `created` is false.
   */
  async store(cmd: StoreEvidence): Promise<{ record: EvidenceEntity; created: boolean }> {
    const sha256 = sha256Of(cmd.content);
    const inserted: { id: string }[] = await this.ds.query(
      `INSERT INTO evidence (sha256, content, size_bytes, media_type, file_name, kind, agency_code,
         uploaded_by_id, uploaded_by_role, uploaded_by_name)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
       ON CONFLICT (agency_code, sha256) DO NOTHING
       RETURNING id`,
      [
        sha256,
        cmd.content,
        cmd.content.length,
        cmd.mediaType,
        cmd.fileName,
        cmd.kind,
        cmd.agencyCode,
        cmd.uploadedBy.id,
        cmd.uploadedBy.role,
        cmd.uploadedBy.name ?? null,
      ],
    );
    const repo = this.ds.getRepository(EvidenceEntity);
    if (inserted.length > 0) return { record: await repo.findOneByOrFail({ id: inserted[0].id }), created: true };
    // A concurrent upload of the same bytes has committed by now: ON CONFLICT waited for it.
    return { record: await repo.findOneByOrFail({ agencyCode: cmd.agencyCode, sha256 }), created: false };
  }

  /** Metadata only; null for an unknown or malformed id. */
  find(id: string): Promise<EvidenceEntity | null> {
    if (!isEvidenceId(id)) return Promise.resolve(null);
    return this.ds.getRepository(EvidenceEntity).findOneBy({ id });
  }

  /** Metadata of those ids that exist; malformed ids are skipped. */
  findMany(ids: readonly string[]): Promise<EvidenceEntity[]> {
    const valid = [...new Set(ids.filter(isEvidenceId).map((id) => id.toLowerCase()))];
    if (valid.length === 0) return Promise.resolve([]);
    return this.ds.getRepository(EvidenceEntity).findBy({ id: In(valid) });
  }

  /** Metadata and bytes; null for an unknown or malformed id. */
  findWithContent(id: string): Promise<EvidenceEntity | null> {
    if (!isEvidenceId(id)) return Promise.resolve(null);
    return this.ds.getRepository(EvidenceEntity).createQueryBuilder('e').addSelect('e.content').where('e.id = :id', { id }).getOne();
  }

  /** Recomputes the hash of the stored bytes: true when it still matches; null for an unknown id. */
  async verify(id: string): Promise<boolean | null> {
    const row = await this.findWithContent(id);
    if (!row) return null;
    return sha256Of(row.content) === row.sha256 && row.content.length === row.sizeBytes;
  }

  /**
   * Checks the references into this store (`uri: 'evidence:<id>'`): each must name a stored document
   * and carry its SHA-256. Returns the URIs that do not resolve, each once, in order. References to
   * documents elsewhere (any other URI, or none) are not this store's to check.
   */
  async resolveRefs(refs: readonly EvidenceRef[]): Promise<{ missing: string[] }> {
    const ours = refs.filter((r): r is EvidenceRef & { uri: string } => isEvidenceUri(r.uri));
    const ids = ours.map((r) => evidenceIdOf(r.uri)).filter((id): id is string => id !== null);
    const stored = new Map((await this.findMany(ids)).map((e) => [e.id, e.sha256]));
    const missing = ours
      .filter((r) => {
        const id = evidenceIdOf(r.uri);
        return id === null || r.sha256 === undefined || stored.get(id) !== r.sha256.toLowerCase();
      })
      .map((r) => r.uri);
    return { missing: [...new Set(missing)] };
  }
}
