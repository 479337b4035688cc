import { sqlResultSchema, type SqlResult } from '../../src/protocol/sqlNotebookResult';

// VS Code's notebook renderer API, as much of it as this renderer uses (ES module loaded in the notebook's webview).
interface OutputItem {
  readonly id: string;
  json(): unknown;
}
interface RendererContext {
  postMessage?(message: unknown): void;
}

const NUMERIC = /^(smallint|integer|bigint|numeric|real|double precision|money)\b/;

const STYLE = `
.ohx-sql { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size, 13px); color: var(--vscode-foreground); }
.ohx-sql .ohx-scroll { max-height: 360px; overflow: auto; border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, rgba(128,128,128,0.35))); }
.ohx-sql .ohx-scroll:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.ohx-sql table { border-collapse: collapse; font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size, 13px); }
.ohx-sql th { position: sticky; top: 0; background: var(--vscode-editorWidget-background, var(--vscode-editor-background)); text-align: left; font-weight: 600; }
.ohx-sql th, .ohx-sql td { padding: 2px 8px; border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,0.2)); white-space: pre; max-width: 40em; overflow: hidden; text-overflow: ellipsis; }
.ohx-sql th small { display: block; font-weight: normal; color: var(--vscode-descriptionForeground); }
.ohx-sql td.num { text-align: right; }
.ohx-sql td.null { color: var(--vscode-descriptionForeground); font-style: italic; }
.ohx-sql .ohx-foot { display: flex; gap: 12px; align-items: center; margin-top: 4px; color: var(--vscode-descriptionForeground); }
.ohx-sql button { font: inherit; color: var(--vscode-button-secondaryForeground, var(--vscode-foreground)); background: var(--vscode-button-secondaryBackground, transparent);
  border: 1px solid var(--vscode-button-border, var(--vscode-contrastBorder, transparent)); border-radius: 2px; padding: 2px 10px; cursor: pointer; }
.ohx-sql button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function render(result: SqlResult, element: HTMLElement, context: RendererContext): void {
  const root = el('div', 'ohx-sql');
  const style = el('style', '', STYLE);
  const scroll = el('div', 'ohx-scroll');
  scroll.tabIndex = 0;
  scroll.setAttribute('role', 'region');
  scroll.setAttribute('aria-label', result.summary);
  const table = el('table', '');
  const head = el('tr', '');
  for (const column of result.columns) {
    const th = el('th', '', column.name);
    th.append(el('small', '', column.type));
    head.append(th);
  }
  table.append(el('thead', ''), el('tbody', ''));
  table.tHead!.append(head);
  const numeric = result.columns.map((c) => NUMERIC.test(c.type));
  for (const row of result.rows) {
    const tr = el('tr', '');
    row.forEach((value, i) => tr.append(value === null ? el('td', 'null', 'NULL') : el('td', numeric[i] ? 'num' : '', value)));
    table.tBodies[0]!.append(tr);
  }
  scroll.append(table);
  const foot = el('div', 'ohx-foot', '');
  foot.append(el('span', '', result.summary));
  if (context.postMessage) {
    const open = el('button', '', result.openLabel);
    open.type = 'button';
    open.addEventListener('click', () => context.postMessage?.({ type: 'openInResults', cell: result.cell }));
    foot.append(open);
  }
  root.append(style, scroll, foot);
  element.replaceChildren(root);
}

export function activate(context: RendererContext) {
  return {
    renderOutputItem(item: OutputItem, element: HTMLElement): void {
      const parsed = sqlResultSchema.safeParse(item.json());
      if (!parsed.success) {
        element.textContent = 'This output is not an OpenHEXA SQL result.';
        return;
      }
      render(parsed.data, element, context);
    },
  };
}
