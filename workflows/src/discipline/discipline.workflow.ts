import { ActivityFailure, allHandlersFinished, ApplicationFailure, condition, patched, setHandler, sleep } from '@temporalio/workflow';
import {
  addDaysIso,
  appealKindOf,
  appealWindowEndsOn,
  checkDisciplineDecisionFields,
  DISCIPLINE_RULES_VERSION,
  evaluateDecision,
  disciplineSopSettings,
  effectDrafts,
  getSop,
  isDismissal,
  restorationDrafts,
  sanctionTermOf,
  sanctionTermMonths,
  wibDate,
  type DisciplineSubject,
  type ErrorCode,
  type ErrorParams,
  type EvidenceRef,
  type RegisterEventDraft,
  type Sanction,
  type SanctionChoice,
} from '@meritflow/domain';
import {
  DISCIPLINE_CASE_TYPE,
  disciplineDecideUpdate,
  disciplineStateQuery,
  type DisciplineDecisionInput,
  type DisciplineState,
  type DisciplineWorkflowInput,
} from '@meritflow/contracts';
import { discipline, ledger } from '../shared/ledger';
import { refuse, refuseUnless, SopCase } from '../shared/sop-case';

/** A dismissal also writes `service_ended` to the register (task G); older dismissal histories replay without it. */
const DISMISSAL_ENDS_SERVICE_PATCH = 'discipline-dismissal-ends-service';

/** The first instant after a WIB calendar day: when a period that ends on `lastDay` is over. */
const endOfWibDay = (lastDay: string): number => Date.parse(`${addDaysIso(lastDay, 1)}T00:00:00+07:00`);

/**
 * A discipline case under PP 94/2021: the report, the examination (a team's minutes for a heavy
 * sanction), the PPK's decision on level and sanction, the decree, the administrative appeal window,
 * then the sanction in force. When it takes effect the register records it (and a heavy sanction's
 * demotion or move), and a durable timer ends a time-bound sanction and opens HR's restoration step.
 */
