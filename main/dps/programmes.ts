// What each programme (campaign) means to DPS: the procedure it records and the name its file carries.
import type { Programme } from '../domain';

export type { Programme };
export { PROGRAMMES } from '../domain';

export interface ProgrammeInfo {
  /** As it appears in the export file name: `Vaccinations-<fileLabel>-<date>.csv`. */
  fileLabel: string;
  procedureCode: string;
  procedureTerm: string;
}

export const PROGRAMME_INFO: Readonly<Record<Programme, ProgrammeInfo>> = {
  flu: {
    fileLabel: 'Flu',
    procedureCode: '822851000000102',
    procedureTerm: 'Seasonal influenza vaccination (procedure)',
  },
  hpv: {
    fileLabel: 'HPV',
    procedureCode: '761841000',
    procedureTerm: 'Administration of vaccine product containing only Human papillomavirus antigen (procedure)',
  },
  menacwy: {
    fileLabel: 'MenACWY',
    procedureCode: '871874000',
    procedureTerm:
      'Administration of vaccine product containing only Neisseria meningitidis serogroup A, C, W135 and Y antigens (procedure)',
  },
  td_ipv: {
    fileLabel: 'Td-IPV',
    procedureCode: '866186002',
    procedureTerm:
      'Administration of vaccine product containing only Clostridium tetani and Corynebacterium diphtheriae and ' +
      'Human poliovirus antigens (procedure)',
  },
};

export function isProgramme(value: string): value is Programme {
  return Object.hasOwn(PROGRAMME_INFO, value);
}
