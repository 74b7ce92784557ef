import { ProjectDetail } from '@coopera/domain';

export const PALERMO_ID = '0b6f7f0e-1d5c-4a8e-9b1e-000000082053';
export const MONREALE_ID = '0b6f7f0e-1d5c-4a8e-9b1e-000000082049';

/** A project as the API answers it: Palermo's ORDINARI project, one of each list. */
export function aProject(overrides: Partial<ProjectDetail> = {}): ProjectDetail {
  return {
    id: '7d1e2f3a-0000-4000-8000-000000000001',
    code: 'PROG-1-PR-2',
    title: 'Accoglienza integrata Palermo',
    category: 'ORDINARI',
    status: 'ACTIVE',
    titolareComuneId: PALERMO_ID,
    titolareComuneName: 'Palermo',
    province: 'PA',
    posti: 100,
    postiTotal: 120,
    startDate: '2023-01-01',
    endDate: '2026-06-30',
    originalEndDate: '2025-12-31',
    associatedComuni: [{ id: MONREALE_ID, name: 'Monreale' }],
    expansions: [{ posti: 20, effectiveFrom: '2024-03-01', actReference: 'DM 12/2024' }],
    extensions: [{ until: '2026-06-30', actReference: 'DM 40/2025' }],
    responsibleOfficer: 'Dott.ssa Maria Greco',
    mailbox: 'sai@comune.palermo.it',
    services: ['ACCOGLIENZA_MATERIALE', 'MEDIAZIONE_LINGUISTICO_CULTURALE'],
    entiGestori: [{ enteGestoreId: 'e1', name: 'Cooperativa Sole', taxCode: '01234567897', role: 'ATTUATORE' }],
    closedAt: null,
    closedReason: null,
    createdAt: '2023-01-01T10:00:00Z',
    updatedAt: '2025-01-01T10:00:00Z',
    version: 4,
    ...overrides,
  };
}
