import { checkRegionHierarchy, type Region, type RegionContext } from './region-hierarchy';

const region = (kind: Region['kind'], provinceCode: string | null = null, regionCode = 'R-1'): Region => ({
  regionCode,
  name: 'Wilayah',
  kind,
  provinceCode,
});
const ctx = (province: Region['kind'] | null, members = 0): RegionContext => ({ province: province && { kind: province }, members });

describe('checkRegionHierarchy', () => {
  it.each<[string, Region, Region | null, RegionContext]>([
    ['registers a province of its own', region('province'), null, ctx(null)],
    ['registers a regency in a registered province', region('regency', 'P-1'), null, ctx('province')],
    ['registers a city in no province', region('city'), null, ctx(null)],
    ['renames a province that regencies name', region('province'), region('province'), ctx(null, 3)],
    ['turns an unused province into a city', region('city'), region('province'), ctx(null, 0)],
  ])('accepts: %s', (_name, next, current, context) => {
    expect(checkRegionHierarchy(next, current, context)).toEqual([]);
  });

  it.each<[string, Region, Region | null, RegionContext, { field: string; rule: string }[]]>([
    [
      'a province inside a province',
      region('province', 'P-1'),
      null,
      ctx('province'),
      [{ field: 'provinceCode', rule: 'provinceHasNone' }],
    ],
    [
      'a regency in an unregistered province',
      region('regency', 'P-9'),
      null,
      ctx(null),
      [{ field: 'provinceCode', rule: 'provinceExists' }],
    ],
    [
      'a city whose "province" is a regency',
      region('city', 'K-1'),
      null,
      ctx('regency'),
      [{ field: 'provinceCode', rule: 'provinceExists' }],
    ],
    [
      'a province turned regency while 2 regions name it',
      region('regency'),
      region('province'),
      ctx(null, 2),
      [{ field: 'kind', rule: 'provinceInUse' }],
    ],
    [
      'a used province turned regency of an unregistered province',
      region('regency', 'P-9'),
      region('province'),
      ctx(null, 1),
      [
        { field: 'provinceCode', rule: 'provinceExists' },
        { field: 'kind', rule: 'provinceInUse' },
      ],
    ],
  ])('refuses %s', (_name, next, current, context, expected) => {
    expect(checkRegionHierarchy(next, current, context).map(({ field, rule }) => ({ field, rule }))).toEqual(expected);
  });

  it('says how many regions still belong to the province', () => {
    const [issue] = checkRegionHierarchy(region('city'), region('province'), ctx(null, 4));
    expect(issue.message.en).toBe('4 regencies or cities still belong to this province');
  });
});
