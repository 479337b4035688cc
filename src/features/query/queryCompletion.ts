import * as vscode from 'vscode';
import { completionContext, sqlName, type RelationRef } from '../../core/query/completionContext';
import { nameOfWord, relationHover } from '../../core/query/relationHover';
import { loadSqlParser } from '../../core/query/sqlParser';
import { splitStatements, statementAt } from '../../core/query/statements';
import { readOutline, type Outline, type OutlineRelation } from '../../postgres/workspace/outline';
import { tableKindLabel } from '../../platform/format';
import type { Services } from '../../platform/services';
import type { QueryBinding, QueryDocuments } from './queryDocuments';
import { bindingKnown, browseBound } from '../../sources/queryTargets';

/** An outline is read again after this long, or when the tree is refreshed. */
const OUTLINE_TTL_MS = 5 * 60_000;

/** Each workspace database's outline, read once through the member's own login (read-only) and shared by its documents. */
export class OutlineCache {
  private readonly outlines = new Map<string, { readonly at: number; readonly outline: Promise<Outline> }>();

  constructor(private readonly services: Services) {}

  get(binding: QueryBinding): Promise<Outline> | undefined {
    if (!bindingKnown(this.services, binding)) {
      return undefined;
    }
    const key = `${binding.server}|${binding.dbName}`;
    const kept = this.outlines.get(key);
    if (kept && Date.now() - kept.at < OUTLINE_TTL_MS) {
      return kept.outline;
    }
    const outline = browseBound(this.services, binding, (c) => readOutline(c));
    this.outlines.set(key, { at: Date.now(), outline });
    outline.catch((err: unknown) => {
      this.outlines.delete(key);
      this.services.log.warn(`Reading the outline of ${binding.dbName} for completion failed: ${err instanceof Error ? err.message : String(err)}`);
    });
    return outline;
  }

  clear(): void {
    this.outlines.clear();
  }
}

function describeRelation(relation: OutlineRelation): string {
  const rows = relation.estimate >= 0 ? ` · ~${Math.round(relation.estimate).toLocaleString(vscode.env.language)} ${vscode.l10n.t('rows')}` : '';
  return `${tableKindLabel(relation.kind)}${rows}`;
}

function relationItem(relation: OutlineRelation, qualified: boolean): vscode.CompletionItem {
  const label = qualified && relation.schema !== 'public' ? `${relation.schema}.${relation.name}` : relation.name;
  const item = new vscode.CompletionItem({ label, description: describeRelation(relation) }, relation.kind === 'view' || relation.kind === 'materialized view' ? vscode.CompletionItemKind.Interface : vscode.CompletionItemKind.Struct);
  item.insertText = qualified && relation.schema !== 'public' ? `${sqlName(relation.schema)}.${sqlName(relation.name)}` : sqlName(relation.name);
  item.filterText = label;
  item.sortText = `2${label}`;
  return item;
}

function columnItems(relation: OutlineRelation, sortGroup: string): vscode.CompletionItem[] {
  return relation.columns.map((column) => {
    const item = new vscode.CompletionItem({ label: column.name, description: column.type, detail: ` ${relation.name}` }, vscode.CompletionItemKind.Field);
    item.insertText = sqlName(column.name);
    item.sortText = `${sortGroup}${column.name}`;
    return item;
  });
}

/** The outline's relation a statement's reference names (in public unless it says a schema). */
function resolve(outline: Outline, ref: { schema?: string; name: string }): OutlineRelation | undefined {
  return outline.relations.find((r) => r.name === ref.name && r.schema === (ref.schema ?? 'public')) ?? (ref.schema ? undefined : outline.relations.find((r) => r.name === ref.name));
}

/** The statement around `offset`, and the cursor's place in it. */
function statementAround(text: string, offset: number): { statement: string; at: number } {
  const statement = statementAt(text, splitStatements(text), offset);
  if (!statement || offset < statement.start) {
    return { statement: '', at: 0 };
  }
  return { statement: text.slice(statement.start, Math.max(statement.end, offset)), at: offset - statement.start };
}

