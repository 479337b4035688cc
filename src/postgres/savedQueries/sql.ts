/** Saved-query and history calls, all through the members' door (SECURITY DEFINER functions of migration 8). */
export const SAVED_QUERY_SQL = {
  list: 'SELECT slug, name, description, visibility, author, updated_at, updated_by, revision, can_edit, is_author FROM openhexa.workspace_queries($1)',
  one: 'SELECT slug, name, description, sql, visibility, author, updated_at, updated_by, revision, can_edit, is_author FROM openhexa.saved_query($1, $2)',
  create: 'SELECT openhexa.create_saved_query($1, $2, $3, $4, $5) AS slug',
  update: 'SELECT openhexa.update_saved_query($1, $2, $3, $4, $5, $6) AS revision',
  visibility: 'SELECT openhexa.set_saved_query_visibility($1, $2, $3)',
  delete: 'SELECT openhexa.delete_saved_query($1, $2)',
} as const;

export const HISTORY_SQL = {
  log: 'SELECT openhexa.log_query_run($1, $2, $3, $4, $5, $6, $7, $8, $9)',
  mine: 'SELECT id, at, sql, sql_truncated, origin, writes, status, error_code, duration_ms, row_count, query FROM openhexa.my_query_history($1, $2, $3)',
  workspace: 'SELECT id, at, login, sql, sql_truncated, origin, writes, status, error_code, duration_ms, row_count FROM openhexa.workspace_query_log($1, $2, $3)',
  retention: 'SELECT openhexa.query_history_retention() AS days',
  setRetention: 'SELECT openhexa.set_query_history_retention($1)',
} as const;
