import { wibDate } from '../calendar/working-days';
import type { FieldIssue } from '../errors';
import type { LocalizedText } from '../i18n/messages';
import type { MobilityPolicy } from './mobility-policy';
import type { ElectionWindowFacts, MinisterApproval, MoveFacts } from './move';
import {
  ageLimit,
  disciplinaryBlock,
  electionMoratorium,
  jptProtection,
  minimumTenure,
  MOBILITY_RULES,
  newPnsTransferBan,
  rotationSameLevel,
  rotationTenureWindow,
  type MobilityRule,
  type MobilityVerdict,
} from './rules';
import { sanctionInForceOnPromotion } from './promotion-sanction';

export interface MoveEvaluation {
  /** True when no verdict blocks: every rule passed, or its failure was overridden. */
  allowed: boolean;
  ruleVersion: string;
  /** The WIB calendar date the rules were applied on. */
  asOf: string;
  /** Every rule that applies to the move, passed or not. */
  verdicts: MobilityVerdict[];
  /** Failed and not overridden. */
  blocking: MobilityVerdict[];
}

export interface MobilityReferenceFacts {
  windows: readonly ElectionWindowFacts[];
  approvals: readonly MinisterApproval[];
}

const evaluation = (ruleVersion: string, asOf: string, verdicts: MobilityVerdict[]): MoveEvaluation => {
  const blocking = verdicts.filter((v) => !v.passed && !v.overridden);
  return { allowed: blocking.length === 0, ruleVersion, asOf, verdicts, blocking };
};

/** Runs every rule that applies to the move and reports each, so the result is a complete record. */
export function evaluateMove(move: MoveFacts, facts: MobilityReferenceFacts, policy: MobilityPolicy, asOf: Date): MoveEvaluation {
  const verdicts = [
    electionMoratorium(move, facts.windows, facts.approvals, policy, asOf),
    jptProtection(move, policy, asOf),
    minimumTenure(move, policy, asOf),
    rotationTenureWindow(move, policy, asOf),
    rotationSameLevel(move, policy),
    newPnsTransferBan(move, policy, asOf),
    disciplinaryBlock(move, policy, asOf),
    sanctionInForceOnPromotion(move, policy, asOf),
    ageLimit(move, policy, asOf),
  ].filter((v): v is MobilityVerdict => v !== null);
  return evaluation(policy.version, wibDate(asOf), verdicts);
}

/**
 * Which failed rules an authorised override, citing a named legal-basis document, may lift, and why.
 * Where no source settles it the choice is marked [BK].
 */
export const OVERRIDE_RULES: Readonly<Record<MobilityRule, { overridable: boolean; reason: LocalizedText }>> = Object.freeze({
  electionMoratorium: {
    overridable: false,
    reason: {
      id: 'UU 10/2016 Pasal 71(2) dan 162(3) hanya mengenal satu pengecualian, persetujuan tertulis Menteri Dalam Negeri, yang dibaca oleh aturan itu sendiri; pelanggaran diancam pidana (Pasal 190), sehingga dokumen lain tidak dapat mencabut larangan',
      en: 'UU 10/2016 Pasal 71(2) and 162(3) know one exception, the written approval of the Minister of Home Affairs, which the rule itself reads; a breach is an offence (Pasal 190), so no other document can lift the ban',
    },
  },
  jptProtection: {
    overridable: true,
    reason: {
      id: 'UU 5/2014 Pasal 116(1) mengecualikan pejabat yang melanggar ketentuan atau tidak lagi memenuhi syarat jabatan (untuk utama/madya dengan persetujuan Presiden); dokumen itulah dasar hukumnya',
      en: 'UU 5/2014 Pasal 116(1) excepts an official who broke the rules or no longer meets the requirements of the post (utama/madya: with the President’s approval); that document is the legal basis',
    },
  },
  minimumTenure: {
    overridable: true,
    reason: {
      id: '[BK] masa jabatan paling singkat untuk mutasi adalah ketentuan kebijakan; kebutuhan organisasi yang dituangkan dalam keputusan PPK dapat membenarkan pengecualian',
      en: '[BK] the minimum tenure before a mutation is a policy setting; an organisational need recorded in a PPK decision may justify an exception',
    },
  },
  rotationTenureWindow: {
    overridable: true,
    reason: {
      id: '[BK] PP 11/2017 Pasal 190(3) mengatur rentang rotasi terencana; kebutuhan organisasi yang didokumentasikan dapat membenarkan rotasi di luar rentang, dan masa jabatan di atas batas berarti rotasi terlambat, bukan terlarang',
      en: '[BK] PP 11/2017 Pasal 190(3) sets the interval for planned rotations; a documented organisational need may justify a rotation outside it, and a tenure over the maximum means a rotation is overdue, not barred',
    },
  },
  rotationSameLevel: {
    overridable: false,
    reason: {
      id: 'rotasi menurut pengertiannya berada pada jenjang yang sama dalam satu instansi; perpindahan lain diusulkan sebagai promosi atau mutasi dengan aturannya sendiri',
      en: 'a rotation is by definition at the same level within one agency; any other move is proposed as a promotion or a mutation, under its own rules',
    },
  },
  newPnsTransferBan: {
    overridable: false,
    reason: {
      id: 'PermenPANRB 6/2024 Pasal 59 tidak memuat pengecualian: PNS yang mengajukan pindah sebelum 10 tahun dianggap mengundurkan diri [BK: sumber tidak menyebut pengecualian]',
      en: 'PermenPANRB 6/2024 Pasal 59 has no exception: a civil servant who asks to move within 10 years is treated as having resigned [BK: the source names no exception]',
    },
  },
  disciplinaryBlock: {
    overridable: false,
    reason: {
      id: 'hukuman disiplin PP 94/2021 berjalan sampai selesai, dan berkas mutasi wajib memuat pernyataan tidak sedang menjalani hukuman disiplin; tidak ada pejabat yang berwenang mengesampingkannya',
      en: 'a PP 94/2021 sanction runs its course, and the mutation file must state that the official is not under discipline; no official may waive that',
    },
  },
  ageLimit: {
    overridable: true,
    reason: {
      id: '[BK] batas usia adalah ketentuan tambahan instansi penerima, bukan undang-undang; instansi itu dapat mengecualikannya dengan keputusan yang terdokumentasi',
      en: '[BK] the age limit is a receiving agency’s extra, not a statute; that agency may waive it by a documented decision',
    },
  },
  sanctionInForce: {
    overridable: false,
    reason: {
      id: 'hukuman disiplin PP 94/2021 berjalan sampai selesai; selama berlaku pegawai tidak dapat dipromosikan',
      en: 'a PP 94/2021 sanction runs its course; while it is in force the official is not promoted',
    },
  },
  talentPoolMembership: {
    overridable: false,
    reason: {
      id: 'jalur talenta hanya untuk anggota kelompok rencana suksesi yang disetujui komite talenta; pegawai lain diusulkan melalui jalur lain',
      en: 'the talent route is only for members of a pool the talent committee approved; anyone else is proposed by another route',
    },
  },
  fillWithoutOpenSelection: {
    overridable: false,
    reason: {
      id: 'jika syarat pengisian tanpa seleksi terbuka tidak terpenuhi, jabatan diisi melalui seleksi terbuka (PermenPANRB 15/2019)',
      en: 'when the conditions for filling without an open selection are not met, the post is filled by open selection (PermenPANRB 15/2019)',
    },
  },
});

