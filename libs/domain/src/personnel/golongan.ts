/** Civil-servant grades (golongan/ruang) with their rank titles (pangkat), domain.md §6. */
export const GOLONGAN = [
  ['I/a', 'Juru Muda'],
  ['I/b', 'Juru Muda Tingkat I'],
  ['I/c', 'Juru'],
  ['I/d', 'Juru Tingkat I'],
  ['II/a', 'Pengatur Muda'],
  ['II/b', 'Pengatur Muda Tingkat I'],
  ['II/c', 'Pengatur'],
  ['II/d', 'Pengatur Tingkat I'],
  ['III/a', 'Penata Muda'],
  ['III/b', 'Penata Muda Tingkat I'],
  ['III/c', 'Penata'],
  ['III/d', 'Penata Tingkat I'],
  ['IV/a', 'Pembina'],
  ['IV/b', 'Pembina Tingkat I'],
  ['IV/c', 'Pembina Utama Muda'],
  ['IV/d', 'Pembina Utama Madya'],
  ['IV/e', 'Pembina Utama'],
] as const;

export type Golongan = (typeof GOLONGAN)[number][0];
export const GOLONGAN_CODES: readonly Golongan[] = GOLONGAN.map(([g]) => g);

export const isGolongan = (value: unknown): value is Golongan =>
  typeof value === 'string' && (GOLONGAN_CODES as readonly string[]).includes(value);

/** Ordinal position of a grade; higher is more senior. */
export const golonganRank = (g: Golongan): number => GOLONGAN_CODES.indexOf(g);

export const pangkatOf = (g: Golongan): string => GOLONGAN[golonganRank(g)][1];

export const compareGolongan = (a: Golongan, b: Golongan): number => golonganRank(a) - golonganRank(b);
