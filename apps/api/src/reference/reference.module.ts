import { Module } from '@nestjs/common';
import { AgencyMeritController } from './agency-merit.controller';
import { ElectionsController } from './elections.controller';
import { MinisterApprovalsController } from './minister-approvals.controller';
import { ReferenceChangesController } from './reference-changes.controller';
import { ReferenceDataService } from './reference.service';
import { RegionsController } from './regions.controller';

/** Reference data the mobility rules read: regions, Pilkada calendar, Mendagri approvals, agency merit. */
@Module({
  controllers: [RegionsController, ElectionsController, MinisterApprovalsController, AgencyMeritController, ReferenceChangesController],
  providers: [ReferenceDataService],
})
export class ReferenceModule {}
