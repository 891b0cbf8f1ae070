import { Module } from '@nestjs/common';
import { RegisterController } from './register.controller';
import { RegisterService } from './register.service';

/** The ASN register: personnel facts as events, profiles as of a date, search. */
@Module({ controllers: [RegisterController], providers: [RegisterService], exports: [RegisterService] })
export class RegisterModule {}
