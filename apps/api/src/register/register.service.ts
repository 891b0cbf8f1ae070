import { Injectable } from '@nestjs/common';
import { DomainError, isNational, reachesAgency, wibDate, type Actor, type RegisterEventDraft } from '@meritflow/domain';
import { EvidenceRepository, RegisterRepository } from '@meritflow/persistence';
import { assertEvidenceExists } from '../common/evidence-refs';
import { OutOfScope } from '../common/out-of-scope';
import type { PeopleQuery, RecordEventsDto, RegisterPersonDto } from './dto/register.dto';

/**
 * The repository numbers the registration as change 0 and the request's `events` from 1: name the
 * fields as the request did (`nip`, `birthDate`; `events.<i>` of the request's list).
 */
function requestFields(err: unknown): unknown {
  if (!(err instanceof DomainError) || err.code !== 'VALIDATION_FAILED' || !err.params.fields) return err;
  const fields = err.params.fields.map((f) => {
    const m = /^events\.(\d+)\.(.*)$/.exec(f.field);
    if (!m) return f;
    const i = Number(m[1]);
    return { ...f, field: i === 0 ? m[2] : `events.${i - 1}.${m[2]}` };
  });
  return new DomainError('VALIDATION_FAILED', { ...err.params, fields });
}

/** The ASN register's use cases: scope, evidence and the register's own rules, then one write. */
@Injectable()
export class RegisterService {
  constructor(
    private readonly register: RegisterRepository,
    private readonly evidence: EvidenceRepository,
  ) {}

  /**
   * The agency whose register the request reads or writes: the actor's own, or for a national body
   * the one it names. Another agency's register answers exactly like a NIP that is not there.
   */
  agencyOf(actor: Actor, requested: string | undefined, nip?: string): string {
    if (isNational(actor)) {
      if (!requested) {
        throw new DomainError('VALIDATION_FAILED', {
          fields: [
            {
              field: 'agencyCode',
              rule: 'required',
              message: { id: 'sebutkan instansi (agencyCode)', en: 'name the agency (agencyCode)' },
            },
          ],
        });
      }
      return requested;
    }
    const own = actor.agency!;
    if (requested && !reachesAgency(actor, requested)) {
      throw new OutOfScope('PERSON_NOT_FOUND', { nip: nip ?? '-' }, 'REGISTER_OUT_OF_SCOPE', { agencyCode: requested });
    }
    return own;
  }

  today(): string {
    return wibDate(new Date());
  }

  async registerPerson(actor: Actor, dto: RegisterPersonDto) {
    const agencyCode = this.agencyOf(actor, undefined, dto.nip);
    const source = dto.source ?? 'register';
    const evidence = dto.evidence ?? [];
    if (source === 'external' && evidence.length === 0) {
      throw new DomainError('VALIDATION_FAILED', {
        fields: [
          {
            field: 'evidence',
            rule: 'register.externalEvidence',
            message: {
              id: 'pegawai dari instansi lain wajib disertai bukti (SK dan penilaian kinerja)',
              en: 'an official from another agency must come with evidence (their decrees and ratings)',
            },
          },
        ],
      });
    }
    await assertEvidenceExists(this.evidence, evidence, 'evidence', [agencyCode]);
    const drafts: RegisterEventDraft[] = [
      {
        type: 'person_registered',
        payload: {
          employmentType: dto.employmentType,
          name: dto.name,
          birthDate: dto.birthDate,
          sex: dto.sex,
          unitCode: dto.unitCode,
          source,
          ...(dto.homeAgencyCode ? { homeAgencyCode: dto.homeAgencyCode } : {}),
        },
      },
      ...((dto.events ?? []) as RegisterEventDraft[]),
    ];
    const events = await this.register
      .record(agencyCode, dto.nip, drafts, { actor, reason: dto.reason, evidence }, this.today())
      .catch((err: unknown) => {
        throw requestFields(err);
      });
    return { nip: dto.nip, events, profile: await this.register.profile(agencyCode, dto.nip, this.today()) };
  }

  async recordEvents(actor: Actor, nip: string, dto: RecordEventsDto) {
    const agencyCode = this.agencyOf(actor, undefined, nip);
    const evidence = dto.evidence ?? [];
    await assertEvidenceExists(this.evidence, evidence, 'evidence', [agencyCode]);
    const events = await this.register.record(
      agencyCode,
      nip,
      dto.events as RegisterEventDraft[],
      { actor, reason: dto.reason, evidence },
      this.today(),
    );
    return { nip, events, profile: await this.register.profile(agencyCode, nip, this.today()) };
  }

  async events(actor: Actor, nip: string, q: { agencyCode?: string }) {
    const agencyCode = this.agencyOf(actor, q.agencyCode, nip);
    return { nip, events: await this.register.events(agencyCode, nip) };
  }

  async search(actor: Actor, q: PeopleQuery) {
    const agencyCode = this.agencyOf(actor, q.agencyCode);
    await this.register.refreshDue(agencyCode, this.today());
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 25;
    const { items, total } = await this.register.search({ ...q, agencyCode, page, pageSize });
    return { agencyCode, page, pageSize, total, items };
  }
}
