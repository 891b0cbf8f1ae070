import type { ErrorCode, ErrorParams } from '../errors';

/** User-facing text is Bahasa Indonesia by default, with English available. */
export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export interface LocalizedText {
  id: string;
  en: string;
}

const list = (v: unknown): string => (Array.isArray(v) && v.length > 0 ? v.join(', ') : '-');
const s = (v: unknown): string => (v === undefined || v === null ? '-' : String(v));

const MESSAGES: Record<ErrorCode, (p: ErrorParams) => LocalizedText> = {
  VALIDATION_FAILED: (p) => ({
    id: `Data tidak valid: ${list(p.fields?.map((f) => `${f.field} (${f.message.id})`))}`,
    en: `Invalid input: ${list(p.fields?.map((f) => `${f.field} (${f.message.en})`))}`,
  }),
  UNAUTHENTICATED: (p) => ({
    id: `Perlu masuk dengan token yang sah (${s(p.reason)}). Kirim header Authorization: Bearer <token> dari penerbit yang dipercaya`,
    en: `Sign-in with a valid token is required (${s(p.reason)}). Send Authorization: Bearer <token> from a trusted issuer`,
  }),
  ACCESS_DENIED: (p) => ({
    id: `Peran "${s(p.role)}" tidak berwenang untuk ${s(p.action)} (peran yang berwenang: ${list(p.roles)})`,
    en: `Role "${s(p.role)}" may not ${s(p.action)} (roles allowed: ${list(p.roles)})`,
  }),
  SEPARATION_OF_DUTIES: (p) => ({
    id: `Pemisahan tugas: ${s(p.actorId)} sudah bertindak sebagai ${list(p.holds)} dalam kasus ini dan tidak boleh bertindak sebagai ${s(p.duty)}`,
    en: `Separation of duties: ${s(p.actorId)} already acts as ${list(p.holds)} in this case and may not act as ${s(p.duty)}`,
  }),
  DELEGATION_INVALID: (p) => ({
    id: `Pendelegasian ${s(p.delegationId)} tidak dapat dipakai: ${s(p.reason)}`,
    en: `Delegation ${s(p.delegationId)} cannot be used: ${s(p.reason)}`,
  }),
  RATE_LIMITED: (p) => ({
    id: `Terlalu banyak permintaan; coba lagi dalam ${s(p.retryAfterSeconds)} detik`,
    en: `Too many requests; try again in ${s(p.retryAfterSeconds)} seconds`,
  }),
  CASE_NOT_FOUND: (p) => ({
    id: `Kasus ${s(p.caseId)} tidak ditemukan`,
    en: `Case ${s(p.caseId)} was not found`,
  }),
  EVIDENCE_NOT_FOUND: (p) => ({
    id: `Bukti ${s(p.evidenceId)} tidak ditemukan`,
    en: `Evidence ${s(p.evidenceId)} was not found`,
  }),
  PERSON_NOT_FOUND: (p) => ({
    id: `Pegawai dengan NIP ${s(p.nip)} tidak ada dalam register instansi ini`,
    en: `No official with NIP ${s(p.nip)} is in this agency's register`,
  }),
  POST_NOT_FOUND: (p) => ({
    id: `Jabatan ${s(p.postCode)} tidak ada dalam data referensi instansi ini`,
    en: `Post ${s(p.postCode)} is not in this agency's reference data`,
  }),
  PERSON_ALREADY_REGISTERED: (p) => ({
    id: `NIP ${s(p.nip)} sudah terdaftar; ubah datanya dengan peristiwa baru`,
    en: `NIP ${s(p.nip)} is already registered; change it with a new event`,
  }),
  IMPORT_NOT_FOUND: (p) => ({
    id: `Impor ${s(p.importId)} tidak ditemukan di register instansi ini`,
    en: `Import ${s(p.importId)} was not found in this agency's register`,
  }),
  CASE_ALREADY_EXISTS: (p) => ({
    id: `Kasus ${s(p.caseId)} sudah berjalan; usulan yang sama tidak dapat diajukan dua kali`,
    en: `Case ${s(p.caseId)} is already running; the same proposal cannot be submitted twice`,
  }),
  DECISION_NOT_ALLOWED: (p) => ({
    id: `Keputusan "${s(p.decision)}" tidak dapat diambil pada tahap "${s(p.step)}". Keputusan yang diperbolehkan sekarang: ${list(p.allowed)}`,
    en: `Decision "${s(p.decision)}" is not allowed at step "${s(p.step)}". Decisions allowed now: ${list(p.allowed)}`,
  }),
  ROLE_NOT_ALLOWED: (p) => ({
    id: `Peran "${s(p.role)}" tidak berwenang mengambil keputusan "${s(p.decision)}" pada tahap "${s(p.step)}" (peran yang berwenang: ${list(p.roles)}). Keputusan yang diperbolehkan sekarang: ${list(p.allowed)}`,
    en: `Role "${s(p.role)}" may not take decision "${s(p.decision)}" at step "${s(p.step)}" (roles allowed: ${list(p.roles)}). Decisions allowed now: ${list(p.allowed)}`,
  }),
  DECISION_INCOMPLETE: (p) => ({
    id: `Keputusan "${s(p.decision)}" memerlukan isian: ${list(p.missing)}`,
    en: `Decision "${s(p.decision)}" requires: ${list(p.missing)}`,
  }),
  SOP_VERSION_UNKNOWN: (p) => ({
    id: `Versi SOP "${s(p.sopId)}@${s(p.version)}" tidak dikenal atau tidak berlaku`,
    en: `SOP version "${s(p.sopId)}@${s(p.version)}" is unknown or not available`,
  }),
  IDEMPOTENCY_CONFLICT: (p) => ({
    id: `Kunci idempotensi ${s(p.key)} sudah dipakai untuk keputusan lain`,
    en: `Idempotency key ${s(p.key)} was already used for a different decision`,
  }),
  ACTOR_NOT_ASSIGNED: (p) => ({
    id: `${s(p.actorId)} tidak ditugaskan untuk ${s(p.task)}`,
    en: `${s(p.actorId)} is not assigned to ${s(p.task)}`,
  }),
  CONFLICT_OF_INTEREST: (p) => ({
    id: `${s(p.memberId)} telah menyatakan konflik kepentingan terhadap calon ${s(p.nip)} dan tidak boleh menilainya`,
    en: `${s(p.memberId)} declared a conflict of interest with candidate ${s(p.nip)} and may not score them`,
  }),
  ALREADY_DECIDED: (p) => ({
    id: `${s(p.what)} sudah tercatat dan tidak dapat diubah`,
    en: `${s(p.what)} is already recorded and cannot be changed`,
  }),
  VACANCY_NOT_READY: (p) =>
    p.heldBy
      ? {
          id: `Lowongan ${s(p.vacancyId)} sedang diisi melalui ${list(p.heldBy)}; satu jabatan tidak dapat diisi dua kali`,
          en: `Vacancy ${s(p.vacancyId)} is already being filled by ${list(p.heldBy)}; one post cannot be filled twice`,
        }
      : {
          id: `Lowongan ${s(p.vacancyId)} belum disetujui PPK untuk metode pengisian ini di instansi ini (status: ${s(p.status)}, metode: ${s(p.fillingMethod)})`,
          en: `Vacancy ${s(p.vacancyId)} is not approved by the PPK for this filling method in this agency (status: ${s(p.status)}, method: ${s(p.fillingMethod)})`,
        },
  APPEAL_WINDOW_CLOSED: (p) => ({
    id: `Masa upaya administratif sudah berakhir pada ${s(p.endsOn)}; upaya yang diajukan ${s(p.filedOn)} tidak dapat diterima`,
    en: `The appeal window ended on ${s(p.endsOn)}; an appeal filed on ${s(p.filedOn)} cannot be accepted`,
  }),
  DECREE_NOT_READY: (p) => ({
    id: `Belum ada keputusan yang ditetapkan dengan SK dalam kasus ${s(p.caseId)}: SK dibuat setelah ${list(p.requires)}${p.postCode ? ` untuk jabatan ${s(p.postCode)}` : ''}`,
    en: `Case ${s(p.caseId)} has no decision a decree executes yet: the decree follows ${list(p.requires)}${p.postCode ? ` for post ${s(p.postCode)}` : ''}`,
  }),
  DECREE_NOT_APPLICABLE: (p) => ({
    id: `Kasus jenis ${s(p.caseType)} tidak ditetapkan dengan SK dari meritflow${p.detail ? ` (${s(p.detail)})` : ''}`,
    en: `A ${s(p.caseType)} case is not settled by a decree from meritflow${p.detail ? ` (${s(p.detail)})` : ''}`,
  }),
  DECREE_DRAFT_NOT_CITED: (p) => ({
    id: `SK nomor ${s(p.decreeNumber)} sudah dibuat untuk kasus ini: keputusan ${s(p.decision)} harus melampirkan berkas SK tersebut (SHA-256 ${s(p.sha256)}) sebagai bukti dokumen`,
    en: `Decree ${s(p.decreeNumber)} was drafted for this case: decision ${s(p.decision)} must cite that decree file (SHA-256 ${s(p.sha256)}) among its supporting documents`,
  }),
  DECREE_TEMPLATE_NOT_IN_FORCE: (p) => ({
    id: `Tidak ada templat SK jenis ${s(p.kind)} yang berlaku pada TMT ${s(p.effectiveDate)}`,
    en: `No ${s(p.kind)} decree template is in force on the effective date ${s(p.effectiveDate)}`,
  }),
  DECREE_NOT_FOUND: (p) => ({
    id: `Belum ada SK yang dibuat untuk kasus ${s(p.caseId)}; buat dahulu dengan POST .../decree`,
    en: `No decree has been drafted for case ${s(p.caseId)}; draft one first with POST .../decree`,
  }),
  SOP_MIGRATION_UNKNOWN: (p) => ({
    id: `Tidak ada pemetaan migrasi SOP "${s(p.sopId)}" dari versi ${s(p.from)} ke ${s(p.to)}; kasus tidak dapat dipindahkan`,
    en: `There is no migration mapping for SOP "${s(p.sopId)}" from version ${s(p.from)} to ${s(p.to)}; the case cannot be moved`,
  }),
  SOP_MIGRATION_STEP_UNMAPPED: (p) => ({
    id: `Pemetaan SOP "${s(p.sopId)}" ${s(p.from)} → ${s(p.to)} tidak mengizinkan pemindahan dari tahap "${s(p.step)}" (tahap yang dapat dipindahkan: ${list(p.mapped)})`,
    en: `The mapping of SOP "${s(p.sopId)}" ${s(p.from)} → ${s(p.to)} does not allow a move from step "${s(p.step)}" (steps that may move: ${list(p.mapped)})`,
  }),
  SOP_MIGRATION_CHILD_RUNNING: (p) => ({
    id: `Kasus ${s(p.caseId)} tidak dapat dimigrasikan selama proses turunannya (${s(p.children)}) masih berjalan pada tahap "${s(p.step)}"`,
    en: `Case ${s(p.caseId)} cannot migrate while its child workflows (${s(p.children)}) are running at step "${s(p.step)}"`,
  }),
  SOP_MIGRATION_NOT_REQUESTED: (p) => ({
    id: `Kasus ${s(p.caseId)} tidak memiliki permintaan migrasi SOP yang menunggu persetujuan`,
    en: `Case ${s(p.caseId)} has no SOP migration request awaiting approval`,
  }),
  FOUR_EYES_REQUIRED: (p) => ({
    id: `Prinsip empat mata: ${s(p.actorId)} tidak boleh menyetujui permintaan yang diajukan oleh ${s(p.requestedBy)}; persetujuan harus oleh orang lain`,
    en: `Four eyes: ${s(p.actorId)} may not approve a request made by ${s(p.requestedBy)}; another person must approve it`,
  }),
  CASE_NOT_RUNNING: (p) => ({
    id: `Kasus ${s(p.caseId)} sudah selesai (tahap "${s(p.step)}"); hanya kasus yang berjalan dapat dipindahkan ke versi SOP lain`,
    en: `Case ${s(p.caseId)} has ended (step "${s(p.step)}"); only running cases can move to another SOP version`,
  }),
  RULE_BLOCKED: (p) => ({
    id: `Keputusan "${s(p.decision)}" ditolak oleh aturan ${s(p.ruleVersion)}: ${list((p.blocking as { message: { id: string } }[] | undefined)?.map((v) => v.message.id))}. Upaya ini dicatat.`,
    en: `Decision "${s(p.decision)}" is blocked by rules ${s(p.ruleVersion)}: ${list((p.blocking as { message: { en: string } }[] | undefined)?.map((v) => v.message.en))}. The attempt is recorded.`,
  }),
  UPSTREAM_UNAVAILABLE: (p) => ({
    id: `Layanan ${s(p.service)} sedang tidak tersedia; coba lagi nanti`,
    en: `The ${s(p.service)} service is unavailable; try again later`,
  }),
  PAYLOAD_TOO_LARGE: (p) => ({
    id: `Isi permintaan terlalu besar (batas ${s(p.limit)})`,
    en: `The request body is too large (limit ${s(p.limit)})`,
  }),
  PAYLOAD_KEY_UNKNOWN: (p) => ({
    id: `Data alur kerja dienkripsi dengan kunci "${s(p.keyId)}", yang tidak dimiliki proses ini (kunci yang ada: ${list(p.known)}); tambahkan kunci itu ke PAYLOAD_KEYS`,
    en: `Workflow data is encrypted with key "${s(p.keyId)}", which this process does not hold (keys held: ${list(p.known)}); add that key to PAYLOAD_KEYS`,
  }),
  PAYLOAD_DECRYPT_FAILED: (p) => ({
    id: `Data alur kerja yang dienkripsi dengan kunci "${s(p.keyId)}" tidak dapat didekripsi: datanya diubah, atau kunci dengan nama itu bukan kunci yang mengenkripsinya`,
    en: `Workflow data encrypted with key "${s(p.keyId)}" cannot be decrypted: it was altered, or the key of that name is not the one that encrypted it`,
  }),
  ROUTE_NOT_FOUND: (p) => ({
    id: `Alamat ${s(p.path)} tidak dikenal`,
    en: `No endpoint at ${s(p.path)}`,
  }),
  INTERNAL: () => ({
    id: 'Terjadi kesalahan internal; kejadian ini telah dicatat',
    en: 'An internal error occurred; it has been logged',
  }),
};

export const errorMessage = (code: ErrorCode, params: ErrorParams = {}): LocalizedText => MESSAGES[code](params);

/** Picks the locale from an Accept-Language header value; Indonesian unless English is preferred. */
export function pickLocale(acceptLanguage: string | undefined, fallback: Locale = 'id'): Locale {
  if (!acceptLanguage) return fallback;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().toLowerCase().split(';');
      const q = rest.find((r) => r.trim().startsWith('q='));
      return { lang: tag.split('-')[0], q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    // q=0 means "not acceptable" (RFC 9110).
    .filter((x) => x.q > 0 && (LOCALES as readonly string[]).includes(x.lang))
    .sort((a, b) => b.q - a.q);
  return (ranked[0]?.lang as Locale | undefined) ?? fallback;
}
