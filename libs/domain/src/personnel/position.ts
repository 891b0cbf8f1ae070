/** Post classes a vacancy can be opened for (domain.md §6, "Jabatan"). */
export const POSITION_CLASSES = ['jpt_utama', 'jpt_madya', 'jpt_pratama', 'administrator', 'pengawas', 'functional'] as const;
export type PositionClass = (typeof POSITION_CLASSES)[number];

/** How a vacancy may be filled (domain.md §2.1–§2.6). */
export const FILLING_METHODS = ['open_selection', 'talent_pool', 'mutation_rotation'] as const;
export type FillingMethod = (typeof FILLING_METHODS)[number];

/** Codes are used in workflow ids, so they are restricted to URL- and id-safe characters. */
export const BUSINESS_CODE_PATTERN = /^[A-Z0-9][A-Z0-9._-]{0,63}$/;
