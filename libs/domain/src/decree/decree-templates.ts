import type { DecreeKind } from './decree.types';

/**
 * One version of a decree template: frozen data. `{{name}}` marks a value filled from the case's
 * facts (see decreeVariables); an unknown name is a programming error and fails the specs. A shipped
 * version is never edited: a change of wording or of the regulations cited is a new version with its
 * own `effectiveFrom`, and a decree takes the version in force on its TMT.
 *
 * The wording follows the usual shape of an Indonesian personnel decree (KEPUTUSAN ... TENTANG ...,
 * Menimbang, Mengingat, MEMUTUSKAN / Menetapkan, KESATU ...). The articles cited are those domain.md
 * names; the exact wording and the archive classification codes are [BK]: an agency's legal bureau
 * should check them, and a correction ships as a new version.
 */
export interface DecreeTemplate {
  id: string;
  version: string;
  effectiveFrom: string;
  kind: DecreeKind;
  /** Archive classification code for the default numbering pattern ([BK], overridable per agency). */
  classificationCode: string;
  about: string;
  considerations: readonly string[];
  legalBases: readonly string[];
  decides: string;
  clauses: readonly string[];
  annex: { title: string; columns: readonly string[] } | null;
}

const template = (t: DecreeTemplate): DecreeTemplate =>
  Object.freeze({
    ...t,
    considerations: Object.freeze([...t.considerations]),
    legalBases: Object.freeze([...t.legalBases]),
    clauses: Object.freeze([...t.clauses]),
    annex: t.annex ? Object.freeze({ ...t.annex, columns: Object.freeze([...t.annex.columns]) }) : null,
  });

const PP_MANAJEMEN =
  'Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 17 Tahun 2020';
const UU_ASN_2014 = 'Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara';
const UU_ASN_2023 = 'Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara';

const CLOSING =
  'Keputusan ini mulai berlaku pada tanggal ditetapkan, dengan ketentuan apabila di kemudian hari terdapat kekeliruan akan dibetulkan sebagaimana mestinya.';

const appointmentClauses = [
  'Mengangkat Pegawai Negeri Sipil {{name}}, NIP {{nip}}, pangkat/golongan {{golongan}}, dalam jabatan {{postTitle}} ({{postCode}}) pada {{unit}}, {{positionClass}}, terhitung mulai tanggal {{tmt}}.',
  'Kepada Pegawai Negeri Sipil sebagaimana dimaksud dalam Diktum KESATU diberikan hak keuangan dan fasilitas sesuai dengan ketentuan peraturan perundang-undangan.',
  'Pegawai Negeri Sipil sebagaimana dimaksud dalam Diktum KESATU wajib dilantik dan mengangkat sumpah jabatan.',
  CLOSING,
];
const appointmentConsiderations = [
  'bahwa untuk mengisi jabatan {{postTitle}} pada {{unit}} yang lowong telah dilaksanakan {{selectionTitle}} secara terbuka dan kompetitif;',
  'bahwa Panitia Seleksi telah mengusulkan {{shortlistSize}} nama calon kepada Pejabat Pembina Kepegawaian{{recommendation}}, dan Pejabat Pembina Kepegawaian pada tanggal {{decisionDate}} telah memilih {{name}} (peringkat {{rank}});',
  'bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan Keputusan tentang Pengangkatan dalam Jabatan Pimpinan Tinggi;',
];

const moveClauses = (what: string) => [
  `${what} Pegawai Negeri Sipil {{name}}, NIP {{nip}}, pangkat/golongan {{golongan}}, dari jabatan {{fromPost}} ke jabatan {{toPost}}, terhitung mulai tanggal {{tmt}}.`,
  'Pegawai Negeri Sipil sebagaimana dimaksud dalam Diktum KESATU wajib melaksanakan tugas pada jabatan yang baru dan menyerahkan tugas pada jabatan lama sesuai dengan ketentuan.',
  CLOSING,
];

