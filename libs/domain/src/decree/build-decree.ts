import { DomainError } from '../errors';
import { decreeTemplateFor, type DecreeTemplate } from './decree-templates';
import type { DecreeContent, DecreeFacts, DecreeKind } from './decree.types';
import {
  DICTUM_ORDINALS,
  indonesianDate,
  MOVE_KIND_WORDING,
  POSITION_CLASS_WORDING,
  SANCTION_LEVEL_WORDING,
  SANCTION_WORDING,
  wibDayOf,
} from './decree-wording';

/** The decisions that appoint (or sanction), per decree kind: a decree exists only after one of them. */
export const APPOINTING_DECISIONS: Readonly<Record<DecreeKind, readonly string[]>> = Object.freeze({
  selection_appointment: ['pick'],
  move: ['approve', 'record_governor_decision', 'record_minister_decision'],
  talent_promotion: ['approve', 'record_governor_decision', 'record_minister_decision'],
  bulk_move: ['approve_batch'],
  discipline: ['decide_sanction'],
});

const orDash = (v: string | null | undefined): string => (v && v.trim() ? v : '-');
const capitalise = (s: string): string => s.replace(/(^|\s)\S/g, (c) => c.toUpperCase());

/** The values a template's `{{name}}` placeholders take for these facts. */
export function decreeVariables(f: DecreeFacts): Record<string, string> {
  const common = {
    agency: f.agencyCode,
    number: f.decreeNumber,
    tmt: indonesianDate(f.effectiveDate),
    decisionDate: indonesianDate(wibDayOf(f.appointing.decidedAt)),
    signatoryOffice: f.signatory.office.toUpperCase(),
  };
  const s = f.subject;
  switch (s.kind) {
    case 'selection_appointment': {
      const cls = POSITION_CLASS_WORDING[s.post.positionClass ?? ''] ?? '';
      return {
        ...common,
        name: s.person.name,
        nip: s.person.nip,
        golongan: orDash(s.person.golongan),
        postTitle: orDash(s.post.title),
        postCode: s.post.code,
        unit: orDash(s.post.unit ?? s.post.agencyCode),
        positionClass: cls ? `Jabatan Pimpinan Tinggi ${cls}` : 'Jabatan Pimpinan Tinggi',
        positionClassUpper: cls.toUpperCase(),
        selectionTitle: s.selectionTitle,
        rank: s.rank === null ? '-' : String(s.rank),
        shortlistSize: String(s.shortlistSize),
        recommendation: s.recommendedBy ? ` dengan rekomendasi ${s.recommendedBy}` : '',
      };
    }
    case 'move':
    case 'talent_promotion': {
      const kind = MOVE_KIND_WORDING[s.moveKind] ?? s.moveKind;
      const post = (p: typeof s.from) =>
        `${p.title ? `${p.title} (${p.code})` : p.code}${p.unit ? ` pada ${p.unit}` : ''}, ${p.agencyCode}`;
      return {
        ...common,
        name: s.person.name,
        nip: s.person.nip,
        golongan: orDash(s.person.golongan),
        fromPost: post(s.from),
        toPost: post(s.to),
        moveKind: kind,
        moveKindTitle: capitalise(kind),
        moveKindUpper: kind.toUpperCase(),
        decidedBy: s.decidedBy,
      };
    }
    case 'bulk_move':
      return { ...common, count: `${s.annex.length}` };
    case 'discipline': {
      const level = SANCTION_LEVEL_WORDING[s.level as keyof typeof SANCTION_LEVEL_WORDING] ?? s.level;
      return {
        ...common,
        name: s.person.name,
        nip: s.person.nip,
        golongan: orDash(s.person.golongan),
        post: orDash(s.person.post),
        allegation: s.allegation,
        examined: s.examinedOn ? ` tanggal ${indonesianDate(s.examinedOn)}` : '',
        level,
        levelUpper: level.toUpperCase(),
        sanction: SANCTION_WORDING[s.sanction as keyof typeof SANCTION_WORDING] ?? s.sanction,
      };
    }
  }
}

const PLACEHOLDER = /\{\{([A-Za-z]+)\}\}/g;

/** Fills `{{name}}`; a name the facts do not give is a broken template, never printed as is. */
export function fillDecreeText(text: string, vars: Readonly<Record<string, string>>, where: string): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const v = vars[name];
    if (v === undefined) throw new Error(`decree template ${where}: no value for {{${name}}}`);
    return v;
  });
}

/** The template in force on the TMT, or a refusal naming the kind and the date. */
export function templateInForce(kind: DecreeKind, effectiveDate: string): DecreeTemplate {
  const t = decreeTemplateFor(kind, effectiveDate);
  if (!t) throw new DomainError('DECREE_TEMPLATE_NOT_IN_FORCE', { kind, effectiveDate });
  return t;
}

/**
 * Builds the decree of an appointing decision from the case's recorded facts, with the template
 * version in force on the decision's TMT. Pure: the same facts give the same content. A decree dated
 * before the decision it executes is refused (`decreeDate`, rule `decree.beforeDecision`).
 */
export function buildDecree(f: DecreeFacts): DecreeContent {
  const decidedOn = wibDayOf(f.appointing.decidedAt);
  if (f.decreeDate < decidedOn) {
    throw new DomainError('VALIDATION_FAILED', {
      fields: [
        {
          field: 'decreeDate',
          rule: 'decree.beforeDecision',
          message: {
            id: `tanggal SK tidak boleh sebelum keputusan yang ditetapkannya (${decidedOn})`,
            en: `the decree may not be dated before the decision it executes (${decidedOn})`,
          },
        },
      ],
    });
  }
  const t = templateInForce(f.subject.kind, f.effectiveDate);
  const vars = decreeVariables(f);
  const where = `${t.id}@${t.version}`;
  const fill = (text: string) => fillDecreeText(text, vars, where);
  const s = f.subject;
  return {
    template: { id: t.id, version: t.version, effectiveFrom: t.effectiveFrom },
    kind: s.kind,
    caseId: f.caseId,
    agencyCode: f.agencyCode,
    heading: `KEPUTUSAN ${vars.signatoryOffice}`,
    number: f.decreeNumber,
    about: fill(t.about),
    considerations: t.considerations.map(fill),
    legalBases: [...t.legalBases],
    decides: fill(t.decides),
    clauses: t.clauses.map((text, i) => ({ ordinal: DICTUM_ORDINALS[i], text: fill(text) })),
    place: f.place,
    date: f.decreeDate,
    dateText: indonesianDate(f.decreeDate),
    effectiveDate: f.effectiveDate,
    signatory: { ...f.signatory },
    annex:
      t.annex && s.kind === 'bulk_move'
        ? {
            title: t.annex.title,
            number: f.decreeNumber,
            columns: [...t.annex.columns],
            rows: s.annex.map((a, i) => [String(i + 1), a.nip, a.name, a.from, a.to]),
          }
        : null,
  };
}
