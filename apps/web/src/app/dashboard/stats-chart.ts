import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, InjectionToken, afterNextRender, effect, inject, input, signal, viewChild } from '@angular/core';
import type { Chart, ChartConfiguration } from 'chart.js';
import { ChartSpec } from './dashboard-charts';

type ChartJs = typeof import('chart.js');

let chartJs: Promise<ChartJs> | null = null;

/**
 * Chart.js, loaded when a chart first shows (it stays out of the app's first download) and with
 * only the pieces the dashboard draws registered: bars, lines, their scales, legend and tooltip.
 */
export function loadChartJs(): Promise<ChartJs> {
  chartJs ??= import('chart.js').then((m) => {
    m.Chart.register(m.BarController, m.BarElement, m.LineController, m.LineElement, m.PointElement, m.CategoryScale, m.LinearScale, m.Legend, m.Tooltip);
    return m;
  });
  return chartJs;
}

/** How charts get Chart.js; unit tests (no canvas in jsdom) give a loader that never draws. */
export const CHART_LOADER = new InjectionToken<() => Promise<ChartJs | null>>('CHART_LOADER', {
  providedIn: 'root',
  factory: () => loadChartJs,
});

const FONT = { family: "'Titillium Web', Geneva, Tahoma, sans-serif", size: 13 };
const TEXT_COLOR = '#17324d';
const GRID_COLOR = '#d9dadb';

/** The Chart.js configuration of a spec. No animation: figures appear as they are. */
export function chartConfig(spec: ChartSpec): ChartConfiguration {
  const valueAxis = { beginAtZero: true, ticks: { precision: 0, color: TEXT_COLOR, font: FONT }, grid: { color: GRID_COLOR } };
  const labelAxis = { ticks: { color: TEXT_COLOR, font: FONT, autoSkip: spec.type === 'line' }, grid: { display: false } };
  return {
    type: spec.type,
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s) => ({
        label: s.label,
        data: s.data,
        backgroundColor: s.color,
        borderColor: s.color,
        borderWidth: spec.type === 'line' ? 2 : 0,
        pointRadius: spec.type === 'line' ? 2 : undefined,
        maxBarThickness: 40,
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: spec.horizontal ? 'y' : 'x',
      plugins: {
        legend: { display: spec.legend === true || spec.series.length > 1, position: 'bottom', labels: { color: TEXT_COLOR, font: FONT } },
        tooltip: { enabled: true },
      },
      scales: spec.horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
    },
  } as ChartConfiguration;
}

/**
 * One dashboard chart on a canvas. The canvas is an image to assistive technology, named by
 * `summary`; the table beside it holds the same figures for everyone who reads rather than looks.
 */
@Component({
  selector: 'cp-stats-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="chart-box" [style.height.px]="height()">
      <canvas #canvas role="img" [attr.aria-label]="summary()">{{ summary() }}</canvas>
    </div>
  `,
  styles: `
    .chart-box {
      position: relative;
      width: 100%;
    }
  `,
})
export class StatsChart {
  private readonly loader = inject(CHART_LOADER);

  readonly spec = input.required<ChartSpec>();
  /** The chart's text alternative. */
  readonly summary = input.required<string>();
  readonly height = input(320);

  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private readonly library = signal<ChartJs | null>(null);
  private chart: Chart | null = null;
  private chartType: ChartSpec['type'] | null = null;
  private destroyed = false;

  constructor() {
    afterNextRender(() => {
      void this.loader().then((library) => {
        if (!this.destroyed) this.library.set(library);
      });
    });
    effect(() => {
      const library = this.library();
      const spec = this.spec();
      if (!library) return;
      const config = chartConfig(spec);
      if (this.chart && this.chartType === spec.type) {
        this.chart.data = config.data;
        this.chart.options = config.options ?? {};
        this.chart.update();
      } else {
        this.chart?.destroy();
        this.chart = new library.Chart(this.canvas().nativeElement, config);
        this.chartType = spec.type;
      }
    });
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.chart?.destroy();
      this.chart = null;
    });
  }
}
