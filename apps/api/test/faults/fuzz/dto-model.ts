import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Constructor = new (...args: never[]) => unknown;

/** What a value must be, as the DTO's validators say (the first one that decides the type). */
export type FieldKind =
  | 'string'
  | 'int'
  | 'boolean'
  | 'uuid'
  | 'calendarDate'
  | 'dateTime'
  | 'isoDate'
  | 'enum'
  | 'email'
  | 'url'
  | 'taxCode'
  | 'pattern'
  | 'constant'
  | 'object'
  | 'unknown';

/** One property of a DTO, from class-validator's metadata: the spec the fuzzer mutates against. */
export interface FieldModel {
  name: string;
  /** Absent is refused (no @IsOptional / @ValidateIf lets `undefined` through). */
  required: boolean;
  /** Null is let through unvalidated (@IsOptional, or a @ValidateIf that skips null). */
  nullable: boolean;
  /** An array of `element` values (`each: true` validators or @ValidateNested arrays). */
  array: boolean;
  kind: FieldKind;
  /** The values of @IsIn / @Equals. */
  allowed?: readonly unknown[];
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  arrayMax?: number;
  /** @ArrayUnique: a repeated element is refused. */
  unique: boolean;
  /** For @ValidateNested: the nested DTO's own fields. */
  nested?: DtoModel;
}

export interface DtoModel {
  name: string;
  fields: FieldModel[];
}

const KIND_OF: Record<string, FieldKind> = {
  isString: 'string',
  isInt: 'int',
  isBoolean: 'boolean',
  isUuid: 'uuid',
  isCalendarDate: 'calendarDate',
  isDateTime: 'dateTime',
  isDateString: 'isoDate',
  isIn: 'enum',
  equals: 'constant',
  isEmail: 'email',
  isUrl: 'url',
  isTaxCode: 'taxCode',
  matches: 'pattern',
};
// When several validators speak about the type, the most specific wins (`matches` over `isString`).
const PRECEDENCE: FieldKind[] = ['constant', 'enum', 'uuid', 'calendarDate', 'dateTime', 'isoDate', 'email', 'url', 'taxCode', 'pattern', 'int', 'boolean', 'string'];

const cache = new Map<Constructor, DtoModel>();

export function dtoModel(dto: Constructor): DtoModel {
  const known = cache.get(dto);
  if (known) return known;
  const model: DtoModel = { name: dto.name, fields: [] };
  cache.set(dto, model); // before recursing: a DTO may nest itself
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const names = [...new Set(metadata.map((m) => m.propertyName))];
  for (const name of names) {
    const own = metadata.filter((m) => m.propertyName === name);
    const conditions = own.filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION);
    const named = (n: string) => own.find((m) => m.name === n);
    const kinds = own.map((m) => KIND_OF[m.name ?? '']).filter((k): k is FieldKind => k !== undefined);
    const nested = own.some((m) => m.type === ValidationTypes.NESTED_VALIDATION);
    const nestedType = nested ? defaultMetadataStorage.findTypeMetadata(dto, name)?.typeFunction() : undefined;
    const field: FieldModel = {
      name,
      required: !skipsValidation(conditions, undefined),
      nullable: skipsValidation(conditions, null),
      array: own.some((m) => m.each) || own.some((m) => m.name === 'isArray'),
      kind: nested ? 'object' : (PRECEDENCE.find((k) => kinds.includes(k)) ?? 'unknown'),
      allowed: named('isIn')?.constraints[0] as unknown[] | undefined,
      minLength: named('minLength')?.constraints[0] as number | undefined,
      maxLength: named('maxLength')?.constraints[0] as number | undefined,
      min: named('min')?.constraints[0] as number | undefined,
      max: named('max')?.constraints[0] as number | undefined,
      arrayMax: named('arrayMaxSize')?.constraints[0] as number | undefined,
      unique: named('arrayUnique') !== undefined,
      nested: typeof nestedType === 'function' ? dtoModel(nestedType as Constructor) : undefined,
    };
    if (field.kind === 'constant') field.allowed = named('equals')?.constraints as unknown[] | undefined;
    model.fields.push(field);
  }
  return model;
}

type Condition = (object: object, value: unknown) => boolean;

/** Whether class-validator skips a field's validators when its value is `value` (every condition must hold to validate). */
function skipsValidation(conditions: ValidationMetadata[], value: unknown): boolean {
  return conditions.some((m) => {
    const condition = m.constraints[0] as Condition;
    return !condition({ [m.propertyName]: value }, value);
  });
}
