import PDFDocument from 'pdfkit';
import { decisionLabelOf, FILLING_METHOD_LABELS, labelOf, ROLE_LABELS } from '@meritflow/domain';
import { caseTypeEntry, childTypeOfId } from '@meritflow/contracts';
import { dossierSections, type DossierSections } from './dossier-sections';
import { disciplineSection, printDisciplineSection } from './dossier-discipline';
import type { CaseDossier, DossierDecision } from './dossier.types';

/** Headings of the printed dossier; tests and readers look for them. */
export const PDF_HEADINGS = {
  title: 'DOSIR KASUS',
  subtitle: 'Berkas pemeriksaan sistem merit',
  summary: 'Ringkasan Kasus',
  vacancy: 'Usulan Lowongan dan Keputusan PPK',
  committee: 'Panitia Seleksi',
  declarations: 'Pernyataan Konflik Kepentingan',
  scores: 'Nilai dan Peringkat',
  recommendations: 'Rekomendasi Pengawas Eksternal',
  picks: 'Keputusan PPK',
  appointments: 'Surat Keputusan dan Pelantikan',
  move: 'Data Pemindahan Pegawai',
  rules: 'Hasil Pemeriksaan Aturan Mobilitas',
  overrides: 'Pengecualian Aturan dan Dasar Hukumnya',
  talent: 'Penempatan Talenta (Kotak Sembilan) dan Kategori Sistem Merit',
  bulkMembers: 'Daftar Pegawai dalam SK Kolektif',
  annex: 'Lampiran SK Kolektif',
  decree: 'Surat Keputusan (SK) dan TMT',
  timeline: 'Linimasa Keputusan',
  evidence: 'Daftar Bukti',
  archive: 'Arsip Riwayat Alur Kerja',
  conformance: 'Hasil Pemeriksaan Kesesuaian SOP',
} as const;

const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACEMENTS: Record<string, string> = { '→': '->', '←': '<-', '≥': '>=', '≤': '<=', '≠': '!=', '×': 'x', '…': '...' };

