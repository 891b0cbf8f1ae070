import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EvidenceRepository, HolidayRepository, LedgerRepository, MobilityReferenceRepository } from '../../../libs/persistence/src';

/** The repositories the API reads and writes through, one instance each. */
@Global()
@Module({
  providers: [
    { provide: LedgerRepository, inject: [DataSource], useFactory: (ds: DataSource) => new LedgerRepository(ds) },
    { provide: EvidenceRepository, inject: [DataSource], useFactory: (ds: DataSource) => new EvidenceRepository(ds) },
    { provide: HolidayRepository, inject: [DataSource], useFactory: (ds: DataSource) => new HolidayRepository(ds) },
    { provide: MobilityReferenceRepository, inject: [DataSource], useFactory: (ds: DataSource) => new MobilityReferenceRepository(ds) },
  ],
  exports: [LedgerRepository, EvidenceRepository, HolidayRepository, MobilityReferenceRepository],
})
export class PersistenceModule {}
