import { applyDecorators } from '@nestjs/common';
import { Matches, ValidateBy, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '@meritflow/domain';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A real calendar date 'YYYY-MM-DD' from 1900 to 2100: '2025-02-30' is refused at the edge, naming
 * the field, so an impossible date never reaches a workflow or the ledger (where it would be judged,
 * say, as an ineligibility). Birth dates and first appointments reach back before 2000.
 */
export const isCalendarDate = (value: unknown): boolean =>
  typeof value === 'string' && ISO_DATE.test(value) && isIsoDate(value) && value >= '1900-01-01' && value <= '2100-12-31';

export const IsCalendarDate = (options?: ValidationOptions): PropertyDecorator =>
  applyDecorators(
    Matches(ISO_DATE, options),
    ValidateBy(
      {
        name: 'isRealDate',
        validator: {
          validate: (v) => !ISO_DATE.test(String(v)) || isCalendarDate(v),
          defaultMessage: () => '$property must be a real calendar date YYYY-MM-DD between 1900 and 2100',
        },
      },
      options,
    ),
  );
