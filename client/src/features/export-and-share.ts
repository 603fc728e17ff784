/**
 * Export of the visible view (PNG, SVG, JSON with evidence, CSV) and "Share": the link to the
 * view, copied to the clipboard.
 */
import { datedFilename, downloadBlob, downloadText } from '../export/download.ts';
import { captionLines, legendFromCy, type ExportDecorations } from '../export/export-decorations.ts';
import { buildCsv } from '../export/export-csv.ts';
import { collectExportData } from '../export/export-data.ts';
import { buildEntitiesCsv } from '../export/export-entities-csv.ts';
import { buildGexf } from '../export/export-gexf.ts';
import { buildJsonExport, serializeJsonExport } from '../export/export-json.ts';
import { exportPng } from '../export/export-png.ts';
import { buildSvg, svgInputFromCy } from '../export/export-svg.ts';
import type { GraphView } from '../graph/graph-view.ts';
import { showToast } from '../ui/toasts.ts';
import type { Appearance } from './appearance.ts';
import type { Feedback } from './feedback.ts';
import type { ShareableUrl } from './shareable-url.ts';

export type ExportFormat = 'png' | 'svg' | 'json' | 'csv' | 'csv-entities' | 'gexf';

export class ExportAndShare {
  constructor(
    private readonly view: GraphView,
    private readonly url: Pick<ShareableUrl, 'writeNow'>,
    private readonly feedback: Pick<Feedback, 'report'>,
    /** The graph version served (live updates), for the caption. */
    private readonly seedVersion: () => string | null = () => null,
    /** What size and colour stand for now (the appearance panel's legend and node colours), for pictures. */
    private readonly appearance: () => Pick<Appearance, 'legend' | 'nodeColor'> | null = () => null,
  ) {}

  /** Downloads the visible view in `format`; PNG and SVG with the legend and caption asked for. */
  exportAs(format: ExportFormat, decorations: ExportDecorations = { legend: false, caption: false }): void {
    const view = this.view;
    try {
      const data = () => collectExportData(view.cy, view.cache);
      const appearance = this.appearance();
      const legend = decorations.legend ? legendFromCy(view.cy, appearance?.legend ?? null) : null;
      const caption = decorations.caption ? captionLines(view.filters, this.seedVersion(), new Date().toISOString().slice(0, 10)) : null;
      switch (format) {
        case 'png':
          exportPng(view.cy, { legend, caption }).then(
            (blob) => downloadBlob(blob, datedFilename('png')),
            (error: unknown) => this.feedback.report(error, 'Export PNG'),
          );
          break;
        case 'svg':
          downloadText(
            buildSvg({ ...svgInputFromCy(view.cy, 'splinternet view', appearance?.nodeColor ?? undefined), legend, caption }),
            datedFilename('svg'),
            'image/svg+xml',
          );
          break;
        case 'json':
          downloadText(serializeJsonExport(buildJsonExport(data(), view.filters)), datedFilename('json'), 'application/json');
          break;
        case 'csv':
          downloadText(buildCsv(data()), datedFilename('csv'), 'text/csv');
          break;
        case 'csv-entities':
          downloadText(buildEntitiesCsv(data()), datedFilename('entities.csv'), 'text/csv');
          break;
        case 'gexf': {
          // Positions, colours and sizes as drawn, so Gephi opens the same picture (appearance included).
          const node = (id: string) => view.cy.getElementById(id);
          const gexf = buildGexf(data(), {
            position: (id) => node(id).position(),
            color: (id) => String(node(id).style('background-color')),
            size: (id) => node(id).width(),
          });
          downloadText(gexf, datedFilename('gexf'), 'application/gexf+xml');
          break;
        }
      }
    } catch (error) {
      this.feedback.report(error, `Export ${format.toUpperCase()}`);
    }
  }

  /** Copies the link to this view (or shows it when the clipboard is out of reach). */
  async share(): Promise<void> {
    this.url.writeNow();
    try {
      await navigator.clipboard.writeText(window.location.href);
      showToast('Link to this view copied.', 'success', { ms: 2500 });
    } catch {
      showToast(`Copy this link: ${window.location.href}`, 'info', { ms: 10000 });
    }
  }
}
