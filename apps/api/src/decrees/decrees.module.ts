import { Module } from '@nestjs/common';
import { DecreesController } from './decrees.controller';
import { DecreesService } from './decrees.service';

/** Decrees (SK) drafted from appointing decisions: PDF from versioned templates, stored as evidence. */
@Module({ controllers: [DecreesController], providers: [DecreesService] })
export class DecreesModule {}
