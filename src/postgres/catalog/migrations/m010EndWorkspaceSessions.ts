/**
 * Migration 10 (0.4.0): a platform admin's changes to a workspace database
 * reach the sessions already open there.
 *
 * A login's `role` setting (how it acts as the writer group) applies when a
 * session starts. Migration 7 ends a member's sessions after a workspace
 * admin changes their role; the platform also sets logins' session roles on
 * its own (Create Workspace for itself and the read/write login, Initialize
 * Server when it moves 0.1.0 and 0.2.0 workspaces to per-login settings),
 * and a session opened before kept the old role: a member's notebook, and
 * through PgBouncer any server connection the pooler keeps for that login
 * and hands to its next client. Delete Workspace met the same sessions:
 * PgBouncer's idle server connections of members' logins made the drop
 * fail.
 *
 * `end_workspace_sessions`, for platform admins (who own every workspace
 * database and may drop it), called once the change is committed: the
 * sessions there that began before this call, of the logins named (all
 * logins when NULL); only idle ones when asked (a login that gained the
 * writer role: a running query finishes). Sessions it could not end are
 * counted (the catalog's owner holds a login's privileges only for the
 * logins it created, as in migration 7).
 */
import type { Migration } from './migration';

const M010_END_WORKSPACE_SESSIONS = String.raw`
CREATE FUNCTION openhexa.end_workspace_sessions(p_slug text, p_logins text[], p_idle_only boolean, OUT closed integer, OUT left_open integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._workspace_for_platform(p_slug, NULL);
  v_login text;
  e record;
BEGIN
  closed := 0;
  left_open := 0;
  FOR v_login IN
    SELECT DISTINCT a.usename::text FROM pg_catalog.pg_stat_activity a
     WHERE a.datname OPERATOR(pg_catalog.=) w.db_name AND a.usename IS NOT NULL
       AND (p_logins IS NULL OR a.usename::text OPERATOR(pg_catalog.=) ANY (p_logins))
  LOOP
    SELECT * INTO e FROM openhexa._end_sessions(w.db_name, v_login, p_idle_only, pg_catalog.now());
    closed := closed OPERATOR(pg_catalog.+) e.closed;
    left_open := left_open OPERATOR(pg_catalog.+) e.left_open;
  END LOOP;
  PERFORM openhexa._audit(p_slug, 'end_workspace_sessions', pg_catalog.jsonb_build_object('logins', p_logins, 'idle_only', p_idle_only, 'closed', closed, 'left_open', left_open));
END
$fn$;

REVOKE ALL ON FUNCTION openhexa.end_workspace_sessions(text, text[], boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION openhexa.end_workspace_sessions(text, text[], boolean) TO openhexa_platform_admin;
`;

export const m010EndWorkspaceSessions: Migration = { version: 10, name: "a platform admin's changes reach open sessions", sql: M010_END_WORKSPACE_SESSIONS };
