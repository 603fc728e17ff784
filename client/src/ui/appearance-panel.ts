/**
 * The "Appearance" section of the left sidebar: "Size by" and "Colour by" pickers and the
 * legend of what size and colour mean now (graph/appearance-legend.ts), plus the key to how
 * contested and disputed relations are drawn.
 */
import { APPEARANCE_LABELS, COLOR_BY, SIZE_BY, type Appearance, type ColorBy, type SizeBy } from '../graph/appearance.ts';
import type { AppearanceLegend, ColorLegend, SizeLegend } from '../graph/appearance-legend.ts';
import { rampGradient } from '../graph/metric-scales.ts';
import { STATUS_LABELS } from '../graph/relation-status.ts';
import { h, replaceChildren } from './dom.ts';

export class AppearancePanel {
  readonly element: HTMLElement;
  private readonly sizeSelect: HTMLSelectElement;
  private readonly colorSelect: HTMLSelectElement;
  private readonly legend = h('div', { class: 'appearance-legend', id: 'appearance-legend' });

  constructor(onChange: (appearance: Appearance) => void) {
    this.sizeSelect = picker('size-by', SIZE_BY);
    this.colorSelect = picker('color-by', COLOR_BY);
    const changed = () => onChange({ size: this.sizeSelect.value as SizeBy, color: this.colorSelect.value as ColorBy });
    this.sizeSelect.addEventListener('change', changed);
    this.colorSelect.addEventListener('change', changed);
    this.element = h(
      'section',
      { class: 'panel-section appearance', 'aria-labelledby': 'appearance-title' },
      h('h2', { id: 'appearance-title' }, 'Appearance'),
      h('div', { class: 'appearance-row' }, h('label', { for: 'size-by' }, 'Size by'), this.sizeSelect),
      h('div', { class: 'appearance-row' }, h('label', { for: 'color-by' }, 'Colour by'), this.colorSelect),
      this.legend,
      statusKey(),
    );
  }

  /** Shows a choice made elsewhere (a link). */
  setAppearance(appearance: Appearance): void {
    this.sizeSelect.value = appearance.size;
    this.colorSelect.value = appearance.color;
  }

  render(legend: AppearanceLegend): void {
    replaceChildren(this.legend, sizeBlock(legend.size), colorBlock(legend.color));
  }
}

function picker(id: string, values: ReadonlyArray<SizeBy | ColorBy>): HTMLSelectElement {
  return h(
    'select',
    { id, class: 'btn small' },
    values.map((v) => h('option', { value: v }, APPEARANCE_LABELS[v])),
  );
}

function sizeBlock(size: SizeLegend): HTMLElement {
  const circle = (d: number) => {
    const el = h('span', { class: 'size-sample', 'aria-hidden': 'true' });
    el.style.width = el.style.height = `${Math.round(d)}px`;
    return el;
  };
  return h(
    'div',
    { class: 'legend-block', 'data-legend': 'size' },
    h('div', { class: 'legend-title' }, 'Size: ', h('b', {}, size.label)),
    size.min !== null && size.max !== null
      ? h(
          'div',
          { class: 'size-scale' },
          circle(size.minSize),
          h('span', { class: 'legend-min' }, size.min),
          h('span', { class: 'legend-dash' }, '→'),
          circle(size.maxSize),
          h('span', { class: 'legend-max' }, size.max),
        )
      : null,
    h('p', { class: 'hint' }, size.note),
  );
}

function colorBlock(color: ColorLegend): HTMLElement {
  const body: HTMLElement[] = [];
  if (color.type === 'ramp') {
    const bar = h('div', { class: 'ramp-bar', 'aria-hidden': 'true' });
    bar.style.backgroundImage = rampGradient(color.stops);
    body.push(bar, h('div', { class: 'ramp-ends' }, h('span', { class: 'legend-min' }, color.min), h('span', { class: 'legend-max' }, color.max)));
  } else if (color.type === 'categories') {
    body.push(
      h(
        'ul',
        { class: 'category-list', 'aria-label': `${color.label} colours` },
        color.items.map((item) => {
          const swatch = h('span', { class: 'category-swatch', 'aria-hidden': 'true' });
          swatch.style.backgroundColor = item.color;
          return h('li', { 'data-color': item.color }, swatch, h('span', { class: 'category-name' }, item.label), h('span', { class: 'count' }, item.count));
        }),
      ),
    );
  }
  return h(
    'div',
    { class: 'legend-block', 'data-legend': 'color', 'data-type': color.type },
    h('div', { class: 'legend-title' }, 'Colour: ', h('b', {}, color.label)),
    ...body,
    h('p', { class: 'hint' }, color.note),
  );
}

/** How relations are drawn by status: the line samples use the same dash and marker ideas. */
function statusKey(): HTMLElement {
  return h(
    'div',
    { class: 'legend-block status-key', 'data-legend': 'status' },
    h('div', { class: 'legend-title' }, 'Relations'),
    h(
      'ul',
      { class: 'category-list' },
      (['SUPPORTED', 'CONTESTED', 'DISPUTED'] as const).map((status) =>
        h(
          'li',
          {},
          h('span', { class: `status-line ${status.toLowerCase()}`, 'aria-hidden': 'true' }),
          h('span', { class: 'category-name' }, STATUS_LABELS[status]),
        ),
      ),
    ),
  );
}