/** Every decree template version, oldest first within a family. */
export const DECREE_TEMPLATES: readonly DecreeTemplate[] = Object.freeze([
  template({
    id: 'sk-pengangkatan-jpt',
    version: '1.0.0',
    effectiveFrom: '2020-01-01',
    kind: 'selection_appointment',
    classificationCode: '821.2',
    about: 'PENGANGKATAN DALAM JABATAN PIMPINAN TINGGI {{positionClassUpper}}',
    considerations: appointmentConsiderations,
    legalBases: [
      `${UU_ASN_2014}, Pasal 108 dan Pasal 115`,
      `${PP_MANAJEMEN}, Pasal 113, Pasal 114 dan Pasal 127`,
      'Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 15 Tahun 2019 tentang Pengisian Jabatan Pimpinan Tinggi secara Terbuka dan Kompetitif di Lingkungan Instansi Pemerintah',
    ],
    decides: 'KEPUTUSAN {{signatoryOffice}} TENTANG PENGANGKATAN DALAM JABATAN PIMPINAN TINGGI {{positionClassUpper}}.',
    clauses: appointmentClauses,
    annex: null,
  }),
  template({
    id: 'sk-pengangkatan-jpt',
    version: '2.0.0',
    // UU 20/2023 replaced UU 5/2014 on 31 October 2023 (domain.md §0).
    effectiveFrom: '2023-10-31',
    kind: 'selection_appointment',
    classificationCode: '821.2',
    about: 'PENGANGKATAN DALAM JABATAN PIMPINAN TINGGI {{positionClassUpper}}',
    considerations: appointmentConsiderations,
    legalBases: [
      UU_ASN_2023,
      `${PP_MANAJEMEN}, Pasal 113, Pasal 114 dan Pasal 127`,
      'Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 15 Tahun 2019 tentang Pengisian Jabatan Pimpinan Tinggi secara Terbuka dan Kompetitif di Lingkungan Instansi Pemerintah',
    ],
    decides: 'KEPUTUSAN {{signatoryOffice}} TENTANG PENGANGKATAN DALAM JABATAN PIMPINAN TINGGI {{positionClassUpper}}.',
    clauses: appointmentClauses,
    annex: null,
  }),
  template({
    id: 'sk-mutasi',
    version: '1.0.0',
    effectiveFrom: '2023-10-31',
    kind: 'move',
    classificationCode: '824',
    about: '{{moveKindUpper}} PEGAWAI NEGERI SIPIL',
    considerations: [
      'bahwa dalam rangka pembinaan karier dan pemenuhan kebutuhan organisasi perlu melakukan {{moveKind}} Pegawai Negeri Sipil {{name}};',
      'bahwa {{decidedBy}} pada tanggal {{decisionDate}} telah memutuskan {{moveKind}} tersebut setelah memeriksa ketentuan mobilitas yang berlaku;',
      'bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan Keputusan tentang {{moveKindTitle}} Pegawai Negeri Sipil;',
    ],
    legalBases: [
      UU_ASN_2023,
      `${PP_MANAJEMEN}, Pasal 190 sampai dengan Pasal 194`,
      'Peraturan Badan Kepegawaian Negara Nomor 5 Tahun 2019 tentang Tata Cara Pelaksanaan Mutasi',
    ],
    decides: 'KEPUTUSAN {{signatoryOffice}} TENTANG {{moveKindUpper}} PEGAWAI NEGERI SIPIL.',
    clauses: moveClauses('Memindahkan'),
    annex: null,
  }),
  template({
    id: 'sk-promosi-talenta',
    version: '1.0.0',
    effectiveFrom: '2023-10-31',
    kind: 'talent_promotion',
    classificationCode: '821.2',
    about: 'PENGANGKATAN PEGAWAI NEGERI SIPIL DARI KELOMPOK RENCANA SUKSESI',
    considerations: [
      'bahwa {{name}} termasuk dalam kelompok rencana suksesi hasil manajemen talenta instansi;',
      'bahwa {{decidedBy}} pada tanggal {{decisionDate}} telah menyetujui pengisian jabatan {{toPost}} melalui manajemen talenta;',
      'bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan Keputusan tentang Pengangkatan dari Kelompok Rencana Suksesi;',
    ],
    legalBases: [
      UU_ASN_2023,
      PP_MANAJEMEN,
      'Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 3 Tahun 2020 tentang Manajemen Talenta Aparatur Sipil Negara',
    ],
    decides: 'KEPUTUSAN {{signatoryOffice}} TENTANG PENGANGKATAN PEGAWAI NEGERI SIPIL DARI KELOMPOK RENCANA SUKSESI.',
    clauses: moveClauses('Mengangkat'),
    annex: null,
  }),
  template({
    id: 'sk-promosi-talenta',
    version: '2.0.0',
    // The integrated talent system is mandatory from 1 January 2026 (Kepka BKN 411/2025, domain.md §2.3).
    effectiveFrom: '2026-01-01',
    kind: 'talent_promotion',
    classificationCode: '821.2',
    about: 'PENGANGKATAN PEGAWAI NEGERI SIPIL DARI KELOMPOK RENCANA SUKSESI',
    considerations: [
      'bahwa {{name}} termasuk dalam kelompok rencana suksesi hasil manajemen talenta instansi yang telah ditetapkan;',
      'bahwa {{decidedBy}} pada tanggal {{decisionDate}} telah menyetujui pengisian jabatan {{toPost}} melalui manajemen talenta;',
      'bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan Keputusan tentang Pengangkatan dari Kelompok Rencana Suksesi;',
    ],
    legalBases: [
      UU_ASN_2023,
      PP_MANAJEMEN,
      'Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 3 Tahun 2020 tentang Manajemen Talenta Aparatur Sipil Negara sebagaimana telah diubah dengan Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 20 Tahun 2025',
      'Keputusan Kepala Badan Kepegawaian Negara Nomor 411 Tahun 2025',
    ],
    decides: 'KEPUTUSAN {{signatoryOffice}} TENTANG PENGANGKATAN PEGAWAI NEGERI SIPIL DARI KELOMPOK RENCANA SUKSESI.',
    clauses: moveClauses('Mengangkat'),
    annex: null,
  }),
  template({
    id: 'sk-mutasi-kolektif',
    version: '1.0.0',
    effectiveFrom: '2023-10-31',
    kind: 'bulk_move',
    classificationCode: '824',
    about: 'PEMINDAHAN PEGAWAI NEGERI SIPIL DALAM JABATAN',
    considerations: [
      'bahwa dalam rangka penataan organisasi dan pembinaan karier perlu memindahkan {{count}} Pegawai Negeri Sipil dalam jabatan;',
      'bahwa Pejabat Pembina Kepegawaian pada tanggal {{decisionDate}} telah menyetujui pemindahan tersebut setelah ketentuan mobilitas diperiksa untuk setiap pegawai;',
      'bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan Keputusan tentang Pemindahan Pegawai Negeri Sipil dalam Jabatan;',
    ],
    legalBases: [
      UU_ASN_2023,
      `${PP_MANAJEMEN}, Pasal 190 dan Pasal 191`,
      'Peraturan Badan Kepegawaian Negara Nomor 5 Tahun 2019 tentang Tata Cara Pelaksanaan Mutasi',
    ],
    decides: 'KEPUTUSAN {{signatoryOffice}} TENTANG PEMINDAHAN PEGAWAI NEGERI SIPIL DALAM JABATAN.',
    clauses: [
      'Memindahkan {{count}} Pegawai Negeri Sipil yang namanya tercantum dalam Lampiran Keputusan ini dari jabatan lama ke jabatan baru sebagaimana tercantum dalam Lampiran, terhitung mulai tanggal {{tmt}}.',
      'Lampiran sebagaimana dimaksud dalam Diktum KESATU merupakan bagian yang tidak terpisahkan dari Keputusan ini.',
      CLOSING,
    ],
    annex: {
      title: 'DAFTAR PEGAWAI NEGERI SIPIL YANG DIPINDAHKAN DALAM JABATAN',
      columns: ['No.', 'NIP', 'Nama', 'Jabatan lama', 'Jabatan baru'],
    },
  }),
  template({
    id: 'sk-hukuman-disiplin',
    version: '1.0.0',
    effectiveFrom: '2023-10-31',
    kind: 'discipline',
    classificationCode: '862',
    about: 'PENJATUHAN HUKUMAN DISIPLIN {{levelUpper}}',
    considerations: [
      'bahwa {{name}}, NIP {{nip}}, berdasarkan hasil pemeriksaan{{examined}} terbukti melakukan pelanggaran disiplin: {{allegation}};',
      'bahwa Pejabat Pembina Kepegawaian pada tanggal {{decisionDate}} telah memutuskan hukuman disiplin tingkat {{level}} berupa {{sanction}};',
      'bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan Keputusan tentang Penjatuhan Hukuman Disiplin;',
    ],
    legalBases: [UU_ASN_2023, 'Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil, Pasal 8'],
    decides: 'KEPUTUSAN {{signatoryOffice}} TENTANG PENJATUHAN HUKUMAN DISIPLIN {{levelUpper}}.',
    clauses: [
      'Menjatuhkan hukuman disiplin tingkat {{level}} berupa {{sanction}} kepada Pegawai Negeri Sipil {{name}}, NIP {{nip}}, pangkat/golongan {{golongan}}, jabatan {{post}}, terhitung mulai tanggal {{tmt}}.',
      'Pegawai Negeri Sipil sebagaimana dimaksud dalam Diktum KESATU dapat mengajukan upaya administratif sesuai dengan ketentuan peraturan perundang-undangan.',
      CLOSING,
    ],
    annex: null,
  }),
]);

/** The version of a kind's template in force on `date` (YYYY-MM-DD): the latest whose effectiveFrom is not after it. */
export function decreeTemplateFor(kind: DecreeKind, date: string): DecreeTemplate | null {
  const inForce = DECREE_TEMPLATES.filter((t) => t.kind === kind && t.effectiveFrom <= date);
  return inForce.reduce<DecreeTemplate | null>((best, t) => (best === null || t.effectiveFrom > best.effectiveFrom ? t : best), null);
}
