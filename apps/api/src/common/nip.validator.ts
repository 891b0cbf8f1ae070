import { ValidateBy, type ValidationOptions } from 'class-validator';
import { CANDIDATE_CODE_PATTERN, parseNip } from '@meritflow/domain';

/** A PNS NIP: 18 digits with a real birth date, appointment month, sex digit and sequence (domain.md §6). */
export const IsNip = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isNip',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseNip(value).ok,
        defaultMessage: (args) => {
          const parsed = typeof args?.value === 'string' ? parseNip(args.value) : null;
          const detail = parsed && !parsed.ok ? parsed.issues.map((i) => i.message.en).join('; ') : 'must be an 18-digit NIP';
          return `$property is not a valid NIP: ${detail}`;
        },
      },
    },
    options,
  );

/** A candidate named by NIP, or by code (K-01, …) in a blind selection. */
export const IsCandidateRef = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isCandidateRef',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && (CANDIDATE_CODE_PATTERN.test(value) || parseNip(value).ok),
        defaultMessage: () => '$property must be an 18-digit NIP or a candidate code such as K-01',
      },
    },
    options,
  );
