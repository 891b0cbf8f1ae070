import { ApiResponse } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode } from '@meritflow/domain';
import { ERROR_STATUS } from './error-status';

/** Every error answer: `{ statusCode, code, message, messages: { id, en }, details, field }`. */
export const ERROR_BODY_SCHEMA = {
  type: 'object',
  required: ['statusCode', 'code', 'message', 'messages', 'details', 'field'],
  properties: {
    statusCode: { type: 'integer', example: 409 },
    code: { type: 'string', enum: [...ERROR_CODES] },
    message: { type: 'string', description: 'In Bahasa Indonesia unless Accept-Language prefers English' },
    messages: { type: 'object', required: ['id', 'en'], properties: { id: { type: 'string' }, en: { type: 'string' } } },
    field: {
      type: 'string',
      nullable: true,
      example: 'candidates.0.nip',
      description: 'The path of the field the refusal is about (its first issue), for a form to attach the message to; null otherwise',
    },
    details: {
      type: 'object',
      description: 'The refusal’s parameters; bad input lists one entry per field in `fields`',
      properties: {
        fields: {
          type: 'array',
          items: {
            type: 'object',
            required: ['field', 'rule', 'message'],
            properties: {
              field: { type: 'string', example: 'candidates.0.profile.nip' },
              rule: { type: 'string', example: 'isRealDate' },
              message: { type: 'object', properties: { id: { type: 'string' }, en: { type: 'string' } } },
            },
          },
        },
      },
      additionalProperties: true,
    },
  },
} as const;

const CODES_KEY = 'meritflow:error-codes';

const describeCodes = (codes: readonly ErrorCode[]): string => codes.join(', ');

/**
 * Documents the error answers an operation can give, by code; each status is listed once with its
 * codes and the error schema. Calls accumulate (the roles decorator adds the codes every signed-in
 * request can meet), so each operation names only its own refusals.
 */
export const ApiErrors =
  (...codes: ErrorCode[]): MethodDecorator =>
  (target, key, descriptor) => {
    const handler = descriptor.value as object;
    const all: ErrorCode[] = [...new Set([...((Reflect.getMetadata(CODES_KEY, handler) as ErrorCode[] | undefined) ?? []), ...codes])];
    Reflect.defineMetadata(CODES_KEY, all, handler);
    const byStatus = new Map<number, ErrorCode[]>();
    for (const c of all) byStatus.set(ERROR_STATUS[c], [...(byStatus.get(ERROR_STATUS[c]) ?? []), c]);
    for (const [status, list] of byStatus)
      ApiResponse({ status, description: describeCodes(list), schema: ERROR_BODY_SCHEMA as never })(target, key, descriptor);
  };

/** What an operation is refused with because of its shape, whatever it does. */
const SHAPE_ERRORS = {
  input: ['VALIDATION_FAILED'] as ErrorCode[],
  body: ['PAYLOAD_TOO_LARGE'] as ErrorCode[],
  pathId: ['CASE_NOT_FOUND'] as ErrorCode[],
};

type Operation = {
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<string, { description: string; content?: unknown }>;
};

/**
 * Completes the document: every operation lists the refusals its shape implies (bad input when it
 * takes parameters or a body, 413 for a body, 404 for a path id, 429 for the rate limit), and every
 * error answer carries the error schema. The contract test compares this with the real answers.
 */
export function completeErrorResponses(doc: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'delete', 'patch'] as const) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      const add = (codes: ErrorCode[]) => {
        for (const code of codes) {
          const status = String(ERROR_STATUS[code]);
          const existing = op.responses[status];
          if (!existing) op.responses[status] = { description: code };
          else if (!existing.description.split(/[ ,.;:()]+/).includes(code)) existing.description = `${existing.description}; ${code}`;
        }
      };
      const params = op.parameters ?? [];
      if (params.length > 0 || op.requestBody) add(SHAPE_ERRORS.input);
      if (op.requestBody) add(SHAPE_ERRORS.body);
      if (params.some((p) => p.in === 'path') && /\{(id|caseId|nip|postCode)\}/.test(path)) add(SHAPE_ERRORS.pathId);
      add(['RATE_LIMITED']);
      for (const [status, res] of Object.entries(op.responses)) {
        if (Number(status) >= 400) res.content = { 'application/json': { schema: ERROR_BODY_SCHEMA } };
      }
    }
  }
  return doc;
}

/** A decision sent to a case (a Temporal Update): every refusal the SOP runner and the API can give. */
export const DECISION_ERRORS: ErrorCode[] = [
  'VALIDATION_FAILED',
  'DECISION_INCOMPLETE',
  'SEPARATION_OF_DUTIES',
  'CASE_NOT_FOUND',
  'DECISION_NOT_ALLOWED',
  'ROLE_NOT_ALLOWED',
  'ALREADY_DECIDED',
  'ACTOR_NOT_ASSIGNED',
  'CONFLICT_OF_INTEREST',
  'VACANCY_NOT_READY',
  'RULE_BLOCKED',
  'APPEAL_WINDOW_CLOSED',
  'DECREE_DRAFT_NOT_CITED',
  'IDEMPOTENCY_CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UPSTREAM_UNAVAILABLE',
];

/** Opening a case: a workflow start. */
export const START_ERRORS: ErrorCode[] = [
  'VALIDATION_FAILED',
  'SOP_VERSION_UNKNOWN',
  'CASE_NOT_FOUND',
  'CASE_ALREADY_EXISTS',
  'VACANCY_NOT_READY',
  'RULE_BLOCKED',
  'PAYLOAD_TOO_LARGE',
  'UPSTREAM_UNAVAILABLE',
];
