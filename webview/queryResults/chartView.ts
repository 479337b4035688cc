import { ArcElement, BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PieController, PointElement, Tooltip, type ChartConfiguration, type Plugin } from 'chart.js';
import { chartData, CHART_KINDS, MAX_BARS, type ChartData, type ChartKind, type ChartSpec } from '../../src/protocol/queryResults';
import { h } from '../shared/dom';
import { button, select, valueOf } from '../toolkit';

// Chart.js draws on a canvas: no eval, no injected <style>, so it fits the webview's CSP. Only what is drawn is registered.
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, PieController, ArcElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface ChartViewDeps {
  readonly t: (text: string, ...args: string[]) => string;
  readonly format: (n: number) => string;
  /** Asks for the chart's two columns; `show` gets them back. */
  readonly ask: (spec: ChartSpec) => void;
  readonly save: (png: string) => void;
}

/** A theme colour of VS Code's, as the webview's CSS variables have it now. */
function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

const SERIES = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-red', '--vscode-charts-yellow'];

/** The editor's background under the chart, so a saved PNG reads in any viewer. */
const background: Plugin = {
  id: 'openhexaBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = themeColor('--vscode-editor-background', '#ffffff');
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/**
 * The chart beside the grid: a kind and two columns picked (or found from
 * OpenHEXA's aliases), drawn in the theme's chart colours, redrawn when the
 * theme changes, saved as PNG.
 */
export class ChartView {
  readonly element: HTMLElement;
  private readonly controls = h('div', { class: 'chart-controls' });
  private readonly canvasBox = h('div', { class: 'chart-canvas' });
  private readonly note = h('p', { class: 'chart-note', 'aria-live': 'polite' });
  private chart: Chart | undefined;
  private spec: ChartSpec | undefined;
  private columns: readonly string[] = [];
  private data: ChartData | undefined;
  private more = false;
  private title = '';

  constructor(private readonly deps: ChartViewDeps) {
    this.element = h('section', { class: 'chart-pane', 'aria-label': deps.t('Chart'), hidden: true }, this.controls, this.canvasBox, this.note);
    // A theme change (body's class) redraws in the new colours.
    new MutationObserver(() => this.draw()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }

  get shown(): boolean {
    return !this.element.hidden;
  }

  /** Shows the chart of `spec` over these columns, and asks for its rows. */
  open(columns: readonly string[], spec: ChartSpec, title: string): void {
    this.columns = columns;
    this.spec = spec;
    this.title = title;
    this.data = undefined;
    this.element.hidden = false;
    this.renderControls();
    this.note.textContent = this.deps.t('Loading…');
    this.deps.ask(spec);
  }

  close(): void {
    this.element.hidden = true;
    this.chart?.destroy();
    this.chart = undefined;
    this.spec = undefined;
  }

  /** The two columns' rows came back. */
  show(rows: readonly (readonly [string | null, string | null])[], more: boolean): void {
    if (!this.spec) {
      return;
    }
    this.data = chartData(this.spec.kind, rows);
    this.more = more;
    this.draw();
  }

  private renderControls(): void {
    const spec = this.spec!;
    const { t } = this.deps;
    const kinds: Record<ChartKind, string> = { bar: t('Bar'), line: t('Line'), pie: t('Pie') };
    const kind = select(CHART_KINDS.map((k) => ({ value: k, label: kinds[k] })), spec.kind, { 'aria-label': t('Chart type'), 'data-chart': 'kind' });
    const columnOptions = this.columns.map((name, i) => ({ value: String(i), label: name }));
    const label = select(columnOptions, String(spec.label), { 'aria-label': t('Labels'), 'data-chart': 'label' });
    const value = select(columnOptions, String(spec.value), { 'aria-label': t('Values'), 'data-chart': 'value' });
    const changed = (): void => this.open(this.columns, { kind: valueOf(kind) as ChartKind, label: Number(valueOf(label)), value: Number(valueOf(value)) }, this.title);
    for (const control of [kind, label, value]) {
      control.addEventListener('change', changed);
    }
    this.controls.replaceChildren(
      kind,
      h('label', { class: 'chart-field' }, t('Labels'), label),
      h('label', { class: 'chart-field' }, t('Values'), value),
      h('span', { class: 'grow' }),
      button(t('Save as PNG…'), () => this.chart && this.deps.save(this.chart.toBase64Image('image/png')), { attrs: { 'data-action': 'save-chart' } }),
    );
  }

  private draw(): void {
    this.chart?.destroy();
    this.chart = undefined;
    const data = this.data;
    const { t, format } = this.deps;
    if (!data || this.element.hidden) {
      return;
    }
    if (!data.drawn) {
      this.canvasBox.replaceChildren();
      this.note.textContent = data.reason === 'text values' ? t('Not drawn: the values column holds text. Pick a column of numbers.') : t('Nothing to draw: no row has a value.');
      return;
    }
    const kinds: Record<ChartKind, string> = { bar: t('Bar'), line: t('Line'), pie: t('Pie') };
    const canvas = h('canvas', { role: 'img', 'aria-label': t('{0} chart of {1} by {2}', kinds[data.kind], this.columns[this.spec!.value] ?? '', this.columns[this.spec!.label] ?? '') }) as HTMLCanvasElement;
    this.canvasBox.replaceChildren(canvas);
    const labels = data.points.map((p) => p.label);
    const values = data.points.map((p) => p.value);
    if (data.kind === 'pie' && data.other !== undefined) {
      labels.push(t('Other'));
      values.push(data.other);
    }
    const foreground = themeColor('--vscode-foreground', '#333333');
    const grid = themeColor('--vscode-charts-lines', 'rgba(128,128,128,0.3)');
    const border = themeColor('--vscode-contrastBorder', '');
    const colors = SERIES.map((name, i) => themeColor(name, ['#1a85ff', '#d18616', '#388a34', '#652d90', '#e51400', '#bf8803'][i]!));
    const config: ChartConfiguration = {
      type: data.kind,
      data: {
        labels,
        datasets: [
          {
            label: this.columns[this.spec!.value] ?? '',
            data: values,
            backgroundColor: data.kind === 'pie' ? labels.map((_, i) => (i < colors.length ? colors[i]! : grid)) : colors[0]!,
            borderColor: data.kind === 'line' ? colors[0]! : border || themeColor('--vscode-editor-background', '#ffffff'),
            borderWidth: data.kind === 'bar' ? (border ? 1 : 0) : 2,
          },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        color: foreground,
        font: { family: themeColor('--vscode-font-family', 'sans-serif') },
        plugins: { legend: { display: data.kind === 'pie', labels: { color: foreground } }, tooltip: { callbacks: { label: (item) => ` ${format(Number(item.raw))}` } } },
        ...(data.kind === 'pie'
          ? {}
          : {
              scales: {
                x: { ticks: { color: foreground }, grid: { color: grid } },
                y: { ticks: { color: foreground, callback: (v) => format(Number(v)) }, grid: { color: grid }, beginAtZero: data.kind === 'bar' },
              },
            }),
      },
      plugins: [background],
    };
    this.chart = new Chart(canvas, config);
    const notes = [
      data.hidden > 0
        ? data.kind === 'bar'
          ? t('The first {0} bars are drawn; {1} more rows are in the grid.', String(MAX_BARS), format(data.hidden))
          : data.kind === 'pie'
            ? t('{0} rows of zero or less are left out of the pie.', format(data.hidden))
            : t('The first {0} points are drawn.', format(data.points.length))
        : '',
      this.more ? t('The chart reads the first 10,000 rows: aggregate with GROUP BY for more.') : '',
    ].filter(Boolean);
    this.note.textContent = notes.join(' ');
  }
}
