import type { Province } from './geography';

export interface WorkingGroupMember {
  comuneId: string;
  comuneName: string;
  province: Province;
}

export interface WorkingGroup {
  id: string;
  name: string;
  description: string | null;
  memberCount: number;
  createdAt: string;
  version: number;
}

export interface WorkingGroupDetail extends WorkingGroup {
  members: WorkingGroupMember[];
}

/** `POST /api/v1/working-groups` (secretariat). */
export interface CreateWorkingGroupRequest {
  name: string;
  description?: string | null;
  memberComuneIds?: string[];
}

/** `PATCH /api/v1/working-groups/:id`: `memberComuneIds` replaces the members. */
export interface UpdateWorkingGroupRequest {
  version: number;
  name?: string;
  description?: string | null;
  memberComuneIds?: string[];
}

export const WORKING_GROUP_MAX_MEMBERS = 500;
/** What the API takes; the web form checks the same before sending. */
export const WORKING_GROUP_LIMITS = { nameMin: 2, name: 120, description: 1000 } as const;
