import type { FactsSnapshot } from '../register/candidate-facts';
import type { MoveFacts } from './move';

/** JPT posts: the post's start date is the inauguration the 2-year protection runs from. */
const JPT = new Set(['jpt_utama', 'jpt_madya', 'jpt_pratama']);

/** The CPNS TMT a PNS NIP carries (digits 9–14); a PPPK's appointment year. */
export const appointmentDateOfNip = (nip: string, kind: 'pns' | 'pppk' = 'pns'): string =>
  kind === 'pns' ? `${nip.slice(8, 12)}-${nip.slice(12, 14)}-01` : `${nip.slice(8, 12)}-01-01`;

/**
 * The move as the mobility rules judge it when the person is named by NIP: the person's name,
 * grade, appointment date and sanctions, and the start of the post they hold, come from the register
 * snapshot as of the evaluation date. Without a snapshot (a case proposed before the register, or a
 * person the register no longer holds) the move stays as proposed.
 */
export function moveWithRegisterFacts(move: MoveFacts, snapshot: FactsSnapshot | null | undefined): MoveFacts {
  if (!snapshot) return move;
  const f = snapshot.facts;
  const since = f.currentPostSince ?? move.from.since;
  return {
    ...move,
    person: {
      nip: move.person.nip,
      name: f.name,
      golongan: f.golongan ?? move.person.golongan,
      cpnsTmt: appointmentDateOfNip(f.nip, f.nipKind ?? 'pns'),
      sanctions: f.sanctions.map((s) => ({ level: s.level, imposedOn: s.imposedOn, ...(s.endsOn ? { endsOn: s.endsOn } : {}) })),
    },
    from: {
      ...move.from,
      since,
      ...(f.currentPostType && JPT.has(f.currentPostType) ? { inauguratedOn: since } : {}),
    },
  };
}
