import type { Feature } from '../feature';
import { previewTable } from './commands/previewTable';
import { PreviewPanel } from './previewPanel';

/** The table preview panel: pages, sort, filters, counts, whole values, CSV export (every member). */
export const preview: Feature = {
  commands: [previewTable],
  activate(context) {
    context.subscriptions.push({ dispose: () => PreviewPanel.disposeAll() });
  },
};
