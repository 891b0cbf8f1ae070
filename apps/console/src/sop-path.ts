import type { SopDefinition } from '@meritflow/domain';

/**
 * The steps a case walks through, read from its SOP version: the non-terminal steps in the order they
 * are reached from the initial step (breadth-first over the transitions), then the terminal step the
 * case is at, or the one its main line ends in. Pure, so the stepper and its test read the same order.
 */
export function sopPath(sop: Readonly<SopDefinition>, current: string): string[] {
  const byId = new Map(sop.steps.map((s) => [s.id, s]));
  const next = (id: string) => {
    const s = byId.get(id);
    return s ? [...s.transitions.map((t) => t.to), ...(s.auto ?? []).map((a) => a.to)] : [];
  };
  const order: string[] = [];
  const seen = new Set<string>([sop.initialStep]);
  const queue = [sop.initialStep];
  while (queue.length) {
    const id = queue.shift()!;
    if (!byId.get(id)?.terminal) order.push(id);
    for (const to of next(id)) if (!seen.has(to)) (seen.add(to), queue.push(to));
  }
  if (byId.get(current)?.terminal) return [...order, current];
  const last = order[order.length - 1];
  const end = last ? next(last).find((to) => byId.get(to)?.terminal) : undefined;
  return end ? [...order, end] : order;
}
