import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { WorkflowBundle } from '@temporalio/worker';
import { AesGcmPayloadCodec, generatePayloadKey } from '@meritflow/codec';
import { chained, committedCase, encryptedCase, rowOf } from '../../../test/support/committed-histories';
import { sourceBundlerOptions } from '../../../test/support/workflow-bundle';
import { completedResultOf } from './archived-history';
import { auditCase } from './audit-case';
import { formatAuditReport } from './audit-report';
import { buildCaseExport, parseCaseExport } from './case-export';
import { decryptHistory, payloadKeyIdsOf } from './history-payloads';
import type { CaseHistory, History } from './history.types';
import { auditExport } from './offline-audit';
import { timelineFromHistory } from './timeline-from-history';
import { currentWorkflowBundle } from './workflow-bundle';

const WORKFLOWS = require.resolve('@meritflow/workflows');
const OLD = generatePayloadKey('kms-2026-01');
const NEW = generatePayloadKey('kms-2026-12');
const writer = new AesGcmPayloadCodec({ activeKeyId: OLD.id, keys: [OLD] });
/** After a rotation: the new key encrypts, the old one still decrypts. */
const rotated = new AesGcmPayloadCodec({ activeKeyId: NEW.id, keys: [OLD, NEW] });
/** What an auditor's keys file gives the offline check: keys that only decrypt. */
const auditorKeys = new AesGcmPayloadCodec({ activeKeyId: null, keys: [OLD] });

const plain = committedCase('vacancy-approved-closed');
/** Every payload's bytes in the history's JSON form, decoded from base64, as one string. */
const payloadText = (h: History): string =>
  [...historyToJSON(h).matchAll(/"data":\s*"([A-Za-z0-9+/=]*)"/g)].map((m) => Buffer.from(m[1], 'base64').toString('latin1')).join('\n');
const ledgerOf = (c: CaseHistory) => timelineFromHistory(c.history).map((r) => rowOf(r));

describe('encrypted histories', () => {
  let sealed: CaseHistory;
  let bundle: WorkflowBundle;

  beforeAll(async () => {
    sealed = await encryptedCase('vacancy-approved-closed', writer);
    bundle = await currentWorkflowBundle(WORKFLOWS, sourceBundlerOptions);
  }, 120_000);

  it('hold no name or NIP in any payload once encrypted, and decrypt back to the recorded history', async () => {
    expect(payloadText(plain.history)).toContain('Siti Rahayu');
    expect(payloadText(plain.history)).toContain('198503152010012003');
    expect(payloadText(sealed.history)).not.toContain('Siti Rahayu');
    expect(payloadText(sealed.history)).not.toContain('198503152010012003');
    expect(payloadKeyIdsOf(sealed.history)).toEqual(new Set([OLD.id]));
    expect(payloadKeyIdsOf(plain.history)).toEqual(new Set());

    const before = historyToJSON(sealed.history);
    expect(historyToJSON(await decryptHistory(sealed.history, rotated))).toBe(historyToJSON(plain.history));
    // The stored copy (what the archive hashes) is left as it was.
    expect(historyToJSON(sealed.history)).toBe(before);
  });

  it('give their final state and decisions only through the codec', async () => {
    expect(await completedResultOf(sealed.history, auditorKeys)).toEqual(await completedResultOf(plain.history));
    await expect(completedResultOf(sealed.history)).rejects.toMatchObject({ code: 'PAYLOAD_KEY_UNKNOWN', params: { keyId: OLD.id } });
    expect(timelineFromHistory(await decryptHistory(sealed.history, auditorKeys))).toEqual(timelineFromHistory(plain.history));
  });

  it('audit consistent with the key: replayed through the codec, decisions matched with the ledger', async () => {
    const audit = await auditCase({ histories: [sealed], ledger: ledgerOf(plain), bundle, codec: rotated });
    expect(audit.replay).toEqual([{ workflowId: plain.workflowId, runId: plain.runId, ok: true }]);
    expect(audit.comparison).toMatchObject({ matches: 3, missing: [], extra: [], altered: [] });
    expect(audit.verdict).toBe('consistent');
  }, 60_000);

  it('are refused without the key, naming it, rather than audited as empty', async () => {
    await expect(auditCase({ histories: [sealed], ledger: ledgerOf(plain), bundle })).rejects.toMatchObject({
      code: 'PAYLOAD_KEY_UNKNOWN',
      params: { keyId: OLD.id, known: [] },
    });
  });

  it('audit inconsistent when an encrypted payload was altered: that run shows no decisions and fails, naming why', async () => {
    const json = JSON.parse(historyToJSON(sealed.history)) as { events: Record<string, any>[] };
    const scheduled = json.events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordDecision')!;
    const payload = scheduled.activityTaskScheduledEventAttributes.input.payloads[0];
    const bytes = Buffer.from(payload.data, 'base64');
    bytes[30] ^= 0x01;
    payload.data = bytes.toString('base64');
    const tampered = { ...sealed, history: historyFromJSON(json) };

    const audit = await auditCase({ histories: [tampered], ledger: ledgerOf(plain), bundle, codec: rotated });
    expect(audit.replay).toEqual([
      {
        workflowId: plain.workflowId,
        runId: plain.runId,
        ok: false,
        error: { name: 'PAYLOAD_DECRYPT_FAILED', message: expect.stringContaining(`encrypted with key "${OLD.id}" cannot be decrypted`) },
      },
    ]);
    expect(audit.comparison.extra).toHaveLength(3);
    expect(audit.verdict).toBe('inconsistent');
  }, 60_000);
});

