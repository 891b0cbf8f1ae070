import { compareGolongan, GOLONGAN_CODES, golonganRank, isGolongan, pangkatOf, type Golongan } from './golongan';

describe('golongan ordering', () => {
  it.each([
    ['I/a', 'I/b'],
    ['I/d', 'II/a'],
    ['II/a', 'II/d'],
    ['II/d', 'III/a'],
    ['III/a', 'III/b'],
    ['III/d', 'IV/a'],
    ['IV/a', 'IV/e'],
    ['I/a', 'IV/e'],
  ] as [Golongan, Golongan][])('ranks %s below %s', (lower, higher) => {
    expect(compareGolongan(lower, higher)).toBeLessThan(0);
    expect(compareGolongan(higher, lower)).toBeGreaterThan(0);
    expect(golonganRank(lower)).toBeLessThan(golonganRank(higher));
  });

  it.each(['I/a', 'III/c', 'IV/e'] as Golongan[])('ranks %s equal to itself', (g) => {
    expect(compareGolongan(g, g)).toBe(0);
  });

  it('has 17 grades from I/a to IV/e, sorted by seniority', () => {
    const shuffled: Golongan[] = ['IV/e', 'I/a', 'III/a', 'II/d', 'IV/b', 'I/c'];

    expect(GOLONGAN_CODES).toHaveLength(17);
    expect(GOLONGAN_CODES[0]).toBe('I/a');
    expect(GOLONGAN_CODES[16]).toBe('IV/e');
    expect([...shuffled].sort(compareGolongan)).toEqual(['I/a', 'I/c', 'II/d', 'III/a', 'IV/b', 'IV/e']);
  });
});

describe('pangkatOf', () => {
  it.each([
    ['I/a', 'Juru Muda'],
    ['I/d', 'Juru Tingkat I'],
    ['II/a', 'Pengatur Muda'],
    ['II/c', 'Pengatur'],
    ['III/a', 'Penata Muda'],
    ['III/b', 'Penata Muda Tingkat I'],
    ['III/d', 'Penata Tingkat I'],
    ['IV/a', 'Pembina'],
    ['IV/b', 'Pembina Tingkat I'],
    ['IV/c', 'Pembina Utama Muda'],
    ['IV/d', 'Pembina Utama Madya'],
    ['IV/e', 'Pembina Utama'],
  ] as [Golongan, string][])('gives %s the rank title %s', (g, pangkat) => {
    expect(pangkatOf(g)).toBe(pangkat);
  });
});

describe('isGolongan', () => {
  it.each(['I/a', 'II/d', 'III/a', 'IV/e'])('accepts %p', (value) => {
    expect(isGolongan(value)).toBe(true);
  });

  it.each(['V/a', 'iv/a', 'IV/A', 'IV/f', 'IVa', 'IV / a', ' IV/a', '', 3, null, undefined, ['IV/a']])('rejects %p', (value) => {
    expect(isGolongan(value)).toBe(false);
  });
});
