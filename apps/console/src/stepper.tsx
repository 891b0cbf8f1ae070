import { getSop, type SopDefinition, type SopRef } from '@meritflow/domain';
import { useI18n } from './i18n';

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

/** A stepper for a case: done, current (aria-current="step") and upcoming steps of its SOP. */
export function Stepper({ sop, step, visited = [] }: { sop: SopRef; step: string; visited?: readonly string[] }) {
  const { t, lang } = useI18n();
  let def: Readonly<SopDefinition>;
  try {
    def = getSop(sop);
  } catch {
    return null;
  }
  const path = sopPath(def, step);
  const at = path.indexOf(step);
  const label = (id: string) => {
    const s = def.steps.find((x) => x.id === id);
    return s ? (lang === 'id' ? s.label.id : s.label.en) : id;
  };
  return (
    <nav className="stepper" aria-label={t('Tahapan kasus', 'Case steps')} data-testid="stepper">
      <p className="stepper-now">
        {t('Tahap', 'Step')} {at + 1} {t('dari', 'of')} {path.length}: <strong>{label(step)}</strong>
      </p>
      <ol>
        {path.map((id, i) => {
          const state = id === step ? 'current' : i < at || visited.includes(id) ? 'done' : 'todo';
          return (
            <li key={id} className={`stepper-${state}`} data-step={id} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="stepper-dot" aria-hidden="true">
                {state === 'done' ? '✓' : i + 1}
              </span>
              <span className="stepper-label">{label(id)}</span>
              {state === 'done' && <span className="sr-only"> ({t('selesai', 'done')})</span>}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