/** True when the verdict blocks and an authorised override with a legal-basis document may lift it. */
export const overridable = (v: MobilityVerdict): boolean => !v.passed && !v.overridden && OVERRIDE_RULES[v.rule].overridable;

export interface MoveOverride {
  rules: string[];
  legalBasis: { documentRef: string; title: string };
}

const issue = (field: string, rule: string, id: string, en: string): FieldIssue => ({ field, rule, message: { id, en } });

/**
 * Lifts the named blocking verdicts, each marked `overridden` with the legal-basis document, and
 * recomputes `allowed`. All or nothing: one rule that is unknown, not blocking or not overridable
 * refuses the whole override, with an issue per problem. The evaluation passed in is not changed.
 */
export function applyOverride(
  current: MoveEvaluation,
  override: MoveOverride,
): { ok: true; value: MoveEvaluation } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const documentRef = override.legalBasis.documentRef.trim();
  const title = override.legalBasis.title.trim();
  if (documentRef === '') {
    issues.push(
      issue(
        'legalBasis.documentRef',
        'required',
        'pengecualian memerlukan nomor dokumen dasar hukum',
        'an override needs the reference of its legal-basis document',
      ),
    );
  }
  if (title === '') {
    issues.push(
      issue(
        'legalBasis.title',
        'required',
        'pengecualian memerlukan judul dokumen dasar hukum',
        'an override needs the title of its legal-basis document',
      ),
    );
  }
  if (override.rules.length === 0) {
    issues.push(issue('rules', 'required', 'sebutkan aturan yang dikecualikan', 'name the rules to override'));
  }
  const rules = [...new Set(override.rules)];
  rules.forEach((rule) => {
    const field = `rules[${override.rules.indexOf(rule)}]`;
    if (!(MOBILITY_RULES as readonly string[]).includes(rule)) {
      issues.push(issue(field, 'isIn', `aturan "${rule}" tidak dikenal`, `unknown rule "${rule}"`));
      return;
    }
    const known = rule as MobilityRule;
    if (!current.blocking.some((v) => v.rule === known)) {
      issues.push(
        issue(
          field,
          'notBlocking',
          `aturan "${rule}" tidak menghalangi perpindahan ini, sehingga tidak ada yang dikecualikan`,
          `rule "${rule}" does not block this move, so there is nothing to override`,
        ),
      );
      return;
    }
    const policy = OVERRIDE_RULES[known];
    if (!policy.overridable) {
      issues.push(
        issue(
          field,
          'notOverridable',
          `aturan "${rule}" tidak dapat dikecualikan: ${policy.reason.id}`,
          `rule "${rule}" cannot be overridden: ${policy.reason.en}`,
        ),
      );
    }
  });
  if (issues.length > 0) return { ok: false, issues };

  const verdicts = current.verdicts.map((v): MobilityVerdict =>
    !v.passed && !v.overridden && rules.includes(v.rule) ? { ...v, overridden: true, override: { documentRef, title } } : v,
  );
  return { ok: true, value: evaluation(current.ruleVersion, current.asOf, verdicts) };
}
