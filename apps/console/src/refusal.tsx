import { ApiError } from './api';
import { decisionLabel, roleLabel, stepLabel, useI18n, type Lang } from './i18n';

type T = (id: string, en: string) => string;

/** Plain words for each refusal code: what happened, and what to do next. */
function explain(e: ApiError, t: T, lang: Lang): { title: string; way: string; rule: string[] } {
  const d = e.details ?? {};
  const list = (v: unknown): string =>
    Array.isArray(v)
      ? v.map((x) => (typeof x === 'string' ? x : ((x as { decision?: string }).decision ?? JSON.stringify(x)))).join(', ')
      : '';
  const allowed = Array.isArray(d.allowed)
    ? (d.allowed as unknown[]).map((a) => (typeof a === 'string' ? a : (a as { decision: string }).decision))
    : [];
  // Codes stay machine-readable on the element (data-code); a person reads labels only.
  const rule: string[] = [];
  if (typeof d.step === 'string') rule.push(`${t('Tahap saat ini', 'Current step')}: ${stepLabel(d.step, lang)}`);
  if (typeof d.decision === 'string') rule.push(`${t('Keputusan yang dicoba', 'Decision tried')}: ${decisionLabel(d.decision, lang)}`);
  if (allowed.length)
    rule.push(`${t('Keputusan yang boleh sekarang', 'Decisions allowed now')}: ${allowed.map((a) => decisionLabel(a, lang)).join(', ')}`);
  if (Array.isArray(d.roles) && d.roles.length)
    rule.push(`${t('Peran yang diizinkan', 'Roles allowed')}: ${(d.roles as string[]).map((r) => roleLabel(r, lang)).join(', ')}`);
  if (typeof d.rule === 'string') rule.push(`${t('Aturan', 'Rule')}: ${d.rule}`);
  if (typeof d.ruleVersion === 'string') rule.push(`${t('Versi aturan', 'Rule version')}: ${d.ruleVersion}`);
  const stepWay = allowed.length
    ? t(
        `Kasus ada di tahap ${stepLabel(String(d.step ?? ''), 'id')}; sekarang hanya ${allowed.map((a) => decisionLabel(a, 'id')).join(', ')} yang boleh. Tunggu tahap yang sesuai atau minta pemegang peran yang berwenang.`,
        `The case is at step ${stepLabel(String(d.step ?? ''), 'en')}; only ${allowed.map((a) => decisionLabel(a, 'en')).join(', ')} may be taken now. Wait for the right step or ask whoever holds the role that may act.`,
      )
    : t(
        'Keputusan ini tidak dapat diambil pada tahap ini. Muat ulang kasus untuk melihat tahap dan tugas yang tertunda.',
        'This decision cannot be taken at this step. Reload the case to see its step and pending tasks.',
      );
  switch (e.code) {
    case 'UNAUTHENTICATED':
      return {
        title: t('Anda belum masuk atau sesi berakhir', 'You are not signed in or the session expired'),
        way: t('Masuk kembali, lalu ulangi.', 'Sign in again, then retry.'),
        rule,
      };
    case 'ACCESS_DENIED':
      return {
        title: t('Peran Anda tidak diizinkan', 'Your role is not allowed'),
        way: t(
          'Masuk dengan peran yang diizinkan, atau minta pejabat yang berwenang melakukannya.',
          'Sign in with an allowed role, or ask an official who holds it.',
        ),
        rule,
      };
    case 'ROLE_NOT_ALLOWED':
      return {
        title: t('SOP tidak memberi peran Anda langkah ini', 'The SOP does not give your role this step'),
        way: t(
          'Minta pemegang peran yang tertera untuk mengambil keputusan ini.',
          'Ask a holder of the role listed to take this decision.',
        ),
        rule,
      };
    case 'SEPARATION_OF_DUTIES':
      return {
        title: t(
          'Pemisahan tugas: orang yang sama tidak boleh memegang dua peran ini dalam satu kasus',
          'Separation of duties: one person may not hold both duties in one case',
        ),
        way: t('Keputusan ini harus diambil oleh orang lain yang berwenang.', 'Another authorised person must take this decision.'),
        rule,
      };
    case 'DECISION_NOT_ALLOWED':
      return { title: t('Belum waktunya atau sudah lewat tahapnya', 'Out of order for this step'), way: stepWay, rule };
    case 'ALREADY_DECIDED':
      return {
        title: t('Sudah diputuskan sebelumnya', 'Already decided'),
        way: t('Tidak perlu diulang; lihat linimasa kasus.', 'Nothing to repeat; see the case timeline.'),
        rule,
      };
    case 'RULE_BLOCKED':
      return {
        title: t('Ditolak oleh aturan', 'Blocked by a rule'),
        way: t('Penuhi syarat aturan yang disebut, lalu ajukan lagi.', 'Meet the rule named, then try again.'),
        rule,
      };
    case 'CONFLICT_OF_INTEREST':
      return {
        title: t('Anda menyatakan konflik kepentingan atas calon ini', 'You declared a conflict of interest for this candidate'),
        way: t('Anggota panitia lain yang tidak berkonflik yang menilai calon ini.', 'Members without a conflict score this candidate.'),
        rule,
      };
    case 'ACTOR_NOT_ASSIGNED':
      return {
        title: t('Anda tidak ditugaskan pada kasus atau calon ini', 'You are not assigned to this case or candidate'),
        way: t(
          'Hanya orang yang ditugaskan yang dapat bertindak; hubungi ketua panitia atau SDM.',
          'Only the assigned person may act; contact the committee chair or HR.',
        ),
        rule,
      };
    case 'VALIDATION_FAILED':
      return {
        title: t('Isian belum benar', 'Some fields are not right'),
        way: t(
          'Perbaiki isian yang disebut di atas, lalu kirim lagi. Tidak ada yang tercatat.',
          'Fix the fields listed above and send again. Nothing was recorded.',
        ),
        rule,
      };
    case 'DECISION_INCOMPLETE':
      return {
        title: t('Keputusan belum lengkap', 'The decision is incomplete'),
        way: t(
          'Lengkapi data atau bukti yang diminta SOP, lalu kirim lagi.',
          'Add the data or evidence the SOP requires, then send again.',
        ),
        rule,
      };
    case 'CASE_NOT_FOUND':
      return {
        title: t('Kasus tidak ditemukan', 'Case not found'),
        way: t('Periksa nomor kasus. Kasus instansi lain tidak terlihat.', 'Check the case id. Cases of other agencies are not visible.'),
        rule,
      };
    case 'CASE_ALREADY_EXISTS':
      return {
        title: t('Kasus dengan kode ini sudah berjalan', 'A case with this code is already running'),
        way: t('Gunakan kode lain, atau buka kasus yang sudah ada.', 'Use another code, or open the existing case.'),
        rule,
      };
    case 'EVIDENCE_NOT_FOUND':
      return {
        title: t('Dokumen bukti tidak ditemukan', 'Evidence not found'),
        way: t('Unggah ulang dokumennya.', 'Upload the document again.'),
        rule,
      };
    case 'VACANCY_NOT_READY':
      return {
        title: t('Lowongan belum siap', 'The vacancy is not ready'),
        way: t(
          'Lowongan harus disetujui PPK untuk seleksi terbuka terlebih dahulu.',
          'The PPK must first approve the vacancy for open selection.',
        ),
        rule,
      };
    case 'RATE_LIMITED':
      return {
        title: t('Terlalu banyak permintaan', 'Too many requests'),
        way: t(`Tunggu ${e.retryAfter ?? 'beberapa'} detik, lalu coba lagi.`, `Wait ${e.retryAfter ?? 'a few'} seconds, then retry.`),
        rule,
      };
    case 'DELEGATION_INVALID':
      return {
        title: t('Pendelegasian tidak berlaku', 'The delegation is not valid'),
        way: t(
          'Periksa masa berlaku pendelegasian, atau bertindak atas nama sendiri.',
          'Check the delegation period, or act in your own name.',
        ),
        rule,
      };
    case 'UPSTREAM_UNAVAILABLE':
      return {
        title: t('Layanan sementara tidak tersedia', 'A service is unavailable for now'),
        way: t('Coba lagi sebentar lagi. Tidak ada yang tercatat.', 'Retry in a moment. Nothing was recorded.'),
        rule,
      };
    default:
      return {
        title: t('Permintaan ditolak', 'The request was refused'),
        way: t('Periksa pesan di atas, lalu coba lagi.', 'Check the message above, then retry.'),
        rule,
      };
  }
}

