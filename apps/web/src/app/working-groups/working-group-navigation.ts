/**
 * What a working-group page tells the next one through the navigation's state (not the URL: a
 * reload should not repeat "saved" or "deleted").
 */
export interface WorkingGroupNavigationState {
  deletedGroup?: string;
  savedGroup?: 'created' | 'updated';
}

function stateOf(state: unknown): Partial<Record<keyof WorkingGroupNavigationState, unknown>> {
  return typeof state === 'object' && state !== null ? (state as Record<string, unknown>) : {};
}

/** The name of the group deleted just before this navigation, if any. */
export function deletedGroupFrom(state: unknown): string | null {
  const value = stateOf(state).deletedGroup;
  return typeof value === 'string' && value ? value : null;
}

/** Whether the group shown was created or updated just before this navigation. */
export function savedGroupFrom(state: unknown): 'created' | 'updated' | null {
  const value = stateOf(state).savedGroup;
  return value === 'created' || value === 'updated' ? value : null;
}
