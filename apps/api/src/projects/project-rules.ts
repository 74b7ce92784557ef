import { InvalidParam, ProjectCategory, ProjectExpansion, ProjectExtension, ProjectStatus, SaiService } from '@coopera/domain';

/** The writable state of a project, whole: what the rules across fields are checked on. */
export interface ProjectState {
  code: string;
  title: string;
  category: ProjectCategory;
  status: ProjectStatus;
  posti: number;
  startDate: string;
  endDate: string;
  responsibleOfficer: string | null;
  mailbox: string | null;
  services: SaiService[];
  expansions: ProjectExpansion[];
  extensions: ProjectExtension[];
  associatedComuneIds: string[];
}

/** The end of the funding period, extensions included. */
export function effectiveEnd(state: Pick<ProjectState, 'endDate' | 'extensions'>): string {
  return state.extensions.reduce((end, e) => (e.until > end ? e.until : end), state.endDate);
}

/** Rules across fields, as a SAI officer expects them; each broken one names its field. */
export function checkProjectRules(titolareComuneId: string, state: ProjectState): InvalidParam[] {
  const errors: InvalidParam[] = [];
  // ISO dates compare correctly as strings.
  if (state.endDate <= state.startDate) errors.push({ name: 'endDate', reason: 'must be after startDate' });
  let previousEnd = state.endDate;
  state.extensions.forEach((e, i) => {
    if (e.until <= previousEnd) errors.push({ name: `extensions.${i}.until`, reason: `must be after the previous end (${previousEnd})` });
    else previousEnd = e.until;
  });
  const end = effectiveEnd(state);
  state.expansions.forEach((e, i) => {
    if (e.effectiveFrom < state.startDate || e.effectiveFrom > end) {
      errors.push({ name: `expansions.${i}.effectiveFrom`, reason: `must fall within the funding period (${state.startDate} – ${end})` });
    }
  });
  state.associatedComuneIds.forEach((id, i) => {
    if (id === titolareComuneId) errors.push({ name: `associatedComuneIds.${i}`, reason: 'is the titolare itself' });
  });
  return errors;
}
