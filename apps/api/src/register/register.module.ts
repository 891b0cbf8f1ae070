import { Module } from '@nestjs/common';
import { RegisterImportController } from './register-import.controller';
import { RegisterImportInterceptor } from './register-import.interceptor';
import { RegisterImportService } from './register-import.service';
import { RegisterController } from './register.controller';
import { RegisterService } from './register.service';

/** The ASN register: personnel facts as events, profiles as of a date, search, and imports from SIASN/SIMPEG exports. */
@Module({
  controllers: [RegisterController, RegisterImportController],
  providers: [RegisterService, RegisterImportService, RegisterImportInterceptor],
  exports: [RegisterService],
})
export class RegisterModule {}
