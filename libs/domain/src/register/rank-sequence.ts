import type { LocalizedText } from '../i18n/messages';
import { GOLONGAN_CODES, golonganRank, type Golongan } from '../personnel/golongan';
import type { RankChangeKind } from './register.types';

/** Why a grade of this kind cannot follow `prev` (null: it can). */
export function sequenceProblem(
  to: { golongan: Golongan; kind: RankChangeKind },
  prev: { golongan: Golongan } | null,
): LocalizedText | null {
  const rank = golonganRank(to.golongan);
  if (to.kind === 'initial')
    return prev
      ? { id: `golongan awal tidak boleh didahului golongan ${prev.golongan}`, en: `an initial grade cannot follow ${prev.golongan}` }
      : null;
  if (!prev)
    return {
      id: 'belum ada golongan sebelumnya; catat golongan awal (kind initial) dahulu',
      en: 'no earlier grade is recorded; record the initial grade (kind initial) first',
    };
  const from = golonganRank(prev.golongan);
  if (to.kind === 'regular' && rank !== from + 1) {
    return {
      id: `kenaikan pangkat reguler dari ${prev.golongan} harus ke ${GOLONGAN_CODES[from + 1] ?? '—'}, bukan ${to.golongan}`,
      en: `a regular promotion from ${prev.golongan} must go to ${GOLONGAN_CODES[from + 1] ?? '—'}, not ${to.golongan}`,
    };
  }
  if (to.kind === 'adjustment' && rank <= from) {
    return {
      id: `penyesuaian golongan dari ${prev.golongan} harus naik, bukan ke ${to.golongan}`,
      en: `a grade adjustment from ${prev.golongan} must go up, not to ${to.golongan}`,
    };
  }
  if (to.kind === 'demotion') {
    if (from === 0)
      return {
        id: `golongan ${prev.golongan} adalah yang terendah; tidak dapat diturunkan`,
        en: `${prev.golongan} is the lowest grade; it cannot be lowered`,
      };
    if (rank !== from - 1)
      return {
        id: `penurunan pangkat dari ${prev.golongan} harus ke ${GOLONGAN_CODES[from - 1]}, bukan ${to.golongan}`,
        en: `a demotion from ${prev.golongan} must go to ${GOLONGAN_CODES[from - 1]}, not ${to.golongan}`,
      };
  }
  return null;
}
