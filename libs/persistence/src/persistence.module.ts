import { Global, Module, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DelegationRepository, SecurityEventRepository } from './access-control.repository';
import { AuditReadRepository } from './audit-read.repository';
import { CaseLookupRepository } from './case-lookup.repository';
import { ComplianceRepository } from './compliance.repository';
import { DossierRepository } from './dossier.repository';
import { EvidenceRepository } from './evidence.repository';
import { HistoryArchiveRepository } from './history-archive.repository';
import { HolidayRepository } from './holiday.repository';
import { IdempotencyKeyRepository } from './idempotency-key.repository';
import { LedgerRepository } from './ledger.repository';
import { MobilityReferenceRepository } from './mobility-reference.repository';
import { RegisterRepository } from './register.repository';
import { RegisterReferenceRepository } from './register-reference.repository';
import { CaseParticipantsRepository } from './case-participants.repository';
import { TalentRepository } from './talent.repository';
import { DecreeRepository } from './decree.repository';
import { CaseTaskSnapshotRepository } from './case-task-snapshot.repository';

/** Every repository: each is built from the one DataSource, and nothing else. */
export const REPOSITORIES = [
  LedgerRepository,
  EvidenceRepository,
  HolidayRepository,
  MobilityReferenceRepository,
  SecurityEventRepository,
  DelegationRepository,
  HistoryArchiveRepository,
  AuditReadRepository,
  DossierRepository,
  ComplianceRepository,
  CaseLookupRepository,
  IdempotencyKeyRepository,
  RegisterRepository,
  RegisterReferenceRepository,
  CaseParticipantsRepository,
  TalentRepository,
  DecreeRepository,
  CaseTaskSnapshotRepository,
] as const satisfies readonly (new (ds: DataSource) => object)[];

const repositoryProviders: Provider[] = REPOSITORIES.map((Repository) => ({
  provide: Repository,
  inject: [DataSource],
  useFactory: (ds: DataSource) => new Repository(ds),
}));

/**
 * One instance of each repository for the API and the worker, over the DataSource their
 * TypeOrmModule.forRoot provides. Global, so feature modules inject repositories without importing it.
 */
@Global()
@Module({ providers: repositoryProviders, exports: [...REPOSITORIES] })
export class PersistenceModule {}
