import { SELECTION_CHAINS } from '../selection/decision-chain';
import { getSop, listSops } from '../sop/sop-registry';
import { CHAIN_DECREE_INSTRUMENT, decreeInstrumentOf } from './decree-instrument';

describe('decreeInstrumentOf: SK or Keppres, from the SOP version the case pinned', () => {
  it.each([
    ['open-selection', '1.0.0', 'sk'],
    ['open-selection', '1.1.0', 'sk'],
    ['open-selection', '1.0.0-sekda', 'sk'],
    ['open-selection', '1.1.0-sekda', 'sk'],
    ['open-selection', '1.0.0-madya', 'keppres'],
    ['open-selection', '1.0.1-madya', 'keppres'],
    ['open-selection', '1.1.0-madya', 'keppres'],
    ['open-selection', '1.0.0-utama', 'keppres'],
    ['open-selection', '1.1.0-utama', 'keppres'],
    ['open-selection', '1.0.0-madya.test.fast', 'keppres'],
    ['bulk-move', '1.0.0', 'sk'],
    ['discipline', '1.0.0', 'sk'],
  ])('%s %s ends in %s', (id, version, instrument) => {
    expect(decreeInstrumentOf(getSop({ id, version }))).toBe(instrument);
  });

  it('gives an SK for every SOP outside the selection chains (moves, bulk moves, discipline)', () => {
    for (const sop of listSops().filter((s) => s.id !== 'open-selection'))
      expect([sop.id, decreeInstrumentOf(sop)]).toEqual([sop.id, 'sk']);
  });

  it('knows every chain, and every shipped selection version has an answer from its chain', () => {
    expect(Object.keys(CHAIN_DECREE_INSTRUMENT).sort()).toEqual([...SELECTION_CHAINS].sort());
    for (const sop of listSops().filter((s) => s.id === 'open-selection')) {
      const chain = (sop as { settings?: { chain?: string } }).settings?.chain;
      expect([sop.version, decreeInstrumentOf(sop)]).toEqual([sop.version, chain === 'madya' || chain === 'utama' ? 'keppres' : 'sk']);
    }
  });
});
