import { Module } from '@nestjs/common';
import { ComplianceService } from './compliance.service';
import { ComplianceController, DossierController } from './dossier.controller';
import { DossierService } from './dossier.service';

/** Case dossiers (JSON, CSV, PDF), SOP conformance and per-agency compliance reports: read-only views of the ledger. */
@Module({
  controllers: [DossierController, ComplianceController],
  providers: [DossierService, ComplianceService],
})
export class DossierModule {}
