import type { RegisterPost } from '../register/reference-data';
import type { PersonProfile } from '../register/register.types';
import { sanctionInForce, talentPoolSanction } from '../register/sanction-consequences';
import { SANCTION_LEVELS, type SanctionLevel } from '../selection/candidate';
import { parseIsoDate, wholeYearsBetween } from '../selection/iso-date';
import type { JpmScheme } from '../selection/scoring';
import type { NineBoxPlacement } from '../mobility/talent';
import { successionList, TALENT_REVIEW_2026 } from './talent-review';

export const TALENT_REPORT_VERSION = 'talent-report@2026-01-01';

/** A pool as stored: its validity and members. */
export interface ReportPool {
  reviewId: string;
  period: string;
  validFrom: string;
  validTo: string;
  approvedAt: string;
  members: { nip: string; performance: NineBoxPlacement['performance']; potential: NineBoxPlacement['potential']; box: number }[];
}

export interface TalentReportInput {
  agencyCode: string;
  /** WIB calendar dates: the period is [from, to). */
  from: string;
  to: string;
  /** The last day of the period: the register is read as of it. */
  lastDay: string;
  assessedWithinYears: number;
  /** Every official of the agency's register, as of `lastDay`. */
  profiles: readonly PersonProfile[];
  criticalPosts: readonly Pick<RegisterPost, 'code' | 'title' | 'competencyStandard'>[];
  /** The approved pools of the agency. */
  pools: readonly ReportPool[];
  /** Posts filled in the period, from the ledger. */
  filled: { openSelection: number; talentPool: number; mutationOrRotation: number };
  jpmScheme?: JpmScheme;
}

export interface TalentReport {
  reportVersion: string;
  agencyCode: string;
  from: string;
  to: string;
  postsFilled: { openSelection: number; talentPool: number; mutationOrRotation: number; total: number };
  reviews: { approved: number; poolMembers: number; poolInForceOnLastDay: string | null };
  criticalPosts: {
    total: number;
    covered: number;
    coveragePercent: number | null;
    posts: { code: string; title: string; successors: number; ready: number }[];
  };
  assessment: { officials: number; assessed: number; assessedPercent: number | null; withinYears: number };
  sanctions: {
    imposedInPeriod: Record<SanctionLevel, number>;
    inForceOnLastDay: number;
    barredFromTalentPoolOnLastDay: number;
    barredPoolMembers: number;
  };
}

const pct = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 10000) / 100);

/**
 * The figures of the merit-system evaluation's promotion-and-mutation and talent-management aspects
 * for one agency and period (domain.md §5), from the ledger's counts and the register as of the
 * period's last day:
 * - posts filled by open selection (inaugurations), from the talent pool (talent-promotion decrees)
 *   and by mutation or rotation;
 * - talent reviews approved in the period, and the pool valid on the last day;
 * - critical posts covered: at least one member of that pool, not the holder, with a job fit at least
 *   "cukup optimal" against the post's standard (a ready successor [BK]);
 * - officials assessed within the last N years;
 * - sanctions imposed in the period by level, and their effects on the last day.
 */
