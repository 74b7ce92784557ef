/** Sigle of the nine Sicilian provinces (Liberi Consorzi and Città metropolitane). */
export const PROVINCES = ['AG', 'CL', 'CT', 'EN', 'ME', 'PA', 'RG', 'SR', 'TP'] as const;
export type Province = (typeof PROVINCES)[number];

export const PROVINCE_NAMES: Readonly<Record<Province, string>> = {
  AG: 'Agrigento',
  CL: 'Caltanissetta',
  CT: 'Catania',
  EN: 'Enna',
  ME: 'Messina',
  PA: 'Palermo',
  RG: 'Ragusa',
  SR: 'Siracusa',
  TP: 'Trapani',
};

export function isProvince(value: unknown): value is Province {
  return typeof value === 'string' && (PROVINCES as readonly string[]).includes(value);
}

/** What kind of ente locale a Comune record is: the network holds more than municipalities. */
export const COMUNE_KINDS = ['COMUNE', 'LIBERO_CONSORZIO', 'CITTA_METROPOLITANA', 'UNIONE_DI_COMUNI'] as const;
export type ComuneKind = (typeof COMUNE_KINDS)[number];
