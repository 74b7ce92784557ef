import { EnteServing, ProjectsByCategoryProvince } from '@coopera/domain';
import {
  CATEGORY_COLORS,
  CHART_COLORS,
  cellOf,
  chartSummary,
  entiChart,
  formatPeople,
  formatRate,
  membersByProvinceChart,
  membersOverTimeChart,
  monthLabel,
  projectsChart,
  projectsMatrix,
  topEnti,
} from './dashboard-charts';
import { chartConfig } from './stats-chart';

const ROWS: ProjectsByCategoryProvince[] = [
  { category: 'MSNA', province: 'CT', projects: 2, posti: 64 },
  { category: 'ORDINARI', province: 'CT', projects: 1, posti: 100 },
  { category: 'ORDINARI', province: 'PA', projects: 3, posti: 250 },
];

describe('members charts', () => {
  it('puts members beside the Comuni of each province, in the provinces’ order', () => {
    const spec = membersByProvinceChart(
      [
        { province: 'PA', comuni: 82, members: 12 },
        { province: 'AG', comuni: 43, members: 3 },
      ],
      { members: 'Aderenti', comuni: 'Comuni' },
    );
    expect(spec.labels).toEqual(['Agrigento', 'Palermo']);
    expect(spec.series).toEqual([
      { label: 'Aderenti', data: [3, 12], color: CHART_COLORS.primary },
      { label: 'Comuni', data: [43, 82], color: CHART_COLORS.slate },
    ]);
  });

  it('draws the members month by month, oldest first, months named in the page language', () => {
    const spec = membersOverTimeChart(
      [
        { month: '2026-11', members: 14 },
        { month: '2026-10', members: 12 },
      ],
      'Aderenti',
      'it-IT',
    );
    expect(spec.type).toBe('line');
    expect(spec.labels).toEqual(['ott 2026', 'nov 2026']);
    expect(spec.series[0].data).toEqual([12, 14]);
    expect(monthLabel('2026-03', 'en-GB')).toBe('Mar 2026');
    expect(monthLabel('not a month', 'it-IT')).toBe('not a month');
  });
});

describe('the projects grid', () => {
  it('fills every province × category, zeros included, with totals', () => {
    const matrix = projectsMatrix(ROWS, {});
    expect(matrix.provinces).toHaveLength(9);
    expect(matrix.categories).toEqual(['ORDINARI', 'MSNA', 'DM_DS']);
    expect(cellOf(matrix, 'CT', 'MSNA')).toEqual({ projects: 2, posti: 64 });
    expect(cellOf(matrix, 'EN', 'DM_DS')).toEqual({ projects: 0, posti: 0 });
    expect(matrix.byProvince['CT']).toEqual({ projects: 3, posti: 164 });
    expect(matrix.byCategory['ORDINARI']).toEqual({ projects: 4, posti: 350 });
    expect(matrix.total).toEqual({ projects: 6, posti: 414 });
  });

  it('narrows rows and columns to the filter', () => {
    const matrix = projectsMatrix(ROWS, { province: 'CT', category: 'MSNA' });
    expect(matrix.provinces).toEqual(['CT']);
    expect(matrix.categories).toEqual(['MSNA']);
    expect(matrix.total).toEqual({ projects: 2, posti: 64 });
  });

  it('charts the posti per province, one series per category', () => {
    const spec = projectsChart(projectsMatrix(ROWS, { province: 'CT' }), (c) => `cat ${c}`);
    expect(spec.labels).toEqual(['Catania']);
    expect(spec.series.map((s) => [s.label, s.data, s.color])).toEqual([
      ['cat ORDINARI', [100], CATEGORY_COLORS.ORDINARI],
      ['cat MSNA', [64], CATEGORY_COLORS.MSNA],
      ['cat DM_DS', [0], CATEGORY_COLORS.DM_DS],
    ]);
  });
});

describe('enti gestori', () => {
  const ente = (name: string, comuniServed: number): EnteServing => ({ enteId: name, name, comuniServed, projects: 1 });

  it('keeps the 20 serving the most Comuni, ties by name, as horizontal bars', () => {
    const rows = [ente('Beta', 2), ente('Alfa', 2), ente('Gamma', 5), ...Array.from({ length: 30 }, (_, i) => ente(`Z${i}`, 1))];
    const top = topEnti(rows);
    expect(top).toHaveLength(20);
    expect(top.slice(0, 3).map((e) => e.name)).toEqual(['Gamma', 'Alfa', 'Beta']);
    const spec = entiChart(top.slice(0, 3), 'Comuni serviti');
    expect(spec.horizontal).toBe(true);
    expect(spec.series[0].data).toEqual([5, 2, 2]);
    expect(chartConfig(spec).options?.indexAxis).toBe('y');
  });
});

describe('figures as text', () => {
  it('writes rates as percentages', () => {
    expect(formatRate(0.625, 'it-IT')).toBe('63%');
    expect(formatRate(0.055, 'it-IT')).toBe('5,5%');
    expect(formatRate(0, 'it-IT')).toBe('0%');
    expect(formatRate(null, 'it-IT')).toBeNull();
  });

  it('shows the small-cell "<5" as "< 5"', () => {
    const format = (n: number) => String(n);
    expect(formatPeople('<5', format)).toBe('< 5');
    expect(formatPeople(0, format)).toBe('0');
    expect(formatPeople(12, format)).toBe('12');
  });

  it('sums a chart up for assistive technology', () => {
    const spec = membersByProvinceChart([{ province: 'CT', comuni: 58, members: 5 }], { members: 'Aderenti', comuni: 'Comuni' });
    expect(chartSummary(spec, String)).toBe('Catania: Aderenti 5, Comuni 58');
  });

  it('configures Chart.js without animation, integer ticks, a legend only for several series', () => {
    const config = chartConfig(membersOverTimeChart([{ month: '2026-01', members: 1 }], 'Aderenti', 'it-IT'));
    expect(config.type).toBe('line');
    expect(config.options?.animation).toBe(false);
    expect(config.options?.plugins?.legend?.display).toBe(false);
  });
});
