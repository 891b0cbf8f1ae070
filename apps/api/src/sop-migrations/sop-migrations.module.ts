import { Module } from '@nestjs/common';
import { SopMigrationsController } from './sop-migrations.controller';
import { SopMigrationsService } from './sop-migrations.service';

@Module({ controllers: [SopMigrationsController], providers: [SopMigrationsService] })
export class SopMigrationsModule {}