/** The PDF's built-in fonts encode WinAnsi only; anything else is spelled out or replaced, never garbled. */
export function pdfSafe(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (REPLACEMENTS[ch]) out += REPLACEMENTS[ch];
    else if (ch === '\n' || (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (code === 0x09) out += ' ';
    else if (code >= 0x20) out += '?';
  }
  return out;
}

const WIB_MS = 7 * 60 * 60 * 1000;
/** Times are printed as Indonesian readers keep them: WIB. */
export const wib = (iso: string): string => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t + WIB_MS).toISOString().slice(0, 19).replace('T', ' ')} WIB`;
};

const role = (r: string) => labelOf(ROLE_LABELS, r).id;
const actorOf = (a: DossierDecision['actor']) => `${a.name ? `${a.name} ` : ''}(${a.id}), peran: ${role(a.role)}`;
const shortHash = (h: string | null | undefined) => (h ? `${h.slice(0, 16)}...` : '-');
const yesNo = (b: boolean) => (b ? 'ya' : 'tidak');

/** Which workflow of the case a row belongs to, in words (child labels from the case-type registry). */
function workflowLabel(d: DossierDecision): string {
  if (d.workflowId === d.rootWorkflowId) return 'kasus';
  const rest = d.workflowId.slice(d.rootWorkflowId.length + 1);
  const child = childTypeOfId(d.workflowId);
  if (!child) return rest;
  const key = rest.split(':').slice(1).join(':');
  return key ? `${child.label.id} ${key}` : child.label.id;
}

const MOVE_KINDS: Record<string, string> = {
  mutation: 'Mutasi',
  rotation: 'Rotasi',
  talent_promotion: 'Promosi dari kelompok rencana suksesi (manajemen talenta)',
};
const MOVE_SCOPES: Record<string, string> = {
  intra_agency: 'dalam satu instansi',
  inter_agency_province: 'antar-instansi dalam satu provinsi',
  inter_province: 'antar-provinsi',
};
const PERFORMANCE_LEVELS: Record<string, string> = {
  below: 'di bawah ekspektasi',
  meets: 'sesuai ekspektasi',
  above: 'di atas ekspektasi',
};
const POTENTIAL_LEVELS: Record<string, string> = { low: 'rendah', medium: 'menengah', high: 'tinggi' };
const TALENT_INPUTS: Record<string, string> = {
  performanceMain: 'Kinerja utama',
  performanceSupporting: 'Kinerja pendukung',
  competency: 'Kompetensi',
  potential: 'Potensial (masukan)',
  qualification: 'Kualifikasi',
  integrity: 'Integritas/moralitas',
  performanceScore: 'Skor sumbu kinerja',
  potentialScore: 'Skor sumbu potensial',
  finalScore: 'Skor akhir',
};
const meritLabel = (c: string | null | undefined) =>
  c
    ? c
        .split('_')
        .map((w) => w[0].toUpperCase() + w.slice(1))
        .join(' ')
    : 'belum tercatat';
const placeOf = (x: Record<string, unknown>) =>
  [x.positionCode, x.positionClass, x.agencyCode, x.regionCode].filter((v) => typeof v === 'string' && v).join(', ') +
  (typeof x.since === 'string' ? `, sejak ${x.since}` : '');

/** What kind of case, in words: the registry's label, and for a move its kind. */
function caseKind(c: CaseDossier['case'], sections: DossierSections): string {
  const label = caseTypeEntry(c.caseType)?.label.id ?? c.caseType;
  return sections.move ? `${label}: ${MOVE_KINDS[sections.move.kind] ?? sections.move.kind}` : label;
}

/** The parts of a payload a reader needs to follow the timeline; the JSON dossier carries the rest. */
function detailOf(d: DossierDecision): string | null {
  const p = d.payload as Record<string, any>;
  switch (d.decision) {
    case 'approve':
      if (p.evaluation) return evaluationDetail(p.evaluation);
      return `metode pengisian: ${labelOf(FILLING_METHOD_LABELS, String(p.fillingMethod)).id}`;
    case 'rules_evaluated':
    case 'decision_blocked':
    case 'record_governor_decision':
    case 'record_minister_decision':
      return p.evaluation ? `${p.attempted ? `percobaan ${p.attempted} ditolak aturan; ` : ''}${evaluationDetail(p.evaluation)}` : null;
    case 'override':
      return `aturan dikesampingkan: ${(p.rules ?? []).join(', ')}`;
    case 'tpk_advise':
      return p.competencyFit ? `kesesuaian kompetensi JPM ${p.competencyFit.jpmPercent}%` : null;
    case 'propose_batch':
      return `${(p.moves ?? []).length} pegawai diusulkan`;
    case 'members_checked':
      return `${p.checked} diperiksa, ${(p.blocked ?? []).length} terhalang aturan: ${(p.blocked ?? []).map((b: any) => b.nip).join(', ') || '-'}`;
    case 'approve_batch':
      return `${p.included} pegawai disetujui; dikecualikan: ${(p.exclusions ?? []).map((x: any) => `${x.nip} (${x.reason})`).join('; ') || '-'}`;
    case 'member_checked':
      return p.evaluation ? evaluationDetail(p.evaluation) : null;
    case 'register_candidates':
      return `${(p.candidates ?? []).length} pelamar: ${(p.candidates ?? [])
        .map((c: any) => {
          const who = c.register
            ? `${c.register.facts?.name} (${c.register.nip}; register v${c.register.registerVersion}, ${String(c.register.sha256).slice(0, 12)}…${c.register.source === 'external' ? ', sumber eksternal' : ''}${c.overrides?.length ? `, ${c.overrides.length} data dikesampingkan` : ''})`
            : `${c.profile?.name} (${c.profile?.nip})`;
          return `${who}${c.eligibility?.eligible === false ? ' tidak memenuhi syarat' : ''}`;
        })
        .join('; ')}`;
    case 'screened_out_ineligible':
      return `NIP ${p.nip}`;
    case 'screen_candidate':
      return `NIP ${p.nip}: ${p.passed ? `lulus, nilai administrasi ${p.administrativeScore}` : 'tidak lulus'}`;
    case 'record_assessment':
      return `NIP ${p.nip}: JPM ${p.jpm?.percent}% (${p.jpm?.category})`;
    case 'score':
      return `menilai NIP ${(p.nips ?? []).join(', ')} (nilai tertutup sampai dibuka)`;
    case 'recommend':
      return `jabatan ${p.postCode}: ${(p.recommended ?? []).join(', ')}`;
    case 'pick':
      return `jabatan ${p.postCode}: NIP ${p.nip}, peringkat ${p.rank}, nilai akhir ${p.total}`;
    case 'record_decree':
      return `nomor SK ${p.decreeNumber ?? p.decree?.number}, TMT ${p.effectiveDate ?? p.decree?.effectiveDate}${Array.isArray(p.annex) ? `, lampiran ${p.annex.length} pegawai` : ''}`;
    case 'record_inauguration':
      return `tanggal pelantikan ${p.inauguratedOn}`;
    case 'registration_closed':
    case 'registration_extended':
    case 'low_applicants_escalated':
      return p.eligibleApplicants
        ? `pelamar memenuhi syarat: ${Object.entries(p.eligibleApplicants)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}`
        : null;
    default:
      return null;
  }
}

/** A recorded rule evaluation in one line: version, as-of time, verdict and the rules that did not pass. */
function evaluationDetail(ev: any): string {
  const failing = (ev.verdicts ?? []).filter((v: any) => !v.passed).map((v: any) => `${v.rule}${v.overridden ? ' (dikecualikan)' : ''}`);
  return `aturan ${ev.ruleVersion} per ${ev.evaluatedAt ? wib(ev.evaluatedAt) : '-'}: ${ev.allowed ? 'diizinkan' : 'terhalang'}${failing.length ? `; tidak lolos: ${failing.join(', ')}` : ''}`;
}

/** Renders the dossier as a printable PDF in Bahasa Indonesia, with selectable (extractable) text. */
export function renderDossierPdf(dossier: CaseDossier): Promise<Buffer> {
  const decisionLabel = (d: string) => decisionLabelOf(dossier.case.caseType, d).id;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    bufferPages: true,
    lang: 'id-ID',
    info: {
      Title: pdfSafe(`Dosir kasus ${dossier.case.caseId}`),
      Author: 'meritflow',
      Subject: pdfSafe(dossier.case.title),
      Keywords: 'sistem merit, dosir, audit',
      CreationDate: new Date(dossier.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const text = (t: string, opts: PDFKit.Mixins.TextOptions = {}) => doc.text(pdfSafe(t), { width, ...opts });
  const heading = (t: string) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13);
    text(t);
    doc.font('Helvetica').fontSize(10).moveDown(0.3);
  };
  const field = (label: string, value: string) => {
    doc.font('Helvetica-Bold').fontSize(10);
    doc.text(pdfSafe(`${label}: `), { width, continued: true });
    doc.font('Helvetica');
    doc.text(pdfSafe(value || '-'));
  };
  const subheading = (t: string) => {
    doc.font('Helvetica-Bold').fontSize(10);
    text(t);
    doc.font('Helvetica');
  };
  const line = (t: string) => {
    doc.font('Helvetica').fontSize(10);
    text(t);
  };
  const { case: c, sop, conformance } = dossier;
  const sections = dossierSections(dossier.decisions);
  const name = (nip: string) => (sections.names[nip] ? `${sections.names[nip]} (${nip})` : nip);

  // Title page
  doc.moveDown(6).font('Helvetica-Bold').fontSize(24);
  text(PDF_HEADINGS.title, { align: 'center' });
  doc.font('Helvetica').fontSize(13).moveDown(0.3);
  text(PDF_HEADINGS.subtitle, { align: 'center' });
  doc.moveDown(3).fontSize(11);
  field('Kasus', c.title);
  field('Nomor kasus', c.caseId);
  field('Jenis kasus', caseKind(c, sections));
  field('Instansi', c.agencyCode);
  field('Status / tahap', `${c.status} / ${c.step}`);
  field('Versi SOP', `${sop.title.id} (${sop.id}@${sop.version}, berlaku sejak ${sop.effectiveFrom})`);
  field('Dasar hukum', sop.legalBasis.join('; '));
  field('Dibuka', wib(c.createdAt));
  field('Keputusan tercatat', String(dossier.decisions.length));
  field('Rantai hash buku besar', dossier.hashChain ? 'ada (hash setiap baris tercantum di linimasa)' : 'belum tersedia');
  field('Kesesuaian SOP', conformance.conforms ? 'SESUAI' : `TIDAK SESUAI (${conformance.violations.length} temuan)`);
  field('Dicetak', wib(dossier.generatedAt));

  doc.addPage();
  heading(PDF_HEADINGS.summary);
  line(
    'Dosir ini disusun dari buku besar keputusan (append-only) meritflow. Setiap keputusan mencatat siapa, dalam peran apa, memutuskan apa, ' +
      'mengapa, kapan, berdasarkan versi SOP dan aturan mana, serta dengan bukti apa. Bukti dirujuk dengan SHA-256 isinya.',
  );
  if (dossier.stateUnavailable)
    line(
      `Catatan: keadaan alur kerja tidak dapat dibaca saat dosir disusun (${dossier.stateUnavailable.code}); isi dosir bersumber dari buku besar.`,
    );
  if (dossier.stateSource === 'archive')
    line('Catatan: riwayat kasus ini sudah dilepas oleh Temporal; keadaan akhirnya dibaca dari arsip riwayat di basis data meritflow.');

  if (sections.vacancy) {
    heading(PDF_HEADINGS.vacancy);
    const p = sections.vacancy.proposal;
    field('Jabatan', `${p.title ?? '-'} (${p.positionCode ?? '-'}), ${p.organisationalUnit ?? '-'}`);
    field('Kelas jabatan', String(p.positionClass ?? '-'));
    field('Pangkat/golongan', `${p.gradeMin ?? '-'} s.d. ${p.gradeMax ?? '-'}`);
    field('Metode yang diusulkan', labelOf(FILLING_METHOD_LABELS, String(p.requestedFillingMethod)).id);
    const a = sections.vacancy.approval;
    field(
      'Keputusan PPK',
      a
        ? `disetujui, metode ${labelOf(FILLING_METHOD_LABELS, String(a.fillingMethod)).id}, oleh ${actorOf(a.by.actor)}, ${wib(a.by.decidedAt)}`
        : 'belum ada',
    );
  }

  if (sections.committee) {
    heading(PDF_HEADINGS.committee);
    const { members, by } = sections.committee;
    line(
      `Dibentuk oleh ${actorOf(by.actor)} pada ${wib(by.decidedAt)}; SK Pansel: ${by.evidence.map((e) => `${e.kind} SHA-256 ${shortHash(e.sha256)}`).join('; ') || '-'}`,
    );
    doc.moveDown(0.3);
    members.forEach((m, i) =>
      line(
        `${i + 1}. ${m.name} (${m.id}) - ${m.affiliation === 'internal' ? 'internal instansi' : 'eksternal'}${m.isChair ? ', ketua' : ''}`,
      ),
    );
  }

  if (sections.declarations.length > 0) {
    heading(PDF_HEADINGS.declarations);
    for (const dcl of sections.declarations) {
      const conflicts = dcl.items.filter((x) => x.conflicted);
      line(
        `${dcl.member.name ?? dcl.member.id} (${dcl.member.id}), ${wib(dcl.decidedAt)}: ` +
          (conflicts.length === 0
            ? `tidak ada konflik kepentingan terhadap ${dcl.items.length} calon`
            : `KONFLIK terhadap ${conflicts.map((x) => `${name(x.nip)}${x.note ? ` (${x.note})` : ''}`).join(', ')}; tidak menilai calon tersebut`),
      );
    }
  }

  if (sections.assessments.length > 0 || sections.scores.length > 0 || Object.keys(sections.ranking).length > 0) {
    heading(PDF_HEADINGS.scores);
    for (const a of sections.assessments)
      line(`Uji kompetensi ${name(a.nip)}: JPM ${a.jpmPercent ?? '-'}% (${a.category ?? '-'}), asesor ${a.assessorId}`);
    if (sections.scores.length > 0) doc.moveDown(0.3);
    for (const s of sections.scores) {
      line(
        `Penilaian pansel ${name(s.nip)}: makalah ${s.paper ?? '-'}, wawancara ${s.interview ?? '-'}, ${s.votes ?? '-'} suara (kuorum ${s.quorum ?? '-'}: ${s.quorumMet ? 'terpenuhi' : 'tidak terpenuhi'})`,
      );
    }
    for (const [post, list] of Object.entries(sections.ranking)) {
      doc.moveDown(0.3);
      subheading(`Peringkat jabatan ${post}`);
      for (const r of list) {
        const comp = Object.entries(r.components)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ');
        line(`${r.rank}. ${name(r.nip)} - nilai akhir ${r.total} (${comp})`);
      }
      field(`Tiga besar (shortlist) ${post}`, (sections.shortlist[post] ?? []).map(name).join('; '));
    }
  }

  if (sections.recommendations.length > 0) {
    heading(PDF_HEADINGS.recommendations);
    for (const r of sections.recommendations) {
      line(
        `Jabatan ${r.postCode}: ${r.recommended.map(name).join('; ')} - oleh ${r.overseer ?? '-'} / ${actorOf(r.by.actor)}, ${wib(r.by.decidedAt)}; ` +
          `bukti: ${r.by.evidence.map((e) => `${e.kind} SHA-256 ${shortHash(e.sha256)}`).join('; ') || '-'}`,
      );
    }
  }

  if (sections.picks.length > 0) {
    heading(PDF_HEADINGS.picks);
    for (const p of sections.picks) {
      field(`Jabatan ${p.postCode}`, `${name(p.nip)}, peringkat ${p.rank ?? '-'} (nilai akhir ${p.total ?? '-'})`);
      field('Ditetapkan oleh', `${actorOf(p.by.actor)}, ${wib(p.by.decidedAt)}`);
      field('Justifikasi PPK', p.justification ?? (p.rank === 1 ? 'peringkat pertama (tidak wajib justifikasi)' : '-'));
    }
  }

  if (sections.appointments.length > 0) {
    heading(PDF_HEADINGS.appointments);
    for (const a of sections.appointments) {
      field(`Jabatan ${a.postCode}`, name(a.nip));
      field('Nomor SK', a.decreeNumber ?? '-');
      field('TMT', a.effectiveDate ?? '-');
      field('Pelantikan', a.inauguratedOn ?? 'belum');
      const ev = [a.decree, a.inauguration].flatMap((d) => d?.evidence ?? []);
      field('Bukti', ev.map((e) => `${e.kind} SHA-256 ${shortHash(e.sha256)}`).join('; '));
    }
  }

  if (sections.move) {
    const m = sections.move;
    heading(PDF_HEADINGS.move);
    field('Pegawai', `${String(m.person.name ?? '-')} (NIP ${String(m.person.nip ?? '-')}), golongan ${String(m.person.golongan ?? '-')}`);
    field('Jenis pemindahan', MOVE_KINDS[m.kind] ?? m.kind);
    field('Cakupan', MOVE_SCOPES[m.scope] ?? m.scope);
    field('Atas permintaan sendiri', m.atOwnRequest === null ? '-' : yesNo(m.atOwnRequest));
    field('Dari', placeOf(m.from));
    field('Ke', placeOf(m.to));
    field('Diusulkan oleh', `${actorOf(m.by.actor)}, ${wib(m.by.decidedAt)}${m.by.reason ? `; alasan: ${m.by.reason}` : ''}`);
  }

  if (sections.talent) {
    const tl = sections.talent;
    heading(PDF_HEADINGS.talent);
    field(
      'Kotak',
      `${tl.placement.box ?? '-'} (kinerja ${PERFORMANCE_LEVELS[tl.placement.performance ?? ''] ?? '-'}, potensial ${POTENTIAL_LEVELS[tl.placement.potential ?? ''] ?? '-'})`,
    );
    field('Tingkat sumbu', `kinerja: ${tl.placement.performance ?? '-'}; potensial: ${tl.placement.potential ?? '-'}`);
    field('Versi aturan dan bobot', tl.ruleVersion ?? '-');
    if (tl.weights) {
      const w = tl.weights;
      field('Bobot sumbu kinerja', `kinerja utama ${w.performance.main}%, kinerja pendukung ${w.performance.supporting}%`);
      field(
        'Bobot sumbu potensial',
        `kompetensi ${w.potential.competency}%, potensial ${w.potential.potential}%, kualifikasi ${w.potential.qualification}%, integritas ${w.potential.integrity}%`,
      );
      field('Bobot skor akhir', `kinerja ${w.final.performance}%, potensial ${w.final.potential}%`);
    } else field('Bobot', `versi aturan ${tl.ruleVersion ?? '-'} tidak dikenal oleh versi aplikasi ini`);
    if (tl.thresholds) {
      field(
        'Ambang tingkat',
        `kinerja: di atas >= ${tl.thresholds.performance.above}, sesuai >= ${tl.thresholds.performance.meets}; potensial: tinggi >= ${tl.thresholds.potential.high}, menengah >= ${tl.thresholds.potential.medium}`,
      );
    }
    subheading('Nilai masukan dan skor sumbu');
    for (const [k, v] of Object.entries(tl.inputs)) line(`${TALENT_INPUTS[k] ?? k}: ${v}`);
    if (tl.vacancyId) field('Lowongan yang diisi', tl.vacancyId);
    const merit = sections.evaluation?.agencyMerit;
    field(
      'Kategori sistem merit instansi',
      merit
        ? `${meritLabel(merit.category)} (${merit.category}; skema ${merit.scheme ?? '-'}, dinilai ${merit.assessedOn ?? '-'}, instansi ${merit.agencyCode ?? '-'})`
        : 'belum tercatat',
    );
    const pool = sections.evaluation?.talentPool;
    if (pool !== undefined)
      field(
        'Reviu talenta asal penempatan',
        pool
          ? `${pool.reviewId ?? '-'} (periode ${pool.period ?? '-'}, berlaku ${pool.validFrom ?? '-'} s.d. ${pool.validTo ?? '-'}); kotak ${pool.box ?? '-'} (kinerja ${pool.performance ?? '-'}, potensial ${pool.potential ?? '-'})`
          : 'tidak termasuk kelompok rencana suksesi yang disetujui dan berlaku',
      );
    field('Kategori yang membolehkan jalur talenta JPT', (tl.acceptedMeritCategories ?? []).map(meritLabel).join(', ') || '-');
    const fill = sections.evaluation?.verdicts.find((v) => v.rule === 'fillWithoutOpenSelection');
    if (fill)
      field(
        'Pengisian tanpa seleksi terbuka',
        `${fill.passed ? 'DIBOLEHKAN' : 'TIDAK DIBOLEHKAN'}: ${fill.message?.id ?? fill.fact ?? '-'}`,
      );
  }

  if (sections.evaluation) {
    const ev = sections.evaluation;
    heading(PDF_HEADINGS.rules);
    field('Keputusan yang diperiksa', `${decisionLabel(ev.decision)} (${ev.decision}) oleh ${actorOf(ev.by.actor)}`);
    field('Versi aturan', ev.ruleVersion ?? '-');
    field('Per tanggal', ev.evaluatedAt ? wib(ev.evaluatedAt) : '-');
    field('Hasil', ev.allowed === null ? '-' : ev.allowed ? 'DIIZINKAN' : 'TERHALANG');
    ev.verdicts.forEach((v, i) =>
      line(
        `${i + 1}. ${v.rule} (${v.ruleVersion ?? ev.ruleVersion ?? '-'}): ${v.passed ? 'lolos' : v.overridden ? 'tidak lolos, DIKECUALIKAN' : 'TIDAK LOLOS'} - ${v.message?.id ?? v.fact ?? '-'}`,
      ),
    );
    if (sections.blockedAttempts.length > 0) {
      doc.moveDown(0.3);
      field(
        'Percobaan yang ditolak aturan',
        sections.blockedAttempts.map((b) => `${b.attempted ?? b.decision} oleh ${actorOf(b.by.actor)}, ${wib(b.by.decidedAt)}`).join('; '),
      );
    }
  }

  if (sections.overrides.length > 0) {
    heading(PDF_HEADINGS.overrides);
    sections.overrides.forEach((o, i) => {
      line(`${i + 1}. Aturan ${o.rules.join(', ')} dikecualikan oleh ${actorOf(o.by.actor)}, ${wib(o.by.decidedAt)}`);
      field('Alasan', o.reason ?? '-');
      field('Dasar hukum', o.legalBasis.map((e) => `${e.kind}${e.title ? ` "${e.title}"` : ''} SHA-256 ${shortHash(e.sha256)}`).join('; '));
    });
  }

  if (sections.bulk) {
    heading(PDF_HEADINGS.bulkMembers);
    sections.bulk.members.forEach((m, i) =>
      line(
        `${i + 1}. ${m.name} (NIP ${m.nip}): ${m.from} -> ${m.to}; pemeriksaan aturan: ${m.allowed === null ? '-' : m.allowed ? 'lolos' : `terhalang (${m.blocking.join(', ')})`}` +
          `; ${m.excluded !== null ? `DIKECUALIKAN: ${m.excluded}` : m.included === true ? 'masuk SK' : m.included === false ? 'tidak masuk SK' : 'menunggu keputusan'}`,
      ),
    );
    if (sections.bulk.annex.length > 0) {
      heading(PDF_HEADINGS.annex);
      for (const a of sections.bulk.annex) line(`${a.no}. ${a.name} (NIP ${a.nip}): ${a.from} -> ${a.to}`);
    }
  }

  const discipline = disciplineSection(dossier.decisions);
  if (discipline) printDisciplineSection(discipline, { heading, field, by: (d) => `${actorOf(d.actor)}, ${wib(d.decidedAt)}` });

  if (sections.decree) {
    heading(PDF_HEADINGS.decree);
    field('Nomor SK', sections.decree.number ?? '-');
    field('TMT', sections.decree.effectiveDate ?? '-');
    field('Dicatat oleh', `${actorOf(sections.decree.by.actor)}, ${wib(sections.decree.by.decidedAt)}`);
    field('Bukti', sections.decree.by.evidence.map((e) => `${e.kind} SHA-256 ${shortHash(e.sha256)}`).join('; '));
  }

  heading(PDF_HEADINGS.timeline);
  dossier.decisions.forEach((d, i) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 90) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(10);
    text(`${i + 1}. ${wib(d.decidedAt)} - ${decisionLabel(d.decision)} (${d.decision}) - ${workflowLabel(d)} #${d.sequence}`);
    doc.font('Helvetica').fontSize(9);
    text(`Waktu: ${wib(d.decidedAt)} (dicatat ${wib(d.recordedAt)})`);
    text(`Pelaku: ${actorOf(d.actor)}`);
    text(`Keputusan: ${d.decision}; tahap ${d.stepBefore ?? '(awal)'} -> ${d.stepAfter}`);
    const detail = detailOf(d);
    if (detail) text(`Rincian: ${detail}`);
    text(`Alasan: ${d.reason ?? '-'}`);
    text(
      `Bukti: ${d.evidence.length === 0 ? '-' : d.evidence.map((e) => `${e.kind}${e.title ? ` "${e.title}"` : ''} SHA-256 ${shortHash(e.sha256)}`).join('; ')}`,
    );
    text(`Versi SOP/aturan: ${d.sop.id}@${d.sop.version}; aturan ${d.ruleVersion ?? '-'}`);
    if (d.rowHash)
      text(`Rantai hash: urutan ${d.chainSeq ?? '-'}, hash baris ${shortHash(d.rowHash)}, hash sebelumnya ${shortHash(d.prevHash)}`);
    doc.moveDown(0.4);
  });

  if (dossier.evidence.length > 0) {
    heading(PDF_HEADINGS.evidence);
    for (const e of dossier.evidence) {
      line(
        `${e.kind ?? '-'} ${e.fileName ? `"${e.fileName}" ` : ''}- SHA-256 ${e.sha256 ?? '-'}; ${e.found ? `${e.sizeBytes} byte, ${e.mediaType}, diunggah ${wib(e.uploadedAt!)}` : 'TIDAK DITEMUKAN di penyimpanan bukti'}` +
          `${e.found && !e.citedHashesMatch ? '; hash rujukan BERBEDA' : ''}; dirujuk oleh ${e.citedBy.join(', ')}`,
      );
    }
  }

  if (dossier.archivedHistories.length > 0) {
    heading(PDF_HEADINGS.archive);
    line(
      'Salinan riwayat setiap alur kerja disimpan di basis data meritflow (append-only); hash SHA-256 setiap salinan juga tercatat di rantai hash buku besar.',
    );
    for (const a of dossier.archivedHistories) {
      line(
        `${a.workflowId} (${a.workflowType}) - ${a.kind === 'closed' ? 'riwayat lengkap, selesai' : 'cuplikan saat berjalan'}, ${a.eventCount} peristiwa, ` +
          `status ${a.status}, diarsipkan ${wib(a.archivedAt)}, SHA-256 ${a.sha256}`,
      );
    }
  }

  heading(PDF_HEADINGS.conformance);
  field('Hasil', conformance.conforms ? 'SESUAI dengan SOP' : 'TIDAK SESUAI dengan SOP');
  field('Diperiksa', wib(conformance.checkedAt));
  field(
    'SOP per alur kerja',
    conformance.workflows.map((w) => `${w.workflowId}: ${w.sop.id}@${w.sop.version} (${w.decisions} keputusan)`).join('; '),
  );
  doc.moveDown(0.3);
  for (const s of conformance.steps) {
    const checks = [s.enteredBy, ...s.within, ...(s.leftBy ? [s.leftBy] : [])];
    const bad = checks.filter((x) => !x.allowed || !x.roleAllowed || (x.evidenceRequired && !x.evidenceAttached));
    line(
      `${s.label.id} (${s.step}${s.workflowId === conformance.caseId ? '' : `, ${s.workflowId.slice(conformance.caseId.length + 1)}`}): masuk ${wib(s.enteredAt)} melalui ${s.enteredBy.decision}` +
        `, keluar ${s.leftAt ? `${wib(s.leftAt)} melalui ${s.leftBy!.decision}` : '-'}; transisi sah: ${yesNo(bad.length === 0)}` +
        `${s.deadline.defined ? `; batas waktu terlampaui: ${yesNo(s.deadline.breached)}` : ''}`,
    );
  }
  if (conformance.violations.length > 0) {
    doc.moveDown(0.3);
    field('Temuan', String(conformance.violations.length));
    conformance.violations.forEach((v, i) => line(`${i + 1}. [${v.rule}] ${v.decision ?? '-'}: ${v.detail.id}`));
  }

  // Footer on every page, written last so the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8);
    doc.text(
      pdfSafe(`Dosir ${c.caseId} - dicetak ${wib(dossier.generatedAt)} - halaman ${i + 1} dari ${range.count}`),
      doc.page.margins.left,
      doc.page.height - 36,
      {
        width,
        align: 'center',
        lineBreak: false,
      },
    );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
