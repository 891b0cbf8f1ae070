import type { ReactNode } from 'react';

/**
 * A table that may scroll sideways on a narrow screen: a named region that takes the keyboard focus,
 * so a keyboard user can scroll it too (axe: scrollable-region-focusable).
 */
export function TableWrap({ labelledBy, label, children }: { labelledBy?: string; label?: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" tabIndex={0} aria-labelledby={labelledBy} aria-label={labelledBy ? undefined : label}>
      {children}
    </div>
  );
}
