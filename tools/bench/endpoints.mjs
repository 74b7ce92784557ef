// The five requests the benchmark measures, with the targets of issue 7 where it sets one.
// `path` gets the fixtures (ids found in the dataset); `account` says which session signs them.

export const ENDPOINTS = [
  {
    name: 'directory',
    title: 'network directory list',
    method: 'GET',
    account: 'read',
    path: (f, o) => `/api/v1/comuni?${o.directoryQuery}`,
    target: { ratio: 0.6, p99: 50 },
  },
  {
    name: 'project',
    title: 'project by id',
    method: 'GET',
    account: 'read',
    path: (f) => `/api/v1/projects/${f.projectId}`,
    target: { ratio: 0.75 },
  },
  {
    name: 'meeting',
    title: 'meeting, agenda, invitation counts',
    method: 'GET',
    account: 'read',
    path: (f) => `/api/v1/meetings/${f.meetingId}`,
  },
  {
    name: 'dashboard',
    title: 'dashboard figures',
    method: 'GET',
    account: 'read',
    path: () => '/api/v1/stats/dashboard',
  },
  {
    name: 'project-update',
    title: 'project update (PATCH, versioned)',
    method: 'PATCH',
    account: 'write',
    // Each request picks a project no other connection holds (see load.mjs).
    path: () => '/api/v1/projects/:id',
    write: true,
  },
];

/** The body of one write: a new responsible officer, so that every update changes something. */
export function writeBody(version, sequence) {
  return JSON.stringify({ version, responsibleOfficer: `Referente bench ${sequence}` });
}
