/** Connection calls, all through the members' door (SECURITY DEFINER functions of migration 3). */
export const CONNECTION_SQL = {
  list: 'SELECT identifier, name, type, description, updated_at FROM openhexa.workspace_connections($1)',
  fields: 'SELECT code, value, secret, is_set FROM openhexa.connection_fields($1, $2)',
  // Two steps: the first commits the audit record, the second returns the values.
  logAccess: 'SELECT openhexa.log_connection_access($1, $2, $3) AS record',
  values: 'SELECT code, value, secret FROM openhexa.connection_values($1)',
  create: 'SELECT openhexa.create_connection($1, $2, $3, $4, $5, $6::jsonb) AS identifier',
  update: 'SELECT openhexa.update_connection($1, $2, $3, $4, $5::jsonb)',
  changeIdentifier: 'SELECT openhexa.change_connection_identifier($1, $2, $3)',
  delete: 'SELECT openhexa.delete_connection($1, $2)',
} as const;
