import { ParamMap, Params } from '@angular/router';
import { PROJECT_CATEGORIES, ProjectCategory, StatsQuery, isProvince } from '@coopera/domain';

/** The dashboard's filters, all of them kept in the URL's query string. */
export type DashboardQuery = StatsQuery;

export function isProjectCategory(value: unknown): value is ProjectCategory {
  return typeof value === 'string' && (PROJECT_CATEGORIES as readonly string[]).includes(value);
}

/** `YYYY-MM-DD` naming a real day (no 2026-02-30), as the API reads a period's ends. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Reads the filters from the URL; anything malformed is left out. */
export function parseDashboardQuery(params: ParamMap): DashboardQuery {
  const province = params.get('province');
  const category = params.get('category');
  const from = params.get('from');
  const to = params.get('to');
  return {
    ...(isProvince(province) ? { province } : {}),
    ...(isProjectCategory(category) ? { category } : {}),
    ...(isCalendarDate(from) ? { from } : {}),
    ...(isCalendarDate(to) ? { to } : {}),
  };
}

/** The URL's query string for the filters: unset ones are removed from the address. */
export function toDashboardQueryParams(query: DashboardQuery): Params {
  return {
    province: query.province ?? null,
    category: query.category ?? null,
    from: query.from ?? null,
    to: query.to ?? null,
  };
}

export function sameDashboardQuery(a: DashboardQuery, b: DashboardQuery): boolean {
  return a.province === b.province && a.category === b.category && a.from === b.from && a.to === b.to;
}

export function hasDashboardFilters(query: DashboardQuery): boolean {
  return Boolean(query.province || query.category || query.from || query.to);
}

/** A period that ends before it starts: the page says so rather than asking the API. */
export function periodReversed(query: DashboardQuery): boolean {
  return Boolean(query.from && query.to && query.from > query.to);
}

/** The attendance export takes the dashboard's province and period (not the category). */
export function attendanceExportParams(query: DashboardQuery): Record<string, string | undefined> {
  return { province: query.province, from: query.from, to: query.to };
}

/** The projects export takes the dashboard's province and category. */
export function projectsExportParams(query: DashboardQuery): Record<string, string | undefined> {
  return { province: query.province, category: query.category };
}
