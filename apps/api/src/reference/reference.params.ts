import { BUSINESS_CODE_PATTERN } from '@meritflow/domain';
import { PatternPipe } from '../common/param-pipes';

export const RegionCodePipe = new PatternPipe('regionCode', (v) => BUSINESS_CODE_PATTERN.test(v), {
  id: 'kode wilayah, mis. PROV-JATENG atau KAB-SLEMAN',
  en: 'a region code, e.g. PROV-JATENG or KAB-SLEMAN',
});
export const AgencyCodePipe = new PatternPipe('agencyCode', (v) => BUSINESS_CODE_PATTERN.test(v), {
  id: 'kode instansi, mis. PEMKAB-SLEMAN',
  en: 'an agency code, e.g. PEMKAB-SLEMAN',
});
