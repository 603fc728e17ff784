/**
 * The "as of" controls of the left sidebar: a switch, a typed date field (with the browser's
 * picker) and a slider kept in step both ways, a histogram above the slider of when the whole
 * graph's relations start and end (one bar a year), and Play. The "what changed" feature
 * renders into `changesSlot`, under them.
 */
import type { TimelineBucket } from '../api/timeline-operations.ts';
import { fromDayNumber, isIsoDay, toDayNumber } from '../graph/as-of-date.ts';
import { h, replaceChildren } from './dom.ts';

export interface TimeControlsOptions {
  earliest: string | null;
  latest: string | null;
  /** The user chose a date (or switched the filter off: null). */
  onAsOf(date: string | null): void;
}

/** A step of Play, and of PageUp/PageDown on the slider. */
const MONTH_DAYS = 30;

export class TimeControls {
  readonly element: HTMLElement;
  /** Where "what changed" draws its fields and list. */
  readonly changesSlot = h('div', { class: 'changes-slot' });
  private readonly slider: HTMLInputElement;
  private readonly toggle: HTMLInputElement;
  private readonly dateField: HTMLInputElement;
  private readonly error = h('p', { class: 'field-error', id: 'as-of-error', role: 'alert', hidden: true });
  private readonly output: HTMLOutputElement;
  private readonly playButton: HTMLButtonElement;
  private readonly histogram = h('div', { class: 'histogram', id: 'as-of-histogram', 'aria-hidden': 'true' });
  private readonly histogramLegend = h('p', { class: 'histogram-legend hint' });
  private playTimer: ReturnType<typeof setInterval> | undefined;
  private readonly minDay: number;
  private readonly maxDay: number;
  private readonly minDate: string;
  private readonly maxDate: string;
  private asOf: string | null = null;

