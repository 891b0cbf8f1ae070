import { Module } from '@nestjs/common';
import { RegisterProfileService } from './register-profile.service';
import { RegisterReferenceController } from './register-reference.controller';
import { RegisterReferenceService } from './register-reference.service';
import { RegisterController } from './register.controller';
import { RegisterService } from './register.service';

/** The ASN register: personnel facts as events, profiles as of a date with their cases, search; units and posts beside it. */
@Module({
  controllers: [RegisterController, RegisterReferenceController],
  providers: [RegisterService, RegisterProfileService, RegisterReferenceService],
  exports: [RegisterService],
})
export class RegisterModule {}
