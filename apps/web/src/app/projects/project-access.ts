import { inject } from '@angular/core';
import { CanMatchFn } from '@angular/router';
import { CurrentUser, ProjectSummary, hasPermission } from '@coopera/domain';
import { map } from 'rxjs';
import { AuthService } from '../auth/auth.service';

/**
 * Whether `user` may change `project`: the secretariat any project, a referent their own Comune's
 * (as titolare); nobody a closed one. A courtesy for what the page shows: the API decides.
 */
export function canWriteProject(user: CurrentUser | null, project: Pick<ProjectSummary, 'titolareComuneId' | 'status'>): boolean {
  if (!user || project.status === 'CLOSED') return false;
  if (hasPermission(user.role, 'projects:write-any')) return true;
  return hasPermission(user.role, 'projects:write-own') && user.comuneId === project.titolareComuneId;
}

/** Whether `user` may create projects at all (for some Comune). */
export function canCreateProjects(user: CurrentUser | null): boolean {
  if (!user) return false;
  return hasPermission(user.role, 'projects:write-any') || (hasPermission(user.role, 'projects:write-own') && user.comuneId !== null);
}

/**
 * Matches the project form's routes only for roles that write projects (after the start-up
 * session check); the next route of the same path explains to the others that they may not.
 */
export const projectWriterMatch: CanMatchFn = () => {
  const auth = inject(AuthService);
  return auth.restore().pipe(map(() => canCreateProjects(auth.user())));
};
