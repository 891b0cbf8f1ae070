import { Module } from '@nestjs/common';
import { TalentReportsController } from './talent-reports.controller';
import { TalentReportsService } from './talent-reports.service';
import { TalentReviewsController } from './talent-reviews.controller';
import { TalentReviewsService } from './talent-reviews.service';

@Module({ controllers: [TalentReviewsController, TalentReportsController], providers: [TalentReviewsService, TalentReportsService] })
export class TalentModule {}
