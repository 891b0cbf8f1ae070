import { deepFreeze } from './sop.define';
import { listSops } from './sop-registry';
import { z } from 'zod';
import { ROLES } from '../roles';
import type { SopDefinition } from './sop.types';

const label = z.object({ id: z.string().min(1), en: z.string().min(1) });
const role = z.enum(ROLES);
const duration = z.union([
  z.object({ workingDays: z.number().int().min(1).max(365) }).strict(),
  z.object({ calendarDays: z.number().int().min(1).max(730) }).strict(),
  z.object({ seconds: z.number().int().min(1).max(86_400) }).strict(),
]);

const schema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    version: z.string().regex(/^\d+\.\d+\.\d+(-[a-z0-9.]+)?$/),
    effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    title: label,
    legalBasis: z.array(z.string().min(1)),
    initialStep: z.string(),
    startDecision: z.object({ decision: z.string().min(1), roles: z.array(role).min(1) }).strict(),
    testOnly: z.boolean(),
    variant: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/)
      .optional(),
    steps: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z][a-z0-9_]*$/),
            status: z.string().regex(/^[a-z][a-z0-9_]*$/),
            label,
            terminal: z.boolean(),
            transitions: z.array(
              z
                .object({
                  decision: z.string().regex(/^[a-z][a-z0-9_]*$/),
                  roles: z.array(role).min(1),
                  to: z.string(),
                  requires: z.array(z.enum(['reason', 'fillingMethod', 'evidence'])),
                  guard: z.enum(['mobility_rules']).optional(),
                  when: z.enum(['reporting_duty']).optional(),
                })
                .strict(),
            ),
            auto: z.array(z.object({ decision: z.string().regex(/^[a-z][a-z0-9_]*$/), to: z.string() }).strict()).optional(),
            deadline: z
              .object({
                after: duration,
                onExpiry: z.enum(['remind', 'escalate', 'close', 'handler']),
                notifyRole: role,
                closeTo: z.string().optional(),
              })
              .strict()
              .optional(),
            duty: z
              .object({ kind: z.enum(['report']), metBy: z.string().min(1), basis: z.array(z.string().min(1)).min(1), label })
              .strict()
              .optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .superRefine((sop, ctx) => {
    const ids = new Set(sop.steps.map((s) => s.id));
    if (ids.size !== sop.steps.length) ctx.addIssue({ code: 'custom', message: 'step ids must be unique' });
    if (!ids.has(sop.initialStep)) ctx.addIssue({ code: 'custom', message: `initialStep ${sop.initialStep} is not a step` });
    for (const step of sop.steps) {
      for (const a of step.auto ?? []) {
        if (!ids.has(a.to)) ctx.addIssue({ code: 'custom', message: `${step.id}.${a.decision} (auto) goes to unknown step ${a.to}` });
      }
      if (step.terminal && (step.transitions.length > 0 || step.deadline || (step.auto ?? []).length > 0)) {
        ctx.addIssue({ code: 'custom', message: `terminal step ${step.id} has transitions or a deadline` });
      }
      if (!step.terminal && step.transitions.length === 0 && (step.auto ?? []).length === 0) {
        ctx.addIssue({ code: 'custom', message: `step ${step.id} is a dead end but not terminal` });
      }
      const decisions = new Set<string>();
      for (const t of step.transitions) {
        if (!ids.has(t.to)) ctx.addIssue({ code: 'custom', message: `${step.id}.${t.decision} goes to unknown step ${t.to}` });
        if (step.auto?.some((a) => a.decision === t.decision))
          ctx.addIssue({ code: 'custom', message: `${step.id} has ${t.decision} both manual and automatic` });
        // A decision may be listed twice only as its plain transition and one conditional variant.
        const key = `${t.decision}|${t.when ?? ''}`;
        if (decisions.has(key)) ctx.addIssue({ code: 'custom', message: `${step.id} repeats decision ${t.decision}` });
        decisions.add(key);
        if (t.when && !step.transitions.some((p) => p.decision === t.decision && !p.when)) {
          ctx.addIssue({ code: 'custom', message: `${step.id}.${t.decision} has a conditional variant but no plain transition` });
        }
      }
      if (step.duty) {
        if (!step.transitions.some((t) => t.decision === step.duty!.metBy))
          ctx.addIssue({ code: 'custom', message: `${step.id}: duty is met by ${step.duty.metBy}, which is not a transition of the step` });
        if (!step.deadline) ctx.addIssue({ code: 'custom', message: `${step.id}: a duty needs a deadline` });
      }
      if (step.deadline?.onExpiry === 'close' && !(step.deadline.closeTo && ids.has(step.deadline.closeTo))) {
        ctx.addIssue({ code: 'custom', message: `${step.id} closes on expiry but closeTo is not a step` });
      }
      if (!sop.testOnly && step.deadline && 'seconds' in step.deadline.after) {
        ctx.addIssue({ code: 'custom', message: `${step.id}: only test-only SOP versions may count deadlines in seconds` });
      }
    }
  });

/** Throws, naming every problem, unless `definition` is a valid SOP version. */
export function validateSop(definition: SopDefinition): void {
  const parsed = schema.safeParse(definition);
  if (!parsed.success) {
    throw new Error(
      `Invalid SOP ${definition.id}@${definition.version}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
}

/** Validates a definition and freezes it deeply (tooling and tests; shipped data uses sop.define). */
export function defineValidSop(definition: SopDefinition): Readonly<SopDefinition> {
  validateSop(definition);
  return deepFreeze(definition);
}

/** Validates every shipped SOP version; the worker and the API call it before they start. */
export function validateShippedSops(): void {
  // Some versions carry their settings beside the definition (open selection); the schema covers the definition.
  for (const sop of listSops()) {
    const { settings: _settings, ...definition } = sop as SopDefinition & { settings?: unknown };
    validateSop(definition);
  }
}
