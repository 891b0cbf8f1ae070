import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { startProcess, type ManagedProcess } from '@meritflow/devstack';
import {
  TWIN_TASK_QUEUE,
  twinAppointmentId,
  twinAssessmentId,
  twinDecideUpdate,
  twinFloorUpdate,
  twinReviewId,
  twinStateQuery,
  type TwinDecision,
  type TwinProbe,
  type TwinState,
} from '../twin/contracts';
import { ROOT } from './stack';
import { sleep } from './stats';

/** Starts bench/twin-worker.js as a child process and waits until it polls. */
export async function startTwinWorker(temporalAddress: string, log: (line: string) => void): Promise<ManagedProcess> {
  let ready!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  const proc = await startProcess({
    name: 'twin worker',
    command: process.execPath,
    args: [path.join(ROOT, 'dist/bench/twin-worker.js')],
    cwd: ROOT,
    env: { ...process.env, TEMPORAL_ADDRESS: temporalAddress },
    log: (line) => {
      if (line.includes('twin worker ready')) ready();
      log(line);
    },
  });
  await Promise.race([
    isReady,
    proc.exited.then((e) => {
      throw new Error(`twin worker exited while starting (${JSON.stringify(e)}): ${proc.recentOutput().join('\n')}`);
    }),
  ]);
  return proc;
}

const code = (p: string) => `${p}-${randomBytes(4).toString('hex').toUpperCase()}`;

/** Sends one decision; a child that is still being started answers "not found" for a moment, as through the API. */
export async function twinDecide(client: Client, workflowId: string, d: TwinDecision, updateId?: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.workflow.getHandle(workflowId).executeUpdate(twinDecideUpdate, { args: [d], ...(updateId ? { updateId } : {}) });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError && attempt < 100) {
        await sleep(50);
        continue;
      }
      throw err;
    }
  }
}

/** The floor update (issue 19): the same decision applied in memory, no activity (or a probe: a local one; one not awaited). */
export function twinFloor(client: Client, workflowId: string, d: TwinDecision & { probe: TwinProbe }) {
  return client.workflow.getHandle(workflowId).executeUpdate(twinFloorUpdate, { args: [d] });
}

/** Polls the state query every 200 ms, as the API fixtures poll GET (test/support eventually()). */
export async function twinWaitFor(
  client: Client,
  workflowId: string,
  check: (s: TwinState) => boolean,
  timeoutMs = 60_000,
): Promise<TwinState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await client.workflow.getHandle(workflowId).query(twinStateQuery);
    if (check(s)) return s;
    if (Date.now() > deadline) throw new Error(`twin ${workflowId} stuck at ${s.step}`);
    await sleep(200);
  }
}

export interface TwinSelection {
  vacancyId: string;
  id: string;
  postCode: string;
  members: string[];
  nips: string[];
  childIds: string[];
}

let nipSeq = 0;
const twinNip = () => `19780412200303${String(1000 + (nipSeq++ % 9000)).padStart(4, '0')}`;

/** Opens a twin vacancy (approved) and a twin selection for it, up to registration of `candidates`. */
export async function openTwinSelection(client: Client, candidates: number, registrationSeconds = 4): Promise<TwinSelection> {
  const postCode = code('KADIS');
  const vacancyId = `twin-vacancy:${code('PEMKAB')}:${postCode}`;
  await client.workflow.start('twinVacancyWorkflow', { taskQueue: TWIN_TASK_QUEUE, workflowId: vacancyId, args: [] });
  await twinDecide(client, vacancyId, { decision: 'approve', actorId: 'ppk' });
  const id = `twin-selection:${code('SELTER')}`;
  const tag = randomBytes(2).toString('hex');
  const members = [1, 2, 3, 4, 5].map((i) => `pansel-${i}-${tag}`);
  await client.workflow.start('twinSelectionWorkflow', {
    taskQueue: TWIN_TASK_QUEUE,
    workflowId: id,
    args: [{ vacancyId, postCode, members, registrationSeconds, minApplicants: 4 }],
  });
  await twinDecide(client, id, { decision: 'form_committee', actorId: 'ppk', members });
  await twinDecide(client, id, { decision: 'announce', actorId: members[0] });
  const nips = Array.from({ length: candidates }, twinNip);
  await twinDecide(client, id, { decision: 'register_candidates', actorId: 'hr', nips });
  return { vacancyId, id, postCode, members, nips, childIds: [] };
}

/**
 * The twin of test/support runWholeSelection: the same decisions in the same order, one request
 * at a time, waiting for the same steps, returning once the selection is closed and "recorded".
 */
export async function runTwinSelection(client: Client, candidates = 4): Promise<TwinSelection> {
  const sel = await openTwinSelection(client, candidates);
  const { id, members, nips } = sel;
  await twinWaitFor(client, id, (s) => s.step === 'screening');
  for (const nip of nips) await twinDecide(client, id, { decision: 'screen_candidate', actorId: 'hr', nip });
  await twinDecide(client, id, { decision: 'close_screening', actorId: members[0] });
  await twinWaitFor(client, id, (s) => s.step === 'assessment');
  for (const nip of nips) await twinDecide(client, twinAssessmentId(id, nip), { decision: 'record_assessment', actorId: 'asesor' });
  await twinWaitFor(client, id, (s) => s.step === 'committee_review');
  const review = twinReviewId(id);
  for (const m of members)
    await twinDecide(client, review, {
      decision: 'declare_interests',
      actorId: m,
      declarations: nips.map((nip) => ({ nip, conflicted: false })),
    });
  for (const [mi, m] of members.entries()) {
    for (const [ci, nip] of nips.entries())
      await twinDecide(client, review, { decision: 'score', actorId: m, nip, paper: 88 - 4 * ci + mi, interview: 88 - 4 * ci + mi });
  }
  const ranking = await twinWaitFor(client, id, (s) => s.step === 'ranking');
  await twinDecide(client, id, { decision: 'sign_ranking', actorId: members[0] });
  await twinDecide(client, id, { decision: 'recommend', actorId: 'overseer', recommended: ranking.shortlist });
  await twinDecide(client, id, { decision: 'pick', actorId: 'ppk', nip: ranking.shortlist[0] });
  await twinWaitFor(client, id, (s) => s.step === 'appointment');
  const appt = twinAppointmentId(id, sel.postCode);
  await twinDecide(client, appt, { decision: 'record_decree', actorId: 'hr' });
  await twinDecide(client, appt, { decision: 'record_inauguration', actorId: 'hr' });
  await twinWaitFor(client, id, (s) => s.step === 'closed' && s.recordedCount === s.decisionCount);
  return { ...sel, childIds: [...nips.map((n) => twinAssessmentId(id, n)), review, appt] };
}
