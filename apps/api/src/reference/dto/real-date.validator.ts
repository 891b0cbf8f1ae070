import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '@meritflow/domain';

/** A real calendar date 'YYYY-MM-DD' between 2000 and 2100 ('2026-02-30' is refused). */
export const isReferenceDate = (value: unknown): boolean =>
  typeof value === 'string' && isIsoDate(value) && value >= '2000-01-01' && value <= '2100-12-31';

export const IsReferenceDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isRealDate',
      validator: { validate: isReferenceDate, defaultMessage: () => '$property must be a real date YYYY-MM-DD between 2000 and 2100' },
    },
    options,
  );
