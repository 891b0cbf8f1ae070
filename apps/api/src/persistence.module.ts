import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseLookupRepository, DelegationRepository, EvidenceRepository, HistoryArchiveRepository, HolidayRepository, IdempotencyKeyRepository, LedgerRepository, MobilityReferenceRepository, SecurityEventRepository } from '../../../libs/persistence/src';

/** The repositories the API reads and writes through, one instance each. */
@Global()
@Module({
  providers: [
    { provide: LedgerRepository, inject: [DataSource], useFactory: (ds: DataSource) => new LedgerRepository(ds) },
    { provide: EvidenceRepository, inject: [DataSource], useFactory: (ds: DataSource) => new EvidenceRepository(ds) },
    { provide: HolidayRepository, inject: [DataSource], useFactory: (ds: DataSource) => new HolidayRepository(ds) },
    { provide: MobilityReferenceRepository, inject: [DataSource], useFactory: (ds: DataSource) => new MobilityReferenceRepository(ds) },
    { provide: SecurityEventRepository, inject: [DataSource], useFactory: (ds: DataSource) => new SecurityEventRepository(ds) },
    { provide: DelegationRepository, inject: [DataSource], useFactory: (ds: DataSource) => new DelegationRepository(ds) },
    { provide: HistoryArchiveRepository, inject: [DataSource], useFactory: (ds: DataSource) => new HistoryArchiveRepository(ds) },
    { provide: CaseLookupRepository, inject: [DataSource], useFactory: (ds: DataSource) => new CaseLookupRepository(ds) },
    { provide: IdempotencyKeyRepository, inject: [DataSource], useFactory: (ds: DataSource) => new IdempotencyKeyRepository(ds) },
  ],
  exports: [LedgerRepository, EvidenceRepository, HolidayRepository, MobilityReferenceRepository, SecurityEventRepository, DelegationRepository, HistoryArchiveRepository, IdempotencyKeyRepository, CaseLookupRepository],
})
export class PersistenceModule {}
