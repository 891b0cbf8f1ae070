import type { DecisionView } from '@meritflow/domain';
import { formatTime, roleLabel, stepLabel, decisionLabel, useI18n } from './i18n';
import { TableWrap } from './table-wrap';

/** A ledger row as the API presents it; its evidence is read defensively, as whatever JSON was recorded. */
export type DecisionRow = Pick<
  DecisionView,
  'id' | 'workflowId' | 'sequence' | 'decision' | 'stepBefore' | 'stepAfter' | 'actor' | 'reason' | 'sop' | 'ruleVersion' | 'decidedAt'
> & {
  evidence: { uri: string; sha256: string; kind?: string; filename?: string; name?: string }[] | null;
};

/** The decision timeline: who, in what role, what, why, with what evidence, under which SOP. */
export function Timeline({ decisions, rootId }: { decisions: DecisionRow[]; rootId: string }) {
  const { t, lang } = useI18n();
  return (
    <section aria-labelledby="timeline-h">
      <h2 id="timeline-h">{t('Linimasa keputusan', 'Decision timeline')}</h2>
      {decisions.length === 0 ? (
        <p>{t('Belum ada keputusan tercatat.', 'No decision recorded yet.')}</p>
      ) : (
        <TableWrap labelledBy="timeline-h">
          <table className="timeline">
            <caption className="sr-only">
              {t('Setiap keputusan kasus ini dan alur turunannya', 'Every decision of this case and its child workflows')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('Waktu', 'Time')}</th>
                <th scope="col">{t('Keputusan', 'Decision')}</th>
                <th scope="col">{t('Pelaku', 'Actor')}</th>
                <th scope="col">{t('Peran', 'Role')}</th>
                <th scope="col">{t('Alasan', 'Reason')}</th>
                <th scope="col">{t('Bukti', 'Evidence')}</th>
                <th scope="col">{t('SOP / aturan', 'SOP / rule')}</th>
              </tr>
            </thead>
            <tbody>
              {decisions.map((d) => (
                <tr key={`${d.workflowId}:${d.sequence}:${d.id}`}>
                  <td data-label={t('Waktu', 'Time')}>{formatTime(d.decidedAt, lang)}</td>
                  <td data-label={t('Keputusan', 'Decision')}>
                    <span data-decision={d.decision}>{decisionLabel(d.decision, lang, d.sop.id)}</span>
                    {d.workflowId !== rootId && <div className="sub">{d.workflowId.slice(rootId.length + 1)}</div>}
                    <div className="sub">
                      {stepLabel(d.stepBefore, lang, d.sop.id)} → {stepLabel(d.stepAfter, lang, d.sop.id)}
                    </div>
                  </td>
                  <td data-label={t('Pelaku', 'Actor')}>
                    {d.actor.name ?? d.actor.id}
                    <div className="sub">{d.actor.id}</div>
                    {d.actor.actingFor && (
                      <div className="sub">
                        {t('atas nama', 'acting for')} {d.actor.actingFor.name ?? d.actor.actingFor.id}
                      </div>
                    )}
                  </td>
                  <td data-label={t('Peran', 'Role')}>{roleLabel(d.actor.role, lang)}</td>
                  <td data-label={t('Alasan', 'Reason')}>{d.reason ?? '—'}</td>
                  <td data-label={t('Bukti', 'Evidence')}>
                    {(d.evidence ?? []).length === 0
                      ? '—'
                      : (d.evidence ?? []).map((e) => (
                          <div key={e.uri}>
                            {e.kind ?? e.filename ?? e.uri} <code title={e.sha256}>{e.sha256?.slice(0, 12)}</code>
                          </div>
                        ))}
                  </td>
                  <td data-label={t('SOP / aturan', 'SOP / rule')}>
                    {d.sop.id}@{d.sop.version}
                    {d.ruleVersion && <div className="sub">{d.ruleVersion}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
