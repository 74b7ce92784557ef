import { normalizeTaxCode, taxCodeProblem } from '@coopera/domain';
import { Transform } from 'class-transformer';
import { registerDecorator, ValidationArguments } from 'class-validator';

/** A partita IVA or codice fiscale with a valid check character; normalized before checking. */
export function IsTaxCode(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeTaxCode(value) : value))(target, propertyName);
    registerDecorator({
      name: 'isTaxCode',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => typeof value === 'string' && taxCodeProblem(value) === null,
        defaultMessage: (args: ValidationArguments) =>
          typeof args.value === 'string' ? (taxCodeProblem(args.value) ?? 'is invalid') : 'must be a string',
      },
    });
  };
}
