import { Module } from '@nestjs/common';
import { HistoryArchiveController } from '../archive/history-archive.controller';
import { HistoryArchiveService } from '../archive/history-archive.service';
import { CaseReplayController } from './case-replay.controller';
import { CaseReplayService } from './case-replay.service';

/**
 * Auditor replay of a case from its histories (the PostgreSQL archive, else Temporal), online and as
 * an export for offline replay; the archive's status, sweeps, snapshots and audit bundles.
 */
@Module({
  controllers: [CaseReplayController, HistoryArchiveController],
  providers: [CaseReplayService, HistoryArchiveService],
  exports: [HistoryArchiveService],
})
export class CaseReplayModule {}
