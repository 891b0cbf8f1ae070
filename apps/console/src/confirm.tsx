import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useI18n } from './i18n';
import { isDestructiveDecision } from '@meritflow/domain';

/** Whether a decision ends, refuses or undoes something and so asks for a confirmation first (the domain's registry). */
export const isDestructive = isDestructiveDecision;

/**
 * A modal confirmation (the native <dialog>: focus is trapped and Escape cancels) for a destructive
 * decision: it names what will happen and offers "Cancel" as the default, safe choice.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  body?: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      className="confirm"
      aria-labelledby={titleId}
      data-testid="confirm-dialog"
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      {props.body && <div className="confirm-body">{props.body}</div>}
      <p className="hint">
        {t('Keputusan tercatat tidak dapat diubah atau dihapus.', 'A recorded decision can never be changed or deleted.')}
      </p>
      <div className="row confirm-actions">
        <button type="button" autoFocus onClick={props.onCancel}>
          {t('Batal', 'Cancel')}
        </button>
        <button type="button" className="danger" onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

/**
 * `ask(run)` runs `run` at once for an ordinary decision, and after a confirmation for a destructive
 * one; render `dialog` once in the component.
 */
export function useConfirm(decision: string, text: { title: string; body?: ReactNode; confirmLabel: string }) {
  const [pending, setPending] = useState<null | (() => void)>(null);
  const ask = (run: () => void) => (isDestructive(decision) ? setPending(() => run) : run());
  const dialog = (
    <ConfirmDialog
      open={pending !== null}
      title={text.title}
      body={text.body}
      confirmLabel={text.confirmLabel}
      onCancel={() => setPending(null)}
      onConfirm={() => {
        const run = pending;
        setPending(null);
        run?.();
      }}
    />
  );
  return { ask, dialog };
}

/**
 * `confirm()` answers true at once for an ordinary decision, and the person's answer in the dialog for
 * a destructive one; render `dialog` once in the form. For forms whose submit is a promise.
 */
export function useConfirmAsync(decision: string, text: { title: string; body?: ReactNode; confirmLabel: string }) {
  const [resolve, setResolve] = useState<null | ((ok: boolean) => void)>(null);
  const confirm = (): Promise<boolean> =>
    isDestructive(decision) ? new Promise<boolean>((r) => setResolve(() => r)) : Promise.resolve(true);
  const answer = (ok: boolean) => {
    resolve?.(ok);
    setResolve(null);
  };
  const dialog = (
    <ConfirmDialog
      open={resolve !== null}
      title={text.title}
      body={text.body}
      confirmLabel={text.confirmLabel}
      onCancel={() => answer(false)}
      onConfirm={() => answer(true)}
    />
  );
  return { confirm, dialog };
}

/** One fact a confirmation repeats: what the decision will record. */
export interface ConfirmLine {
  label: string;
  value: ReactNode;
}

/**
 * The confirmation of a decision form's submit: for a destructive decision (the domain's registry) the
 * dialog titled "<title>?" repeats what will be recorded and asks "Yes, <title>"; `ensure()` resolves
 * once the person confirms (at once for an ordinary decision) and throws "Cancelled: nothing was
 * recorded" when they cancel, so the form shows that instead of sending. Render `dialog` in the form.
 */
export function useDecisionConfirm(decision: string, title: string, lines: readonly ConfirmLine[], confirmLabel?: string) {
  const { t } = useI18n();
  const { confirm, dialog } = useConfirmAsync(decision, {
    title: `${title}?`,
    body: (
      <dl className="facts">
        {lines.map((l, i) => (
          <div key={i} className="pair">
            <dt>{l.label}</dt>
            <dd>{l.value}</dd>
          </div>
        ))}
      </dl>
    ),
    confirmLabel: confirmLabel ?? t(`Ya, ${title.toLowerCase()}`, `Yes, ${title.toLowerCase()}`),
  });
  const ensure = async (): Promise<void> => {
    if (!(await confirm())) throw new Error(t('Dibatalkan: tidak ada yang dicatat.', 'Cancelled: nothing was recorded.'));
  };
  return { ensure, dialog };
}