  constructor(private readonly options: TimeControlsOptions) {
    this.minDay = toDayNumber(options.earliest ?? '2000-01-01');
    this.maxDay = toDayNumber(options.latest ?? new Date().toISOString().slice(0, 10));
    this.minDate = fromDayNumber(this.minDay);
    this.maxDate = fromDayNumber(this.maxDay);
    this.slider = h('input', {
      type: 'range',
      id: 'as-of-slider',
      min: this.minDay,
      max: this.maxDay,
      step: 1,
      value: this.maxDay,
      'aria-label': 'As of date (slider)',
      disabled: true,
    });
    this.dateField = h('input', {
      type: 'date',
      id: 'as-of-date',
      class: 'date-field',
      min: this.minDate,
      max: this.maxDate,
      'aria-label': 'As of date',
      'aria-describedby': 'as-of-error',
    });
    this.output = h('output', { for: 'as-of-slider', id: 'as-of-output' }, 'all dates');
    this.toggle = h('input', { type: 'checkbox', id: 'as-of-toggle' });
    this.playButton = h(
      'button',
      { class: 'btn small', type: 'button', 'aria-pressed': 'false', title: 'Play: step through time a month at a time', onclick: () => this.togglePlay() },
      '▶ Play',
    );
    this.element = h(
      'section',
      { class: 'panel-section date-filter', 'data-active': 'false', 'aria-labelledby': 'date-title' },
      h('h2', { id: 'date-title' }, 'As of'),
      h('div', { class: 'date-row' }, this.toggle, h('label', { for: 'as-of-toggle' }, 'Only relations in force on'), this.output),
      h('div', { class: 'date-row' }, this.dateField),
      this.error,
      this.histogram,
      this.slider,
      h('div', { class: 'bounds' }, h('span', {}, options.earliest ?? ''), this.playButton, h('span', {}, options.latest ?? '')),
      this.histogramLegend,
      h(
        'p',
        { class: 'hint' },
        'Hides relations that started later or had ended by then; a month or year given alone is a period, drawn dotted while the date falls inside it.',
      ),
      this.changesSlot,
    );

    this.toggle.addEventListener('change', () => {
      if (!this.toggle.checked) this.stopPlay();
      this.choose(this.toggle.checked ? fromDayNumber(Number(this.slider.value)) : null);
    });
    this.slider.addEventListener('input', () => {
      const day = fromDayNumber(Number(this.slider.value));
      this.output.textContent = day;
      this.dateField.value = day;
    });
    this.slider.addEventListener('change', () => this.choose(fromDayNumber(Number(this.slider.value))));
    // Arrow keys on the slider step by a day; PageUp/PageDown by a month.
    this.slider.addEventListener('keydown', (e) => {
      if (e.key === 'PageUp' || e.key === 'PageDown') {
        e.preventDefault();
        this.choose(fromDayNumber(this.clampDay(Number(this.slider.value) + (e.key === 'PageUp' ? MONTH_DAYS : -MONTH_DAYS))));
      }
    });
    this.dateField.addEventListener('change', () => this.typed());
    this.dateField.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.typed();
    });
  }

  /** Shows a date chosen elsewhere (a link, the D key) without reporting it back. */
  show(asOf: string | null): void {
    this.asOf = asOf;
    this.toggle.checked = asOf !== null;
    this.slider.disabled = asOf === null;
    if (asOf) {
      this.slider.value = String(toDayNumber(asOf));
      this.dateField.value = asOf;
      this.setError(null);
    }
    this.element.dataset.active = String(asOf !== null);
    this.output.textContent = asOf ?? 'all dates';
  }

  /** Draws the histogram: per year, relations that start (up) and end (down). */
  setHistogram(buckets: readonly TimelineBucket[]): void {
    const span = Math.max(1, this.maxDay - this.minDay);
    const peak = Math.max(1, ...buckets.map((b) => Math.max(b.started, b.ended)));
    const bars: HTMLElement[] = [];
    for (const b of buckets) {
      const start = Math.max(this.minDay, toDayNumber(`${b.period}-01-01`));
      const end = Math.min(this.maxDay, toDayNumber(`${b.period}-12-31`));
      if (end < start) continue;
      const bar = h(
        'div',
        { class: 'histogram-bar', title: `${b.period}: ${b.started} started, ${b.ended} ended`, 'data-period': b.period },
        h('span', { class: 'histogram-started' }),
        h('span', { class: 'histogram-ended' }),
      );
      // Positions come from data, so they are set through the CSSOM (the CSP allows it).
      bar.style.left = `${((start - this.minDay) / span) * 100}%`;
      bar.style.width = `${((end - start + 1) / span) * 100}%`;
      (bar.children[0] as HTMLElement).style.height = `${(b.started / peak) * 50}%`;
      (bar.children[1] as HTMLElement).style.height = `${(b.ended / peak) * 50}%`;
      bar.addEventListener('click', () => this.choose(fromDayNumber(end)));
      bars.push(bar);
    }
    replaceChildren(this.histogram, bars);
    const busiest = [...buckets].sort((a, b) => b.started + b.ended - (a.started + a.ended))[0];
    replaceChildren(
      this.histogramLegend,
      h('span', { class: 'key-started' }, 'started'),
      ' / ',
      h('span', { class: 'key-ended' }, 'ended'),
      ' per year, whole graph',
      busiest ? ` (most in ${busiest.period})` : '',
    );
  }

  private typed(): void {
    const value = this.dateField.value;
    if (value === '') {
      // Chromium empties the value of a date it cannot read.
      if (this.dateField.validity.badInput) this.setError('Give a whole date, e.g. 2021-07-01.');
      return;
    }
    if (!isIsoDay(value)) return this.setError(`"${value}" is not a date: give YYYY-MM-DD.`);
    if (value < this.minDate || value > this.maxDate)
      return this.setError(`The graph's dates run from ${this.minDate} to ${this.maxDate}: give a date between them.`);
    this.choose(value);
  }

  private setError(message: string | null): void {
    this.error.hidden = message === null;
    this.error.textContent = message ?? '';
    this.dateField.setAttribute('aria-invalid', String(message !== null));
  }

  private choose(date: string | null): void {
    this.show(date);
    this.options.onAsOf(date);
  }

  private clampDay(day: number): number {
    return Math.min(this.maxDay, Math.max(this.minDay, day));
  }

  /** Steps the date forward a month every half second, from 2019 (or the current date) to the end. */
  private togglePlay(): void {
    if (this.playTimer) {
      this.stopPlay();
      return;
    }
    const current = Number(this.slider.value);
    const start = this.asOf && current < this.maxDay ? current : this.clampDay(toDayNumber('2019-01-01'));
    this.choose(fromDayNumber(start));
    this.playButton.setAttribute('aria-pressed', 'true');
    this.playButton.textContent = '❚❚ Pause';
    this.playTimer = setInterval(() => {
      const next = Math.min(this.maxDay, Number(this.slider.value) + MONTH_DAYS);
      this.choose(fromDayNumber(next));
      if (next >= this.maxDay) this.stopPlay();
    }, 500);
  }

  private stopPlay(): void {
    clearInterval(this.playTimer);
    this.playTimer = undefined;
    this.playButton.setAttribute('aria-pressed', 'false');
    this.playButton.textContent = '▶ Play';
  }
}
