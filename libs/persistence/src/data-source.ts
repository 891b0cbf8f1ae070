import { DataSource, type DataSourceOptions } from 'typeorm';
import { DelegationEntity, DelegationRevocationEntity, SecurityEventEntity } from './entities/access-control.entity';
import { AuditReadEntity } from './entities/audit-read.entity';
import { CaseEntity } from './entities/case.entity';
import { DecisionEntity } from './entities/decision.entity';
import { EvidenceEntity } from './entities/evidence.entity';
import { HistoryArchiveEntity, HistoryArchiveSweepEntity } from './entities/history-archive.entity';
import { HolidayChangeEntity } from './entities/holiday-change.entity';
import { HolidayEntity } from './entities/holiday.entity';
import {
  AgencyMeritEntity,
  ElectionWindowEntity,
  MinisterApprovalEntity,
  ReferenceDataChangeEntity,
  RegionEntity,
} from './entities/reference-data.entity';
import { CaseTree1764000000000 } from './migrations/1764000000000-case-tree';
import { LedgerHashChain1764100000000 } from './migrations/1764100000000-ledger-hash-chain';
import { AuditReads1764200000000 } from './migrations/1764200000000-audit-reads';
import { HolidayChanges1764300000000 } from './migrations/1764300000000-holiday-changes';
import { MobilityReferenceData1764400000000 } from './migrations/1764400000000-mobility-reference-data';
import { AccessControl1764500000000 } from './migrations/1764500000000-access-control';
import { HistoryArchive1764600000000 } from './migrations/1764600000000-history-archive';
import { IdempotencyKeys1764700000000 } from './migrations/1764700000000-idempotency-keys';
import { IdempotencyKeyEntity } from './entities/idempotency-key.entity';
import {
  RegisterEventEntity,
  RegisterImportBatchEntity,
  RegisterPersonEntity,
  RegisterPostEntity,
  RegisterUnitEntity,
} from './entities/register.entity';
import { AsnRegister1764800000000 } from './migrations/1764800000000-asn-register';
import { RegisterReading1764860000000 } from './migrations/1764860000000-register-reading';
import { CaseParticipantEntity } from './entities/case-participant.entity';
import { RegisterImportProgress1764870000000 } from './migrations/1764870000000-register-import-progress';
import { TalentReview1764910000000 } from './migrations/1764910000000-talent-review';
import { RegisterServiceEnded1764960000000 } from './migrations/1764960000000-register-service-ended';
import { CaseListSort1765020000000 } from './migrations/1765020000000-case-list-sort';
import { TalentPoolEntity, TalentReviewPlacementEntity } from './entities/talent.entity';
import { InitialLedger1763800000000 } from './migrations/1763800000000-initial-ledger';
import { Evidence1763900000000 } from './migrations/1763900000000-evidence';
import { Decrees1765030000000 } from './migrations/1765030000000-decrees';
import { LedgerVerifyOnePass1765050000000 } from './migrations/1765050000000-ledger-verify-one-pass';
import { LedgerHashByColumns1765060000000 } from './migrations/1765060000000-ledger-hash-by-columns';
import { CaseSearchTrigram1765080000000 } from './migrations/1765080000000-case-search-trigram';
import { MigrationBatchIndex1765080000001 } from './migrations/1765080000001-migration-batch-index';
import { CaseTaskSnapshots1765091800000 } from './migrations/1765091800000-case-task-snapshots';
import { CasesProjectionHot1765100000000 } from './migrations/1765100000000-cases-projection-hot';
import { CaseTaskSnapshotEntity } from './entities/case-task-snapshot.entity';
import { DecreeEntity } from './entities/decree.entity';

/** One entity per table; entities.int-spec.ts fails when a table has none or its columns differ. */
export const ENTITIES = [
  DecisionEntity,
  CaseEntity,
  HolidayEntity,
  HolidayChangeEntity,
  EvidenceEntity,
  AuditReadEntity,
  RegionEntity,
  ElectionWindowEntity,
  MinisterApprovalEntity,
  AgencyMeritEntity,
  ReferenceDataChangeEntity,
  SecurityEventEntity,
  DelegationEntity,
  DelegationRevocationEntity,
  HistoryArchiveEntity,
  HistoryArchiveSweepEntity,
  IdempotencyKeyEntity,
  RegisterEventEntity,
  RegisterPersonEntity,
  RegisterImportBatchEntity,
  RegisterUnitEntity,
  RegisterPostEntity,
  CaseParticipantEntity,
  TalentReviewPlacementEntity,
  TalentPoolEntity,
  DecreeEntity,
  CaseTaskSnapshotEntity,
];
export const MIGRATIONS = [
  InitialLedger1763800000000,
  Evidence1763900000000,
  CaseTree1764000000000,
  LedgerHashChain1764100000000,
  AuditReads1764200000000,
  HolidayChanges1764300000000,
  MobilityReferenceData1764400000000,
  AccessControl1764500000000,
  HistoryArchive1764600000000,
  IdempotencyKeys1764700000000,
  AsnRegister1764800000000,
  RegisterReading1764860000000,
  RegisterImportProgress1764870000000,
  TalentReview1764910000000,
  RegisterServiceEnded1764960000000,
  CaseListSort1765020000000,
  Decrees1765030000000,
  LedgerVerifyOnePass1765050000000,
  LedgerHashByColumns1765060000000,
  CaseSearchTrigram1765080000000,
  MigrationBatchIndex1765080000001,
  CaseTaskSnapshots1765091800000,
  CasesProjectionHot1765100000000,
];

/**
 * The one DataSource definition: schema changes only through MIGRATIONS, never synchronize. `poolMax`
 * caps this process's connections: every API and worker process keeps its own pool, and they share
 * the server's connection limit with Temporal.
 */
export const dataSourceOptions = (url: string, applicationName = 'meritflow', poolMax = 10): DataSourceOptions => ({
  type: 'postgres',
  url,
  applicationName,
  entities: ENTITIES,
  migrations: MIGRATIONS,
  migrationsTableName: 'schema_migrations',
  synchronize: false,
  migrationsRun: false,
  logging: ['error', 'migration'],
  extra: { max: poolMax, connectionTimeoutMillis: 5_000 },
});

export const createDataSource = (url: string, applicationName?: string): DataSource =>
  new DataSource(dataSourceOptions(url, applicationName));
