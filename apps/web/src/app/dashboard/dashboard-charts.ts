import {
  EnteServing,
  MembersAtMonth,
  MembersByProvince,
  PROJECT_CATEGORIES,
  PROVINCES,
  PROVINCE_NAMES,
  PeopleCount,
  ProjectCategory,
  ProjectsByCategoryProvince,
  Province,
  SMALL_CELL,
} from '@coopera/domain';

/** One series of a chart: its name in the legend, a value per label, its colour. */
export interface ChartSeries {
  label: string;
  data: number[];
  color: string;
}

/**
 * What a dashboard chart draws, independent of Chart.js (which is loaded only when the page
 * shows): bars (vertical, or horizontal for long names) or a line, over the same labels.
 */
export interface ChartSpec {
  type: 'bar' | 'line';
  labels: string[];
  series: ChartSeries[];
  horizontal?: boolean;
  /** Show the legend even for one series (its colour names a category). */
  legend?: boolean;
}

/**
 * Colours with at least 3:1 contrast on white (WCAG 1.4.11), from the Bootstrap Italia palette:
 * primary blue, slate, green, dark amber.
 */
export const CHART_COLORS = {
  primary: '#0066cc',
  slate: '#5d7083',
  green: '#008055',
  amber: '#995c00',
} as const;

export const CATEGORY_COLORS: Readonly<Record<ProjectCategory, string>> = {
  ORDINARI: CHART_COLORS.primary,
  MSNA: CHART_COLORS.green,
  DM_DS: CHART_COLORS.amber,
};

/** How many enti gestori the chart and the table show, those serving the most Comuni first. */
export const TOP_ENTI = 20;

/** Members against the Comuni of each province, in the provinces' usual order. */
export function membersByProvinceChart(rows: readonly MembersByProvince[], labels: { members: string; comuni: string }): ChartSpec {
  const sorted = sortByProvince(rows);
  return {
    type: 'bar',
    labels: sorted.map((r) => PROVINCE_NAMES[r.province]),
    series: [
      { label: labels.members, data: sorted.map((r) => r.members), color: CHART_COLORS.primary },
      { label: labels.comuni, data: sorted.map((r) => r.comuni), color: CHART_COLORS.slate },
    ],
  };
}

/** `2026-11` as the page's language writes a month: `nov 2026`. */
export function monthLabel(month: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** The members at the end of each month, oldest first. */
export function membersOverTimeChart(rows: readonly MembersAtMonth[], label: string, locale: string): ChartSpec {
  const sorted = [...rows].sort((a, b) => a.month.localeCompare(b.month));
  return {
    type: 'line',
    labels: sorted.map((r) => monthLabel(r.month, locale)),
    series: [{ label, data: sorted.map((r) => r.members), color: CHART_COLORS.primary }],
  };
}

/** Projects and posti of one category in one province. */
export interface ProjectCell {
  projects: number;
  posti: number;
}

/** The projects figures as a province × category grid, with totals per row and column. */
export interface ProjectsMatrix {
  provinces: Province[];
  categories: ProjectCategory[];
  cells: Record<string, ProjectCell>;
  byProvince: Record<string, ProjectCell>;
  byCategory: Record<string, ProjectCell>;
  total: ProjectCell;
}

const EMPTY_CELL: ProjectCell = { projects: 0, posti: 0 };

function add(a: ProjectCell, b: ProjectCell): ProjectCell {
  return { projects: a.projects + b.projects, posti: a.posti + b.posti };
}

export function cellKey(province: Province, category: ProjectCategory): string {
  return `${province}:${category}`;
}

/**
 * Fills the grid from the API's rows (which leave out empty combinations). The rows and columns
 * are the filter's province and category when set, else every one — a zero is a figure too.
 */
export function projectsMatrix(rows: readonly ProjectsByCategoryProvince[], filter: { province?: Province; category?: ProjectCategory }): ProjectsMatrix {
  const provinces = filter.province ? [filter.province] : [...PROVINCES];
  const categories = filter.category ? [filter.category] : [...PROJECT_CATEGORIES];
  const cells: Record<string, ProjectCell> = {};
  const byProvince: Record<string, ProjectCell> = {};
  const byCategory: Record<string, ProjectCell> = {};
  let total = EMPTY_CELL;
  for (const province of provinces) byProvince[province] = EMPTY_CELL;
  for (const category of categories) byCategory[category] = EMPTY_CELL;
  for (const row of rows) {
    if (!provinces.includes(row.province) || !categories.includes(row.category)) continue;
    const cell = { projects: row.projects, posti: row.posti };
    const key = cellKey(row.province, row.category);
    cells[key] = add(cells[key] ?? EMPTY_CELL, cell);
    byProvince[row.province] = add(byProvince[row.province], cell);
    byCategory[row.category] = add(byCategory[row.category], cell);
    total = add(total, cell);
  }
  return { provinces, categories, cells, byProvince, byCategory, total };
}

export function cellOf(matrix: ProjectsMatrix, province: Province, category: ProjectCategory): ProjectCell {
  return matrix.cells[cellKey(province, category)] ?? EMPTY_CELL;
}

/** Posti per province, one bar per category side by side. */
export function projectsChart(matrix: ProjectsMatrix, categoryLabel: (category: ProjectCategory) => string): ChartSpec {
  return {
    type: 'bar',
    legend: true,
    labels: matrix.provinces.map((p) => PROVINCE_NAMES[p]),
    series: matrix.categories.map((category) => ({
      label: categoryLabel(category),
      data: matrix.provinces.map((province) => cellOf(matrix, province, category).posti),
      color: CATEGORY_COLORS[category],
    })),
  };
}

/** The enti gestori serving the most Comuni (then by name), at most `limit`. */
export function topEnti(rows: readonly EnteServing[], limit = TOP_ENTI): EnteServing[] {
  return [...rows].sort((a, b) => b.comuniServed - a.comuniServed || a.name.localeCompare(b.name, 'it')).slice(0, limit);
}

export function entiChart(rows: readonly EnteServing[], label: string): ChartSpec {
  return {
    type: 'bar',
    horizontal: true,
    labels: rows.map((r) => r.name),
    series: [{ label, data: rows.map((r) => r.comuniServed), color: CHART_COLORS.primary }],
  };
}

/** A rate (0–1) as a percentage in the page's language: `62 %` / `62%`; null when there is none. */
export function formatRate(rate: number | null | undefined, locale: string): string | null {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return null;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: rate > 0 && rate < 0.1 ? 1 : 0 }).format(rate);
}

/** A count of people as published: the small-cell "<5" reads "< 5". */
export function formatPeople(count: PeopleCount, format: (value: number) => string): string {
  return count === SMALL_CELL ? '< 5' : format(count);
}

function sortByProvince<T extends { province: Province }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => PROVINCES.indexOf(a.province) - PROVINCES.indexOf(b.province));
}

/**
 * A chart's short text alternative: each label with every series' value,
 * `Palermo: Aderenti 12, Comuni 82; Catania: …`, cut after `max` labels (the table has them all).
 */
export function chartSummary(spec: ChartSpec, format: (value: number) => string, max = 20): string {
  return spec.labels
    .slice(0, max)
    .map((label, i) => `${label}: ${spec.series.map((s) => `${s.label} ${format(s.data[i] ?? 0)}`).join(', ')}`)
    .join('; ');
}
