import { Injectable } from '@nestjs/common';
import { DomainError, type Actor } from '@meritflow/domain';
import { RegisterReferenceRepository } from '@meritflow/persistence';
import type { PostsQuery, PutPostDto, PutUnitDto, RegisterChangesQuery } from './dto/register-reference.dto';
import type { AgencyQuery } from './dto/register.dto';
import { RegisterService } from './register.service';

/** An agency's units and posts (with their competency standards): HR keeps them, the register's readers read them. */
@Injectable()
export class RegisterReferenceService {
  constructor(
    private readonly reference: RegisterReferenceRepository,
    private readonly register: RegisterService,
  ) {}

  async units(actor: Actor, q: AgencyQuery) {
    const agencyCode = this.register.agencyOf(actor, q.agencyCode);
    return { agencyCode, units: await this.reference.units(agencyCode) };
  }

  async putUnit(actor: Actor, code: string, dto: PutUnitDto) {
    const agencyCode = this.register.agencyOf(actor, undefined);
    const { value, change } = await this.reference.putUnit(
      agencyCode,
      { code, name: dto.name, parentCode: dto.parentCode ?? null },
      dto.reason,
      actor,
    );
    return { agencyCode, changed: change !== null, unit: value, change };
  }

  async posts(actor: Actor, q: PostsQuery) {
    const agencyCode = this.register.agencyOf(actor, q.agencyCode);
    return { agencyCode, posts: await this.reference.posts(agencyCode, { unitCode: q.unitCode, postType: q.postType }) };
  }

  async post(actor: Actor, code: string, q: AgencyQuery) {
    const agencyCode = this.register.agencyOf(actor, q.agencyCode);
    const post = await this.reference.post(agencyCode, code);
    if (!post) throw new DomainError('POST_NOT_FOUND', { postCode: code });
    return { agencyCode, ...post };
  }

  async putPost(actor: Actor, code: string, dto: PutPostDto) {
    const agencyCode = this.register.agencyOf(actor, undefined);
    const { value, change } = await this.reference.putPost(
      agencyCode,
      {
        code,
        title: dto.title,
        postType: dto.postType,
        unitCode: dto.unitCode,
        competencyStandard: dto.competencyStandard,
        critical: dto.critical === true,
      },
      dto.reason,
      actor,
    );
    return { agencyCode, changed: change !== null, post: value, change };
  }

  async changes(actor: Actor, q: RegisterChangesQuery) {
    const agencyCode = this.register.agencyOf(actor, q.agencyCode);
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const { items, total } = await this.reference.changes(agencyCode, { table: q.table, key: q.key, limit, offset });
    return { agencyCode, items, total, limit, offset };
  }
}
