import { CreateWorkingGroupRequest, InvalidParam, ProblemDetails, UpdateWorkingGroupRequest, WORKING_GROUP_LIMITS, WORKING_GROUP_MAX_MEMBERS, WorkingGroupDetail } from '@coopera/domain';
import { ComuneChoice } from '../admin/users/comune-chooser';
import { FieldErrors } from '../forms/field-errors';

/** The API's limits, shared through libs/domain. */
export const GROUP_LIMITS = WORKING_GROUP_LIMITS;

/** The fields of the working-group form, in the order they appear. */
export type GroupField = 'name' | 'description' | 'members';
export const GROUP_FIELDS: readonly GroupField[] = ['name', 'description', 'members'];

/** What the form edits. */
export interface GroupValues {
  name: string;
  description: string;
  members: readonly ComuneChoice[];
}

export const EMPTY_GROUP: GroupValues = { name: '', description: '', members: [] };

export function valuesOf(group: WorkingGroupDetail): GroupValues {
  return {
    name: group.name,
    description: group.description ?? '',
    members: group.members.map((m) => ({ id: m.comuneId, name: m.comuneName })),
  };
}

function memberIds(values: GroupValues): string[] {
  return values.members.map((m) => m.id);
}

function sameMembers(a: GroupValues, b: GroupValues): boolean {
  const left = new Set(memberIds(a));
  const right = memberIds(b);
  return left.size === right.length && right.every((id) => left.has(id));
}

/** Whether the user changed anything (whitespace around the texts does not count). */
export function groupChanged(initial: GroupValues, current: GroupValues): boolean {
  return (
    initial.name.trim() !== current.name.trim() ||
    initial.description.trim() !== current.description.trim() ||
    !sameMembers(initial, current)
  );
}

/** Our own checks, the same the API makes. */
export function validateGroup(values: GroupValues): FieldErrors<GroupField> {
  const errors: FieldErrors<GroupField> = {};
  if (values.name.trim().length < GROUP_LIMITS.nameMin) errors.name = { key: 'workingGroups.form.errors.nameRequired' };
  if (values.members.length > WORKING_GROUP_MAX_MEMBERS) errors.members = { key: 'workingGroups.form.errors.tooManyMembers' };
  return errors;
}

export function createRequest(values: GroupValues): CreateWorkingGroupRequest {
  return {
    name: values.name.trim(),
    description: values.description.trim() || null,
    memberComuneIds: memberIds(values),
  };
}

/** Only what changed, with the version it was based on; null when nothing did. */
export function updateRequest(group: WorkingGroupDetail, values: GroupValues): UpdateWorkingGroupRequest | null {
  const initial = valuesOf(group);
  const request: UpdateWorkingGroupRequest = { version: group.version };
  if (values.name.trim() !== initial.name.trim()) request.name = values.name.trim();
  if (values.description.trim() !== initial.description.trim()) request.description = values.description.trim() || null;
  if (!sameMembers(initial, values)) request.memberComuneIds = memberIds(values);
  return Object.keys(request).length > 1 ? request : null;
}

/** The form field an API error names (`memberComuneIds.3` is the members field), or none. */
export function groupFieldOf(name: string): GroupField | null {
  const head = name.split('.')[0];
  if (head === 'name' || head === 'description') return head;
  if (head === 'memberComuneIds') return 'members';
  return null;
}

/** Splits a 400's `errors` into the fields' messages (the first per field) and the others. */
export function groupErrorsFrom(problem: ProblemDetails): { onFields: FieldErrors<GroupField>; others: InvalidParam[] } {
  const onFields: FieldErrors<GroupField> = {};
  const others: InvalidParam[] = [];
  for (const invalid of problem.errors ?? []) {
    const field = groupFieldOf(invalid.name);
    if (field === null) others.push(invalid);
    else onFields[field] ??= { text: invalid.reason };
  }
  return { onFields, others };
}
