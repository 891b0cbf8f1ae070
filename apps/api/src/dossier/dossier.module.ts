import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ComplianceRepository, DossierRepository } from '../../../../libs/persistence/src';
import { ComplianceService } from './compliance.service';
import { ComplianceController, DossierController } from './dossier.controller';
import { DossierService } from './dossier.service';

/** Case dossiers (JSON, CSV, PDF), SOP conformance and per-agency compliance reports: read-only views of the ledger. */
@Module({
  controllers: [DossierController, ComplianceController],
  providers: [
    { provide: DossierRepository, inject: [DataSource], useFactory: (ds: DataSource) => new DossierRepository(ds) },
    { provide: ComplianceRepository, inject: [DataSource], useFactory: (ds: DataSource) => new ComplianceRepository(ds) },
    DossierService,
    ComplianceService,
  ],
})
export class DossierModule {}
