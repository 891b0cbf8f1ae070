import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ApiConfig } from '@meritflow/config';
import { LocalIssuer } from '@meritflow/auth';
import { DomainError, type Actor } from '@meritflow/domain';
import { API_CONFIG } from '../config.provider';
import { CurrentActor } from '../common/actor.decorator';
import { Public, Roles } from './access.decorators';
import { LOCAL_ISSUER } from './auth.tokens';
import { LocalTokenRequestDto } from './dto/auth.dto';
import { EVERY_ROLE } from './endpoint-roles';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    @Inject(LOCAL_ISSUER) private readonly issuer: LocalIssuer | null,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  @Public()
  @Get('jwks.json')
  @ApiOperation({ summary: 'The local issuer’s public keys (JWKS); 404 when an identity provider issues tokens' })
  jwks() {
    return this.localIssuer().jwks();
  }

  @Public()
  @Post('token')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'DEVELOPMENT ONLY: the local issuer signs a token for the identity given. Off (404) when AUTH_LOCAL_ISSUER=false, which production requires',
  })
  async token(@Body() dto: LocalTokenRequestDto) {
    const ttl = this.config.AUTH_LOCAL_TOKEN_TTL_SECONDS;
    const accessToken = await this.localIssuer().sign(
      { sub: dto.sub, roles: dto.roles, agency: dto.agency, ...(dto.name ? { name: dto.name } : {}) },
      { issuer: this.config.AUTH_ISSUER, audience: this.config.AUTH_AUDIENCE, ttlSeconds: ttl },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: ttl };
  }

  @Roles(...EVERY_ROLE)
  @Get('me')
  @ApiOperation({ summary: 'Who the token says you are: id, role you act in, agency, and whom you act for' })
  me(@CurrentActor() actor: Actor) {
    return actor;
  }

  private localIssuer(): LocalIssuer {
    if (!this.issuer) throw new DomainError('ROUTE_NOT_FOUND', { path: '/api/v1/auth' });
    return this.issuer;
  }
}
