import { Injectable } from '@nestjs/common';
import {
  checkNotFuture,
  DomainError,
  mayEditReferenceData,
  parsePeriod,
  REFERENCE_DATA_EDITORS,
  wibDate,
  type Actor,
  type ElectionWindowFacts,
  type EvidenceRef,
  type MeritScheme,
  type RegionKind,
} from '@meritflow/domain';
import { MobilityReferenceRepository, type ReferenceTable } from '@meritflow/persistence';

/**
 * Use cases for the reference data the mobility rules read. Only the BKPSDM (and administrators)
 * write; a refused write reaches no table. Unknown regions are a 400 naming regionCode (the region is
 * a field of the request, and PUT /reference/regions/{regionCode} registers it).
 */
@Injectable()
export class ReferenceDataService {
  constructor(private readonly reference: MobilityReferenceRepository) {}

  listRegions() {
    return this.reference.regions();
  }

  putRegion(actor: Actor, regionCode: string, cmd: { name: string; kind: RegionKind; provinceCode?: string; reason: string }) {
    this.assertEditor(actor, 'regions');
    return this.reference.upsertRegion(
      { regionCode, name: cmd.name, kind: cmd.kind, provinceCode: cmd.provinceCode ?? null },
      cmd.reason,
      actor,
    );
  }

  listElectionWindows(regionCode?: string) {
    return this.reference.electionWindows(regionCode === undefined ? undefined : [regionCode]);
  }

  putElectionWindow(actor: Actor, regionCode: string, cmd: Partial<Omit<ElectionWindowFacts, 'regionCode'>> & { reason: string }) {
    this.assertEditor(actor, 'election_windows');
    const { reason, ...facts } = cmd;
    return this.reference.setElectionWindow(regionCode, facts, reason, actor);
  }

  listMinisterApprovals(regionCode?: string) {
    return this.reference.ministerApprovals(regionCode === undefined ? undefined : [regionCode]);
  }

  recordMinisterApproval(
    actor: Actor,
    cmd: {
      regionCode: string;
      documentRef: string;
      title: string;
      approvedOn: string;
      scope: string;
      reason: string;
      evidence?: EvidenceRef[];
    },
    now = new Date(),
  ) {
    this.assertEditor(actor, 'minister_approvals');
    this.assertNotFuture('approvedOn', cmd.approvedOn, now);
    const { reason, ...approval } = cmd;
    return this.reference.recordMinisterApproval(approval, reason, actor);
  }

  agencyMerit(agencyCode: string) {
    return this.reference.agencyMerit(agencyCode);
  }

  putAgencyMerit(
    actor: Actor,
    agencyCode: string,
    cmd: { regionCode: string; scheme: MeritScheme; score: number; category?: string; assessedOn: string; reason: string },
    now = new Date(),
  ) {
    this.assertEditor(actor, 'agency_merit');
    this.assertNotFuture('assessedOn', cmd.assessedOn, now);
    const { reason, ...merit } = cmd;
    return this.reference.setAgencyMerit(agencyCode, merit, reason, actor);
  }

  changes(q: { table?: ReferenceTable; key?: string; from?: string; to?: string; limit?: number; offset?: number }) {
    const period = parsePeriod(q.from, q.to, false);
    if (!period.ok) throw new DomainError('VALIDATION_FAILED', { fields: period.issues });
    return this.reference.changes({
      table: q.table,
      key: q.key,
      from: period.from,
      to: period.to,
      limit: q.limit ?? 100,
      offset: q.offset ?? 0,
    });
  }

  private assertEditor(actor: Actor, table: ReferenceTable): void {
    if (!mayEditReferenceData(actor.role)) {
      throw new DomainError('ROLE_NOT_ALLOWED', {
        step: 'reference_data',
        decision: `edit_${table}`,
        role: actor.role,
        roles: REFERENCE_DATA_EDITORS,
        allowed: [],
      });
    }
  }

  private assertNotFuture(field: string, date: string, now: Date): void {
    const issues = checkNotFuture(field, date, wibDate(now));
    if (issues.length > 0) throw new DomainError('VALIDATION_FAILED', { fields: issues });
  }
}
