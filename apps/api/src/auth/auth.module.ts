import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import type { ApiConfig } from '@meritflow/config';
import { LocalIssuer, TokenVerifier } from '@meritflow/auth';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { CaseScope } from './case-scope';
import { DelegationsController } from './delegations.controller';
import { DelegationsService } from './delegations.service';
import { LOCAL_ISSUER } from './auth.tokens';
import { SecurityEventsController } from './security-events.controller';

/** Bearer-token authentication, the local issuer for development, delegations and the security log. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(config: ApiConfig): DynamicModule {
    const issuer = config.AUTH_LOCAL_ISSUER ? LocalIssuer.fromPem(config.AUTH_LOCAL_SIGNING_KEY) : null;
    if (issuer?.ephemeral) {
      new Logger('auth').warn(
        `AUTH_LOCAL_SIGNING_KEY is not set: the local issuer signs with ephemeral key ${issuer.kid}, which dies with this process.`,
      );
    }
    return {
      module: AuthModule,
      imports: [AuditModule],
      controllers: [AuthController, DelegationsController, SecurityEventsController],
      providers: [
        { provide: LOCAL_ISSUER, useValue: issuer },
        {
          provide: TokenVerifier,
          useFactory: () =>
            TokenVerifier.create({
              issuer: config.AUTH_ISSUER,
              audience: config.AUTH_AUDIENCE,
              clockToleranceSeconds: config.AUTH_CLOCK_TOLERANCE_SECONDS,
              jwksUrl: config.AUTH_JWKS_URL,
              localIssuer: issuer ?? undefined,
            }),
        },
        CaseScope,
        DelegationsService,
        // Every route: a verified bearer token, a role the route admits, the caller's agency, and
        // auditors read-only. Registered here, after RateLimitModule's guard, so bursts are limited first.
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TokenVerifier, CaseScope, LOCAL_ISSUER],
    };
  }
}