export async function disciplineWorkflow(input: DisciplineWorkflowInput): Promise<DisciplineState> {
  const sop = getSop(input.sop);
  const settings = disciplineSopSettings(sop);
  const { agencyCode, caseCode } = input;
  let subject: DisciplineSubject = input.subject;
  let subjectAtEffect: DisciplineSubject | null = null;
  let examination: DisciplineState['examination'] = null;
  let decided: DisciplineState['decided'] = null;
  let decree: DisciplineState['decree'] = null;
  let decreeBy: { actor: DisciplineDecisionInput['actor']; evidence: EvidenceRef[] } | null = null;
  let appealWindow: DisciplineState['appealWindow'] = null;
  let appeal: DisciplineState['appeal'] = null;
  let inForce: DisciplineState['inForce'] = null;
  let termEndsAt: string | null = null;
  const registerChanges: DisciplineState['registerChanges'] = [];
  let busy = false;

  // The summary goes to the case list every role of the agency reads: no name, no sanction.
  const kase = new SopCase(
    sop,
    DISCIPLINE_CASE_TYPE,
    () => ({ agencyCode, businessKey: caseCode, title: `Kasus disiplin ${caseCode}`, details: { caseCode } }),
    ledger,
  );

  const view = (): DisciplineState => ({
    caseType: DISCIPLINE_CASE_TYPE,
    ...kase.baseView(),
    agencyCode,
    caseCode,
    subject,
    allegation: input.allegation,
    reportedOn: input.reportedOn,
    examination,
    decided,
    decree,
    appealWindow,
    appeal,
    inForce,
    termEndsAt,
    registerChanges,
  });

  const choiceOf = (d: DisciplineDecisionInput): Partial<SanctionChoice> => ({
    level: d.level,
    sanction: d.sanction as Sanction | undefined,
    ...(d.pelaksanaPost ? { pelaksanaPost: d.pelaksanaPost } : {}),
  });

  const validate = (d: DisciplineDecisionInput) => {
    if (busy) refuse('DECISION_NOT_ALLOWED', { step: kase.step.id, decision: d.decision, allowed: [] });
    // An appeal after the window closed is late, whatever step the case has reached since.
    if (d.decision === 'file_appeal' && appealWindow?.closed)
      refuse('APPEAL_WINDOW_CLOSED', { endsOn: appealWindow.endsOn, filedOn: d.filedOn ?? '-', fields: [] });
    const verdict = evaluateDecision(sop, kase.step.id, d);
    refuseUnless(verdict);
    kase.assertDuties(d.actor);
    const checked = checkDisciplineDecisionFields(
      d,
      {
        reportedOn: input.reportedOn,
        subject,
        examination,
        minExaminationTeam: settings.minExaminationTeam,
        decidedOn: decided?.decidedOn ?? null,
        appealWindow,
        inForce,
        subjectAtEffect,
      },
      wibDate(new Date()),
    );
    if (!checked.ok && checked.late)
      refuse('APPEAL_WINDOW_CLOSED', { endsOn: checked.endsOn, filedOn: checked.filedOn, fields: checked.fields });
    if (!checked.ok) refuse('VALIDATION_FAILED', { fields: checked.fields });
    return verdict;
  };

  /** Writes register events; the register's refusal comes back as the activity's own code. */
  const writeRegister = async (
    kind: 'effect' | 'restoration',
    drafts: RegisterEventDraft[],
    actor: DisciplineDecisionInput['actor'],
    evidence: EvidenceRef[],
    reason: string,
  ) => {
    if (drafts.length === 0) return [];
    const res = await discipline.recordDisciplineEffect({ agencyCode, nip: subject.nip, drafts, actor, reason, evidence });
    registerChanges.push({ kind, recordedAt: new Date().toISOString(), eventIds: res.eventIds, drafts });
    return res.eventIds;
  };

  setHandler(disciplineStateQuery, view);
  setHandler(
    disciplineDecideUpdate,
    async (d) => {
      const verdict = validate(d);
      const common = { reason: d.reason ?? null, evidence: d.evidence ?? [] };
      const today = wibDate(new Date());
      switch (d.decision) {
        case 'record_examination':
          examination = {
            examinedOn: d.examinedOn!,
            team: (d.team ?? []).map((m) => ({ id: m.id, name: m.name })),
            minutes: (d.evidence ?? []).length,
          };
          await kase.transition(d.decision, d.actor, verdict.to, { ...common, payload: { examination } });
          break;
        case 'decide_sanction': {
          const choice = choiceOf(d) as SanctionChoice;
          decided = { ...choice, decidedOn: d.decidedOn ?? today, by: d.actor.id };
          await kase.transition(d.decision, d.actor, verdict.to, {
            ...common,
            payload: { sanction: decided, asOf: decided.decidedOn, subject, examination, termMonths: sanctionTermMonths(choice.sanction) },
            ruleVersion: DISCIPLINE_RULES_VERSION,
          });
          break;
        }
        case 'record_decree': {
          decree = { number: d.decreeNumber!, date: d.decreeDate!, effectiveDate: d.effectiveDate! };
          decreeBy = { actor: d.actor, evidence: d.evidence ?? [] };
          const kind = appealKindOf(decided!.sanction);
          const endsOn = appealWindowEndsOn(decree.date, kind, settings.appealWindow);
          const fast = settings.fastTimers;
          const closesAt = fast ? Date.now() + fast.appealWindowSeconds * 1000 : endOfWibDay(endsOn);
          appealWindow = { kind, opensOn: decree.date, endsOn, closesAt: new Date(closesAt).toISOString(), closed: false };
          await kase.transition(d.decision, d.actor, verdict.to, {
            ...common,
            payload: { decree, appealWindow },
            ruleVersion: DISCIPLINE_RULES_VERSION,
          });
          break;
        }
        case 'file_appeal':
          appeal = { kind: d.appealKind!, filedOn: d.filedOn!, outcome: null, changedTo: null };
          await kase.transition(d.decision, d.actor, verdict.to, {
            ...common,
            payload: { appeal, appealWindow },
            ruleVersion: DISCIPLINE_RULES_VERSION,
          });
          break;
        case 'appeal_upheld':
        case 'appeal_changed':
        case 'appeal_annulled': {
          const outcome = d.decision === 'appeal_upheld' ? 'upheld' : d.decision === 'appeal_changed' ? 'changed' : 'annulled';
          appeal = { ...appeal!, outcome, changedTo: outcome === 'changed' ? (choiceOf(d) as SanctionChoice) : null };
          await kase.transition(d.decision, d.actor, verdict.to, {
            ...common,
            payload: { appeal, decided },
            ruleVersion: DISCIPLINE_RULES_VERSION,
          });
          break;
        }
        case 'record_restoration': {
          const drafts = restorationDrafts(inForce!, subjectAtEffect!, d.restorationDecreeNumber ?? '-');
          busy = true;
          let eventIds: number[];
          try {
            eventIds = await writeRegister(
              'restoration',
              drafts,
              d.actor,
              d.evidence ?? [],
              `Pemulihan setelah hukuman disiplin berakhir (${caseCode})`,
            );
          } catch (err) {
            throw asRefusal(err);
          } finally {
            busy = false;
          }
          await kase.transition(d.decision, d.actor, verdict.to, {
            ...common,
            payload: { sanction: inForce, register: { drafts, eventIds } },
          });
          break;
        }
        default:
          await kase.transition(d.decision, d.actor, verdict.to, { ...common, payload: {} });
      }
      return kase.ack();
    },
    { validator: (d) => void validate(d) },
  );

  /** The sanction (as decided, or as changed on appeal) takes effect: the register records it, as the decree's recorder. */
  const takeEffect = async () => {
    const choice = appeal?.changedTo ?? decided!;
    inForce = sanctionTermOf(choice, { number: decree!.number, effectiveDate: decree!.effectiveDate });
    subjectAtEffect = (await discipline.loadDisciplineSubject({ agencyCode, nip: subject.nip, asOf: wibDate(new Date()) })) ?? subject;
    subject = subjectAtEffect;
    // Cases that dismissed before the register knew `service_ended` recorded the sanction only.
    const endsService = isDismissal(inForce.sanction) && patched(DISMISSAL_ENDS_SERVICE_PATCH);
    const drafts = effectDrafts(inForce, subjectAtEffect, { endsService });
    let eventIds: number[] = [];
    try {
      eventIds = await writeRegister(
        'effect',
        drafts,
        decreeBy!.actor,
        decreeBy!.evidence,
        `Hukuman disiplin ${inForce.sanction}, SK ${inForce.decreeNumber} (${caseCode})`,
      );
    } catch (err) {
      // The sanction is in force by its decree whatever the register says; HR follows the refusal up.
      await kase.note('register_effect_failed', { reason: (err as Error).message, payload: { drafts, error: refusalOf(err) } });
    }
    // The facts the effect was computed from: the register as of the day it took effect.
    const payload = { sanction: inForce, register: { drafts, eventIds }, asOf: subjectAtEffect.asOf, subject: subjectAtEffect };
    const months = sanctionTermMonths(inForce.sanction);
    if (months !== null && inForce.endsOn) {
      const fast = settings.fastTimers;
      termEndsAt = new Date(fast ? Date.now() + months * fast.secondsPerMonth * 1000 : endOfWibDay(inForce.endsOn)).toISOString();
      await kase.auto('sanction_in_force', {
        reason: `in force ${inForce.imposedOn} to ${inForce.endsOn}`,
        payload: { ...payload, termEndsAt },
        ruleVersion: DISCIPLINE_RULES_VERSION,
      });
    } else {
      await kase.auto('sanction_applied', { reason: `imposed on ${inForce.imposedOn}`, payload, ruleVersion: DISCIPLINE_RULES_VERSION });
    }
  };

  // The official reported never acts on their own case.
  kase.assign(subject.nip, 'candidate');
  await kase.start(input.reportedBy, {
    reason: input.reason,
    evidence: input.evidence,
    payload: { allegation: input.allegation, reportedOn: input.reportedOn, subject },
  });

  while (!kase.step.terminal) {
    const step = kase.step.id;
    if (step === 'appeal_window') {
      const remaining = Date.parse(appealWindow!.closesAt) - Date.now();
      const moved = remaining > 0 ? await condition(() => kase.step.id !== step, remaining) : false;
      if (moved) continue;
      appealWindow = { ...appealWindow!, closed: true };
      await kase.auto('appeal_window_closed', { reason: `no appeal filed by ${appealWindow.endsOn}`, payload: { appealWindow } });
    } else if (step === 'taking_effect') {
      await takeEffect();
    } else if (step === 'in_force') {
      const remaining = Date.parse(termEndsAt!) - Date.now();
      if (remaining > 0) await sleep(remaining);
      await kase.auto('sanction_ended', { reason: `the sanction ended on ${inForce!.endsOn}`, payload: { sanction: inForce } });
    } else {
      await condition(() => kase.step.id !== step);
    }
  }
  await condition(allHandlersFinished);
  return view();
}

function refusalOf(err: unknown): { code: string; params: unknown } | null {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) return { code: cause.type ?? 'INTERNAL', params: cause.details?.[0] ?? {} };
  return null;
}

/** A register refusal during an update, passed on with its code so the API answers it as the register would. */
function asRefusal(err: unknown): ApplicationFailure {
  const r = refusalOf(err);
  if (!r) return ApplicationFailure.create({ type: 'INTERNAL', message: String(err), nonRetryable: true });
  return ApplicationFailure.create({ type: r.code as ErrorCode, message: r.code, details: [r.params as ErrorParams], nonRetryable: true });
}
