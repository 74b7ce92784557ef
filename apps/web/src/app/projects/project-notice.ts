import { Injectable, signal } from '@angular/core';

/** What the project page announces on arrival after the form saved. */
export type ProjectNoticeKind = 'created' | 'updated';

/**
 * A one-shot message from the project form to the project page it navigates to: taken once, so
 * that a reload or a later visit does not repeat it.
 */
@Injectable({ providedIn: 'root' })
export class ProjectNotice {
  private readonly pending = signal<{ projectId: string; kind: ProjectNoticeKind } | null>(null);

  set(projectId: string, kind: ProjectNoticeKind): void {
    this.pending.set({ projectId, kind });
  }

  /** The notice for `projectId`, if one waits; forgets it either way. */
  take(projectId: string): ProjectNoticeKind | null {
    const notice = this.pending();
    this.pending.set(null);
    return notice?.projectId === projectId ? notice.kind : null;
  }
}
