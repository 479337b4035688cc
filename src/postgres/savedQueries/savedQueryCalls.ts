import type { ClientBase } from 'pg';
import { z } from 'zod';
import { catalogCall, CatalogError } from '../catalog/catalogError';
import { SAVED_QUERY_SQL } from './sql';

export const QUERY_VISIBILITIES = ['PRIVATE', 'WORKSPACE'] as const;
export type QueryVisibility = (typeof QUERY_VISIBILITIES)[number];

const summaryRow = z.object({
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  visibility: z.enum(QUERY_VISIBILITIES),
  author: z.string(),
  updated_at: z.date(),
  updated_by: z.string(),
  revision: z.number().int(),
  can_edit: z.boolean(),
  is_author: z.boolean(),
});

/** What a member sees of a saved query in the list: everything but the SQL. */
export interface SavedQuerySummary {
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly visibility: QueryVisibility;
  readonly author: string;
  readonly updatedAt: Date;
  readonly updatedBy: string;
  /** Bumped by each edit: an edit of the SQL names the one it started from. */
  readonly revision: number;
  /** The author, or an editor or admin when it is shared. */
  readonly canEdit: boolean;
  /** Only the author changes the visibility. */
  readonly isAuthor: boolean;
}

export interface SavedQuery extends SavedQuerySummary {
  readonly sql: string;
}

function summaryOf(row: z.infer<typeof summaryRow>): SavedQuerySummary {
  return {
    slug: row.slug,
    name: row.name,
    description: row.description,
    visibility: row.visibility,
    author: row.author,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    revision: row.revision,
    canEdit: row.can_edit,
    isAuthor: row.is_author,
  };
}

/** Every member: the workspace's shared queries and their own private ones. */
export function listSavedQueries(catalog: ClientBase, workspace: string): Promise<SavedQuerySummary[]> {
  return catalogCall(async () => (await catalog.query(SAVED_QUERY_SQL.list, [workspace])).rows.map((r) => summaryOf(summaryRow.parse(r))));
}

/** One query with its SQL; not found for a query the caller may not read (another member's private one reads the same as none). */
export function readSavedQuery(catalog: ClientBase, workspace: string, slug: string): Promise<SavedQuery> {
  return catalogCall(async () => {
    const row = (await catalog.query(SAVED_QUERY_SQL.one, [workspace, slug])).rows[0];
    if (!row) {
      throw new CatalogError('notFound', `workspace "${workspace}" has no query "${slug}" you may read`);
    }
    const parsed = summaryRow.extend({ sql: z.string() }).parse(row);
    return { ...summaryOf(parsed), sql: parsed.sql };
  });
}

export interface NewSavedQuery {
  readonly name: string;
  readonly description: string;
  readonly sql: string;
  readonly visibility: QueryVisibility;
}

/** Every member. Returns the slug the server made from the name. */
export function createSavedQuery(catalog: ClientBase, workspace: string, query: NewSavedQuery): Promise<string> {
  return catalogCall(async () => {
    const slug = (await catalog.query<{ slug: string }>(SAVED_QUERY_SQL.create, [workspace, query.name, query.description, query.sql, query.visibility])).rows[0]?.slug;
    if (!slug) {
      throw new CatalogError('conflict', 'The server did not return the new query');
    }
    return slug;
  });
}

/** An edit: what is left out is kept. New SQL names the revision it was written on. */
export type SavedQueryEdit = { readonly name?: string; readonly description?: string } & ({ readonly sql?: undefined } | { readonly sql: string; readonly revision: number });

/** The author, or an editor or admin for a shared query. Returns the new revision; a `conflict` when someone saved in between. */
export function updateSavedQuery(catalog: ClientBase, workspace: string, slug: string, edit: SavedQueryEdit): Promise<number> {
  return catalogCall(async () => {
    const params = [workspace, slug, edit.name ?? null, edit.description ?? null, edit.sql ?? null, edit.sql === undefined ? null : edit.revision];
    return z.number().int().parse((await catalog.query(SAVED_QUERY_SQL.update, params)).rows[0]?.revision);
  });
}

/** The author only. */
export function setSavedQueryVisibility(catalog: ClientBase, workspace: string, slug: string, visibility: QueryVisibility): Promise<void> {
  return catalogCall(async () => void (await catalog.query(SAVED_QUERY_SQL.visibility, [workspace, slug, visibility])));
}

export function deleteSavedQuery(catalog: ClientBase, workspace: string, slug: string): Promise<void> {
  return catalogCall(async () => void (await catalog.query(SAVED_QUERY_SQL.delete, [workspace, slug])));
}
