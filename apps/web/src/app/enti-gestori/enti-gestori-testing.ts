import { EnteGestore } from '@coopera/domain';

/** An ente gestore of the register, as the API answers it. */
export function anEnte(overrides: Partial<EnteGestore> = {}): EnteGestore {
  return {
    id: '7e000000-0000-4000-8000-000000000001',
    name: 'Cooperativa Sociale Il Pellicano',
    taxCode: '02118311006',
    legalForm: 'COOPERATIVA_SOCIALE',
    seatComuneId: '0b6f7f0e-1d5c-4a8e-9b1e-000000082053',
    seatComuneName: 'Palermo',
    email: 'info@ilpellicano.example',
    pec: null,
    phone: null,
    website: 'https://www.ilpellicano.example',
    proposed: false,
    projectCount: 2,
    version: 1,
    ...overrides,
  };
}
