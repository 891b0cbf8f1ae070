import { Module } from '@nestjs/common';
import { TalentReviewsController } from './talent-reviews.controller';
import { TalentReviewsService } from './talent-reviews.service';

@Module({ controllers: [TalentReviewsController], providers: [TalentReviewsService] })
export class TalentModule {}
