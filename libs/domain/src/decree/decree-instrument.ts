import type { SelectionChain } from '../selection/decision-chain';
import type { SopDefinition } from '../sop/sop.types';

/**
 * How the appointment a selection chain ends in is signed (domain.md §2.1 row 12): by the agency's
 * PPK in an SK, which meritflow drafts, or by the President in a Keppres, which meritflow only records
 * (record_keppres with the signed document). A Record over every chain, so a new chain does not
 * compile without saying which.
 */
export const CHAIN_DECREE_INSTRUMENT: Readonly<Record<SelectionChain, DecreeInstrument>> = Object.freeze({
  pratama: 'sk',
  regency_sekda: 'sk',
  madya: 'keppres',
  utama: 'keppres',
});
export type DecreeInstrument = 'sk' | 'keppres';

/**
 * The instrument a case pinned to this SOP version ends in: its chain's (SOP data: `settings.chain`),
 * else an SK (every SOP without a chain, including the open-selection versions shipped before chains).
 */
export function decreeInstrumentOf(sop: Readonly<SopDefinition>): DecreeInstrument {
  const chain = (sop as { settings?: { chain?: SelectionChain } }).settings?.chain;
  return chain === undefined ? 'sk' : CHAIN_DECREE_INSTRUMENT[chain];
}