export function talentManagementReport(input: TalentReportInput): TalentReport {
  const scheme = input.jpmScheme ?? TALENT_REVIEW_2026.jpmScheme;
  const lastDay = input.lastDay;
  const inPeriod = (date: string) => date >= input.from && date < input.to;
  const approved = input.pools.filter((p) => inPeriod(p.approvedAt.slice(0, 10)));
  const valid = input.pools
    .filter((p) => p.validFrom <= lastDay && lastDay <= p.validTo)
    .sort((a, b) => b.approvedAt.localeCompare(a.approvedAt))[0];
  const byNip = new Map(input.profiles.map((p) => [p.nip, p]));
  const members = (valid?.members ?? []).flatMap((m) => {
    const profile = byNip.get(m.nip);
    return profile ? [{ profile, placement: { performance: m.performance, potential: m.potential, box: m.box } as NineBoxPlacement }] : [];
  });
  const posts = input.criticalPosts.map((post) => {
    const list = successionList(post, members, scheme);
    return {
      code: post.code,
      title: post.title,
      successors: list.length,
      ready: list.filter((c) => c.jpmPercent !== null && c.jpmPercent >= scheme.cukupOptimal).length,
    };
  });
  const covered = posts.filter((p) => p.ready > 0).length;

  const assessed = input.profiles.filter((p) =>
    p.competencies.some(
      (c) => parseIsoDate(c.assessedOn) && c.assessedOn <= lastDay && wholeYearsBetween(c.assessedOn, lastDay) < input.assessedWithinYears,
    ),
  ).length;

  const imposed = Object.fromEntries(SANCTION_LEVELS.map((l) => [l, 0])) as Record<SanctionLevel, number>;
  for (const p of input.profiles) for (const s of p.sanctions) if (inPeriod(s.imposedOn)) imposed[s.level]++;
  const barred = input.profiles.filter((p) => !talentPoolSanction(p.sanctions, lastDay).passed);
  const inForce = input.profiles.filter((p) => !sanctionInForce(p.sanctions, lastDay).passed).length;
  const memberNips = new Set(valid?.members.map((m) => m.nip) ?? []);

  const f = input.filled;
  return {
    reportVersion: TALENT_REPORT_VERSION,
    agencyCode: input.agencyCode,
    from: input.from,
    to: input.to,
    postsFilled: { ...f, total: f.openSelection + f.talentPool + f.mutationOrRotation },
    reviews: {
      approved: approved.length,
      poolMembers: valid?.members.length ?? 0,
      poolInForceOnLastDay: valid?.reviewId ?? null,
    },
    criticalPosts: { total: posts.length, covered, coveragePercent: pct(covered, posts.length), posts },
    assessment: {
      officials: input.profiles.length,
      assessed,
      assessedPercent: pct(assessed, input.profiles.length),
      withinYears: input.assessedWithinYears,
    },
    sanctions: {
      imposedInPeriod: imposed,
      inForceOnLastDay: inForce,
      barredFromTalentPoolOnLastDay: barred.length,
      barredPoolMembers: barred.filter((p) => memberNips.has(p.nip)).length,
    },
  };
}

/** The report as CSV rows (indicator, value), labels in Bahasa Indonesia. */
export function talentReportRows(r: TalentReport): [string, string][] {
  const v = (x: number | null) => (x === null ? '' : String(x));
  return [
    ['instansi', r.agencyCode],
    ['periode_dari', r.from],
    ['periode_sampai', r.to],
    ['jabatan_diisi_seleksi_terbuka', v(r.postsFilled.openSelection)],
    ['jabatan_diisi_kelompok_rencana_suksesi', v(r.postsFilled.talentPool)],
    ['jabatan_diisi_mutasi_rotasi', v(r.postsFilled.mutationOrRotation)],
    ['reviu_talenta_disetujui', v(r.reviews.approved)],
    ['anggota_kelompok_rencana_suksesi', v(r.reviews.poolMembers)],
    ['jabatan_kritikal', v(r.criticalPosts.total)],
    ['jabatan_kritikal_memiliki_suksesor_siap', v(r.criticalPosts.covered)],
    ['persen_cakupan_jabatan_kritikal', v(r.criticalPosts.coveragePercent)],
    ['pegawai', v(r.assessment.officials)],
    [`pegawai_diuji_kompetensi_${r.assessment.withinYears}_tahun_terakhir`, v(r.assessment.assessed)],
    ['persen_pegawai_diuji_kompetensi', v(r.assessment.assessedPercent)],
    ...SANCTION_LEVELS.map((l): [string, string] => [`hukuman_disiplin_${l}_dijatuhkan`, v(r.sanctions.imposedInPeriod[l])]),
    ['pegawai_sedang_menjalani_hukuman', v(r.sanctions.inForceOnLastDay)],
    ['pegawai_terhalang_kelompok_rencana_suksesi', v(r.sanctions.barredFromTalentPoolOnLastDay)],
  ];
}
