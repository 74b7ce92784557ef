// Test helpers of the memberships and working-group specs (compiled by the app build too, never bundled).
import { ComponentFixture } from '@angular/core/testing';
import { Membership, MembershipDetail, MembershipEvent, Page } from '@coopera/domain';

export const CANICATTINI_ID = '0b6f7f0e-1d5c-4a8e-9b1e-000000089004';

export function aMembership(overrides: Partial<MembershipDetail> = {}): MembershipDetail {
  return {
    id: 'c1a5e7d0-0000-4000-8000-000000000001',
    comuneId: CANICATTINI_ID,
    comuneName: 'Canicattini Bagni',
    province: 'SR',
    status: 'REQUESTED',
    referentName: 'Rosa Lombardo',
    referentRole: 'Responsabile dei servizi sociali',
    referentEmail: 'servizi.sociali@comune.canicattini.sr.it',
    requestedAt: '2025-03-10T09:15:00Z',
    updatedAt: '2025-03-10T09:15:00Z',
    version: 1,
    history: [anEvent()],
    ...overrides,
  };
}

export function anEvent(overrides: Partial<MembershipEvent> = {}): MembershipEvent {
  return {
    id: 'e1',
    fromStatus: null,
    toStatus: 'REQUESTED',
    reason: null,
    actorName: 'Rosa Lombardo',
    actorRole: 'COMUNE_REFERENT',
    occurredAt: '2025-03-10T09:15:00Z',
    ...overrides,
  };
}

export function summaryOf(detail: MembershipDetail): Membership {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { history, ...summary } = detail;
  return summary;
}

export const pageOf = <T>(items: T[], total = items.length): Page<T> => ({ items, total, page: 1, pageSize: 20 });

export const textOf = (node: Element | null | undefined): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Small DOM helpers over a fixture's element. */
export function domOf<T>(fixture: ComponentFixture<T>) {
  const element = fixture.nativeElement as HTMLElement;
  return {
    element,
    input: (id: string) => element.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`),
    type(id: string, value: string): void {
      const field = element.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`);
      if (!field) throw new Error(`no field #${id}`);
      field.value = value;
      field.dispatchEvent(new Event('input'));
    },
    button: (label: string) => Array.from(element.querySelectorAll<HTMLButtonElement>('button')).find((b) => textOf(b) === label),
    errorOf: (id: string) => textOf(element.querySelector(`#${id}-error`)),
    async settle(): Promise<void> {
      fixture.detectChanges();
      await fixture.whenStable();
      fixture.detectChanges();
    },
  };
}