/** Shows any error; an API refusal in plain words with its rule and the way forward. */
export function Refusal({ error }: { error: unknown }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  if (!(error instanceof ApiError)) {
    return (
      <div className="refusal" role="alert">
        <strong>{t('Gagal', 'Failed')}:</strong> {String((error as Error)?.message ?? error)}
      </div>
    );
  }
  const x = explain(error, t, lang);
  const fields = Array.isArray(error.details.fields)
    ? (error.details.fields as { field: string; message?: { id: string; en: string } }[])
    : [];
  return (
    <div className="refusal" role="alert" data-code={error.code}>
      <p className="refusal-title">
        <strong>{t('Ditolak', 'Refused')}:</strong> {x.title}
      </p>
      <p>{lang === 'id' ? error.messages.id : error.messages.en}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f, i) => (
            <li key={i}>
              {f.message ? (lang === 'id' ? f.message.id : f.message.en) : t('Isian ini belum benar', 'This field is not right')}
            </li>
          ))}
        </ul>
      )}
      <p>
        <strong>{t('Aturan', 'Rule')}:</strong>{' '}
        {x.rule.length > 0 ? x.rule.join(' · ') : t('sebagaimana ditetapkan SOP kasus ini', "as the case's SOP sets it")}
      </p>
      <p>
        <strong>{t('Langkah selanjutnya', 'Way forward')}:</strong> {x.way}
      </p>
    </div>
  );
}
