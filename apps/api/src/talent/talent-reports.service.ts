import { Injectable } from '@nestjs/common';
import { DomainError, isNational, parsePeriod, talentManagementReport, wibDate, type Actor, type TalentReport } from '@meritflow/domain';
import { RegisterReferenceRepository, TalentRepository } from '@meritflow/persistence';

/** The merit-system evaluation's talent-management and promotion-and-mutation figures of one agency and period. */
@Injectable()
export class TalentReportsService {
  constructor(
    private readonly talent: TalentRepository,
    private readonly reference: RegisterReferenceRepository,
  ) {}

  async report(actor: Actor, q: { agencyCode?: string; from: string; to: string; assessedWithinYears?: number }): Promise<TalentReport> {
    const agencyCode = isNational(actor) ? q.agencyCode : actor.agency;
    const period = parsePeriod(q.from, q.to, true);
    const fields = period.ok ? [] : period.issues;
    if (!agencyCode)
      fields.push({ field: 'agencyCode', rule: 'required', message: { id: 'sebutkan kode instansi', en: 'name the agency (agencyCode)' } });
    if (!period.ok || !agencyCode) throw new DomainError('VALIDATION_FAILED', { fields });
    const from = period.from!;
    const to = period.to!;
    const lastDay = wibDate(new Date(to.getTime() - 1));
    const [profiles, criticalPosts, pools, filled] = await Promise.all([
      this.talent.profilesOfAgency(agencyCode, lastDay),
      this.reference.posts(agencyCode, { critical: true }),
      this.talent.pools(agencyCode),
      this.talent.fillsInPeriod(agencyCode, from, to),
    ]);
    return talentManagementReport({
      agencyCode,
      from: wibDate(from),
      to: wibDate(to),
      lastDay,
      assessedWithinYears: q.assessedWithinYears ?? 3,
      profiles,
      criticalPosts,
      pools,
      filled,
    });
  }
}
