import { Inject, Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError, disciplineSubjectOf, wibDate, type DisciplineSubject } from '@meritflow/domain';
import { contentSha256, RegisterRepository } from '@meritflow/persistence';
import type { DisciplineActivities } from '@meritflow/contracts';

/** The register as discipline cases read and change it. */
@Injectable()
export class DisciplineActivitiesImpl implements DisciplineActivities {
  constructor(@Inject(RegisterRepository) private readonly register: RegisterRepository) {}

  async loadDisciplineSubject(input: { agencyCode: string; nip: string; asOf: string }): Promise<DisciplineSubject | null> {
    try {
      return disciplineSubjectOf(await this.register.profile(input.agencyCode, input.nip, input.asOf));
    } catch (err) {
      if (err instanceof DomainError && err.code === 'PERSON_NOT_FOUND') return null;
      throw err;
    }
  }

  async recordDisciplineEffect(input: Parameters<DisciplineActivities['recordDisciplineEffect']>[0]) {
    // A retry after a commit finds its events already held (same content) and writes nothing more.
    const held = await this.register.events(input.agencyCode, input.nip).catch(() => []);
    const retracted = new Set(held.flatMap((e) => (e.type === 'events_retracted' ? e.payload.eventIds : [])));
    const live = held.filter((e) => e.type !== 'events_retracted' && !retracted.has(e.id));
    const key = (d: { type: string; payload: unknown }) => contentSha256(d as never).toString('hex');
    const liveKeys = new Map(live.map((e) => [key(e), e.id]));
    const fresh = input.drafts.filter((d) => !liveKeys.has(key(d)));
    const already = input.drafts.filter((d) => liveKeys.has(key(d))).map((d) => liveKeys.get(key(d))!);
    try {
      const stored = fresh.length
        ? await this.register.record(
            input.agencyCode,
            input.nip,
            fresh,
            { actor: input.actor, reason: input.reason, evidence: input.evidence },
            wibDate(new Date()),
          )
        : [];
      return { eventIds: [...already, ...stored.map((e) => e.id)], skipped: already.length };
    } catch (err) {
      // The register refused the change (a rule of its own): retrying cannot fix it.
      if (err instanceof DomainError) throw ApplicationFailure.nonRetryable(err.message, err.code, err.params);
      throw err;
    }
  }

  asActivities(): DisciplineActivities {
    return {
      loadDisciplineSubject: this.loadDisciplineSubject.bind(this),
      recordDisciplineEffect: this.recordDisciplineEffect.bind(this),
    };
  }
}