describe('the offline check of an encrypted export', () => {
  const exportOf = (c: CaseHistory, ledger = chained(ledgerOf(plain))) =>
    parseCaseExport(
      JSON.parse(
        JSON.stringify(
          buildCaseExport({
            caseId: c.workflowId,
            exportedAt: new Date('2026-12-06T01:00:00.000Z'),
            root: { workflowId: c.workflowId, runId: c.runId },
            histories: [c],
            ledger,
          }),
        ),
      ),
    );
  let bundle: WorkflowBundle;
  let sealed: CaseHistory;

  beforeAll(async () => {
    sealed = await encryptedCase('vacancy-approved-closed', writer);
    bundle = await currentWorkflowBundle(WORKFLOWS, sourceBundlerOptions);
  }, 120_000);

  it('with the keys: replays and compares as for a plain export', async () => {
    const audit = await auditExport(exportOf(sealed), bundle, auditorKeys);
    expect(audit).toMatchObject({ verdict: 'consistent', missingKeys: [], chain: { ok: true } });
    expect(audit.comparison.matches).toBe(3);
  }, 60_000);

  it('without them: still checks the chain, says the replay needs the key, and reads plain exports as before', async () => {
    const audit = await auditExport(exportOf(sealed), bundle);
    expect(audit).toMatchObject({ verdict: 'needs_key', missingKeys: [OLD.id], replay: [], chain: { ok: true } });
    const report = formatAuditReport({ caseId: sealed.workflowId, histories: [sealed], ledgerRows: 3, audit });
    expect(report).toContain(`Replay and the decision comparison were NOT run: the encrypted histories need the payload key(s) ${OLD.id}.`);
    expect(report).toContain('UTUH / INTACT');
    expect(report).toContain('Verdict: INCOMPLETE.');
    expect(report).not.toContain('Cocok / Matching');

    expect((await auditExport(exportOf(plain), bundle)).verdict).toBe('consistent');
  }, 60_000);

  it('without them: a broken chain is still found and makes the case inconsistent', async () => {
    const ledger = chained(ledgerOf(plain));
    ledger[1] = { ...ledger[1], reason: 'Ditulis ulang' };
    const audit = await auditExport(exportOf(sealed, ledger), bundle);
    expect(audit).toMatchObject({ verdict: 'inconsistent', missingKeys: [OLD.id], chain: { ok: false } });
  });
});
