import type { FieldIssue } from '../errors';
import type { RegionKind } from './reference-policy';

/** A region as the reference data registers it. */
export interface Region {
  regionCode: string;
  name: string;
  kind: RegionKind;
  /** The province a regency or city belongs to; null for a province. */
  provinceCode: string | null;
}

/** What the register holds around a region about to be written. */
export interface RegionContext {
  /** The region `provinceCode` names, as registered; null when it is not registered or names the region itself. */
  province: Pick<Region, 'kind'> | null;
  /** How many registered regions name this region as their province. */
  members: number;
}

/**
 * The province rule: a province belongs to no province; a regency or city may name a registered
 * province; a province stops being one only when no regency or city names it any more.
 */
export function checkRegionHierarchy(next: Region, current: Region | null, context: RegionContext): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (next.kind === 'province' && next.provinceCode !== null) {
    issues.push({
      field: 'provinceCode',
      rule: 'provinceHasNone',
      message: {
        id: 'provinsi tidak berada di provinsi lain; kosongkan provinceCode',
        en: 'a province belongs to no province; leave provinceCode out',
      },
    });
  } else if (next.provinceCode !== null && context.province?.kind !== 'province') {
    issues.push({
      field: 'provinceCode',
      rule: 'provinceExists',
      message: { id: `${next.provinceCode} bukan provinsi yang terdaftar`, en: `${next.provinceCode} is not a registered province` },
    });
  }
  if (current?.kind === 'province' && next.kind !== 'province' && context.members > 0) {
    issues.push({
      field: 'kind',
      rule: 'provinceInUse',
      message: {
        id: `${context.members} kabupaten/kota masih berada di provinsi ini`,
        en: `${context.members} regencies or cities still belong to this province`,
      },
    });
  }
  return issues;
}
