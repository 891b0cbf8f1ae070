import { Injectable } from '@nestjs/common';
import { CASE_TYPE_LIST } from '@meritflow/contracts';
import { DomainError, JPM_SCHEMES, profileView, type Actor } from '@meritflow/domain';
import { CaseParticipantsRepository, RegisterReferenceRepository, RegisterRepository, type CaseReach } from '@meritflow/persistence';
import type { PersonCasesQuery } from './dto/register-reference.dto';
import type { ProfileQuery } from './dto/register.dto';
import { RegisterService } from './register.service';

/** Agencies besides a case's own that reach it, from the case-type registry (a move's origin agency). */
const REACH: readonly CaseReach[] = CASE_TYPE_LIST.filter((e) => e.alsoReachedByDetails).map((e) => ({
  caseType: e.type,
  path: e.alsoReachedByDetails!,
}));

/** The first page of cases shown with a profile; the rest page through GET …/people/{nip}/cases. */
const PROFILE_CASES = 25;

/**
 * The profile page: the official as of a date, their competencies against the post they hold (and a
 * target post), and the cases they took part in that the reader's agency reaches.
 */
@Injectable()
export class RegisterProfileService {
  constructor(
    private readonly register: RegisterRepository,
    private readonly reference: RegisterReferenceRepository,
    private readonly participants: CaseParticipantsRepository,
    private readonly scope: RegisterService,
  ) {}

  async profile(actor: Actor, nip: string, q: ProfileQuery) {
    const agencyCode = this.scope.agencyOf(actor, q.agencyCode, nip);
    const target = q.postCode ? await this.reference.post(agencyCode, q.postCode) : null;
    if (q.postCode && !target) {
      throw new DomainError('VALIDATION_FAILED', {
        fields: [
          {
            field: 'postCode',
            rule: 'postExists',
            message: {
              id: `jabatan ${q.postCode} tidak ada dalam data referensi instansi ini`,
              en: `post ${q.postCode} is not in this agency's reference data`,
            },
          },
        ],
      });
    }
    const profile = await this.register.profile(agencyCode, nip, q.asOf ?? this.scope.today(), q.version);
    const held = profile.position?.postCode ?? null;
    const [units, currentPost, cases] = await Promise.all([
      this.reference.units(agencyCode, [profile.unitCode, ...profile.positionHistory.map((p) => p.unitCode)]),
      held ? this.reference.post(agencyCode, held) : Promise.resolve(null),
      this.participants.casesOf(nip, { agencyCode, reach: REACH }, { limit: PROFILE_CASES, offset: 0 }),
    ]);
    return profileView(profile, {
      units,
      currentPost,
      target: target && { postCode: target.code, post: target },
      scheme: JPM_SCHEMES.standard,
      cases,
    });
  }

  async cases(actor: Actor, nip: string, q: PersonCasesQuery) {
    const agencyCode = this.scope.agencyOf(actor, q.agencyCode, nip);
    if ((await this.register.missing(agencyCode, [nip])).length > 0) throw new DomainError('PERSON_NOT_FOUND', { nip });
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 25;
    const { items, total } = await this.participants.casesOf(
      nip,
      { agencyCode, reach: REACH },
      { limit: pageSize, offset: (page - 1) * pageSize },
    );
    return { agencyCode, nip, page, pageSize, total, items };
  }
}