export function completionItems(outline: Outline, statement: string, at: number): vscode.CompletionItem[] {
  const context = completionContext(statement, at);
  if (context.kind === 'relation') {
    const schemas = [...new Set(outline.relations.map((r) => r.schema))].filter((s) => s !== 'public');
    return [
      ...schemas.map((schema) => {
        const item = new vscode.CompletionItem(schema, vscode.CompletionItemKind.Module);
        item.insertText = sqlName(schema);
        item.sortText = `3${schema}`;
        return item;
      }),
      ...outline.relations.map((r) => relationItem(r, true)),
    ];
  }
  if (context.kind === 'member') {
    const inSchema = outline.relations.filter((r) => r.schema === context.qualifier);
    if (inSchema.length > 0) {
      return inSchema.map((r) => relationItem(r, false));
    }
    const ref: RelationRef | undefined = context.relations.find((r) => r.alias === context.qualifier) ?? context.relations.find((r) => !r.alias && r.name === context.qualifier);
    const relation = resolve(outline, ref ?? { name: context.qualifier });
    return relation ? columnItems(relation, '0') : [];
  }
  const named = context.relations.map((ref) => resolve(outline, ref)).filter((r): r is OutlineRelation => r !== undefined);
  return [
    ...named.flatMap((r) => columnItems(r, '0')),
    ...outline.relations.map((r) => relationItem(r, true)),
    ...outline.functions.map((f) => {
      const item = new vscode.CompletionItem({ label: f.schema === 'public' ? f.name : `${f.schema}.${f.name}`, detail: `(${f.args})` }, vscode.CompletionItemKind.Function);
      item.insertText = f.schema === 'public' ? sqlName(f.name) : `${sqlName(f.schema)}.${sqlName(f.name)}`;
      item.sortText = `4${f.name}`;
      return item;
    }),
  ];
}

/** Completion and hover for SQL documents bound to a workspace, from its outline. */
export function registerQueryCompletion(documents: QueryDocuments, cache: OutlineCache): vscode.Disposable {
  const outlineOf = (document: vscode.TextDocument): Promise<Outline> | undefined => {
    const binding = documents.get(document.uri);
    return binding ? cache.get(binding) : undefined;
  };
  return vscode.Disposable.from(
    vscode.languages.registerCompletionItemProvider(
      { language: 'sql' },
      {
        async provideCompletionItems(document, position) {
          const pending = outlineOf(document);
          if (!pending) {
            return undefined;
          }
          const [outline] = await Promise.all([pending.catch(() => undefined), loadSqlParser()]);
          if (!outline) {
            return undefined;
          }
          const { statement, at } = statementAround(document.getText(), document.offsetAt(position));
          return completionItems(outline, statement, at);
        },
      },
      '.',
    ),
    vscode.languages.registerHoverProvider(
      { language: 'sql' },
      {
        async provideHover(document, position) {
          const pending = outlineOf(document);
          const range = document.getWordRangeAtPosition(position, /"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*/);
          if (!pending || !range) {
            return undefined;
          }
          const outline = await pending.catch(() => undefined);
          const before = document.getText(new vscode.Range(new vscode.Position(range.start.line, 0), range.start));
          const schema = /("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)\.$/.exec(before)?.[1];
          const relation = outline && resolve(outline, { name: nameOfWord(document.getText(range)), ...(schema ? { schema: nameOfWord(schema) } : {}) });
          if (!relation) {
            return undefined;
          }
          // Names and types are an editor's text: escaped, and the Markdown stays untrusted (no command links, no HTML).
          const markdown = new vscode.MarkdownString(relationHover(relation, describeRelation(relation), (count) => vscode.l10n.t('and {0} more columns', String(count))));
          return new vscode.Hover(markdown, range);
        },
      },
    ),
  );
}
