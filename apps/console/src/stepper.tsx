import { getSop, type SopDefinition, type SopRef } from '@meritflow/domain';
import { sopPath } from './sop-path';
import { useI18n } from './i18n';

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
