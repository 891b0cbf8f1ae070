import { Module } from '@nestjs/common';
import { CaseReplayController } from './case-replay.controller';
import { CaseReplayService } from './case-replay.service';

/** Auditor replay of a case from its Temporal histories, online and as an export for offline replay. */
@Module({ controllers: [CaseReplayController], providers: [CaseReplayService] })
export class CaseReplayModule {}
