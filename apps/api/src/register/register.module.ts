import { Module } from '@nestjs/common';
import { RegisterImportController } from './register-import.controller';
import { RegisterImportInterceptor } from './register-import.interceptor';
import { RegisterImportService } from './register-import.service';
import { RegisterProfileService } from './register-profile.service';
import { RegisterReferenceController } from './register-reference.controller';
import { RegisterReferenceService } from './register-reference.service';
import { RegisterController } from './register.controller';
import { RegisterService } from './register.service';

/**
 * The ASN register: personnel facts as events, profiles as of a date with their cases, search;
 * units and posts beside it; imports from SIASN/SIMPEG exports.
 */
@Module({
  controllers: [RegisterController, RegisterReferenceController, RegisterImportController],
  providers: [RegisterService, RegisterProfileService, RegisterReferenceService, RegisterImportService, RegisterImportInterceptor],
  exports: [RegisterService],
})
export class RegisterModule {}
