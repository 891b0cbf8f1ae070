import { Module } from '@nestjs/common';
import { CaseTypesController } from './case-types.controller';
import { CasesController } from './cases.controller';

@Module({ controllers: [CasesController, CaseTypesController] })
export class CasesModule {}
