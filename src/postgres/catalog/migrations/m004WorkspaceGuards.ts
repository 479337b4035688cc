/**
 * Migration 4 (0.3.0): OpenHEXA's per-database guards on the workspaces
 * that exist already (new ones get them when they are made):
 * CONNECTION LIMIT 50, idle_in_transaction_session_timeout = '5min',
 * statement_timeout = '90min'.
 *
 * A guard a server admin set by hand (a connection limit other than none,
 * a timeout already set on the database) is kept. Databases that are not
 * the platform admins' yet (0.1.0's, handed over after the migrations) are
 * left to that hand-over, which sets the guards too.
 */
import type { Migration } from './migration';

const M004_WORKSPACE_GUARDS = String.raw`
DO $guards$
DECLARE
  ws record;
  guard text[];
BEGIN
  FOR ws IN
    SELECT d.oid, d.datname, d.datconnlimit
      FROM openhexa.workspaces w
      JOIN pg_catalog.pg_database d ON d.datname OPERATOR(pg_catalog.=) w.db_name
     WHERE pg_catalog.pg_has_role(current_user, d.datdba, 'USAGE')
     ORDER BY w.slug
  LOOP
    IF ws.datconnlimit OPERATOR(pg_catalog.=) -1 THEN
      EXECUTE pg_catalog.format('ALTER DATABASE %I CONNECTION LIMIT 50', ws.datname);
    END IF;
    FOREACH guard SLICE 1 IN ARRAY ARRAY[['idle_in_transaction_session_timeout', '5min'], ['statement_timeout', '90min']] LOOP
      IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_db_role_setting s, pg_catalog.unnest(s.setconfig) c
                      WHERE s.setdatabase OPERATOR(pg_catalog.=) ws.oid AND s.setrole OPERATOR(pg_catalog.=) 0
                        AND pg_catalog.starts_with(c, pg_catalog.concat(guard[1], '='))) THEN
        EXECUTE pg_catalog.format('ALTER DATABASE %I SET %I = %L', ws.datname, guard[1], guard[2]);
      END IF;
    END LOOP;
  END LOOP;
END
$guards$;
`;

export const m004WorkspaceGuards: Migration = { version: 4, name: 'workspace guards', sql: M004_WORKSPACE_GUARDS };
