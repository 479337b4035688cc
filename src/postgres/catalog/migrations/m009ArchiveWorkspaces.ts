/**
 * Migration 9 (0.4.0): archiving a workspace, and rotating its passwords
 * (OpenHEXA's #1988: an archived or deleted workspace's database password
 * kept working for whoever held it).
 *
 * - `rotate_workspace_passwords`: new read/write and read-only passwords at
 *   once (platform admins). Delete Workspace calls it first and commits it,
 *   so a BI tool holding the old password is cut off even if the drop fails.
 * - `archive_workspace`: rotates both passwords, takes CONNECT on the
 *   database from the reader and writer groups and the read/write login
 *   (so neither shared login nor any member connects), and marks the
 *   workspace archived: it leaves members' lists, and every member's
 *   catalog function refuses it as if it did not exist. The database and
 *   the catalog rows stay. `end_archived_sessions`, called once that is
 *   committed, ends the sessions already open there (those of the shared
 *   logins and the members).
 * - `restore_workspace`: gives CONNECT back as Create Workspace grants it,
 *   with new passwords again, and lists the workspace to its members.
 */
import type { Migration } from './migration';

const M009_ARCHIVE_WORKSPACES = String.raw`
ALTER TABLE openhexa.workspaces DROP CONSTRAINT IF EXISTS workspaces_status_check;
ALTER TABLE openhexa.workspaces ADD CONSTRAINT workspaces_status_check CHECK (status IN ('provisioning', 'ready', 'archived'));

-- As in migration 1, and an archived workspace reads as unknown to all but platform admins.
CREATE OR REPLACE FUNCTION openhexa._require(p_slug text, p_min text) RETURNS openhexa.workspaces
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces;
BEGIN
  SELECT * INTO w FROM openhexa.workspaces WHERE slug = p_slug;
  IF NOT FOUND OR openhexa._rank(openhexa._role_in(w.db_name)) = 0
     OR (w.status = 'archived' AND NOT openhexa._has_role('openhexa_platform_admin')) THEN
    RAISE EXCEPTION 'workspace "%" does not exist or you are not a member of it', p_slug
      USING ERRCODE = '42501';
  END IF;
  IF openhexa._rank(openhexa._role_in(w.db_name)) < openhexa._rank(p_min) THEN
    RAISE EXCEPTION 'this needs the % role in workspace "%"', p_min, p_slug
      USING ERRCODE = '42501';
  END IF;
  RETURN w;
END
$fn$;

CREATE OR REPLACE FUNCTION openhexa.my_workspaces()
RETURNS TABLE (slug text, name text, db_name text, role text, status text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  SELECT w.slug, w.name, w.db_name, openhexa._role_in(w.db_name), w.status
    FROM openhexa.workspaces w
   WHERE openhexa._role_in(w.db_name) IS NOT NULL
     AND (w.status <> 'archived' OR openhexa._has_role('openhexa_platform_admin'))
   ORDER BY pg_catalog.lower(w.name), w.slug
$fn$;

-- New passwords for both shared logins; the old ones stop working when this commits.
CREATE FUNCTION openhexa._rotate_passwords(w openhexa.workspaces) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  c openhexa.workspace_credentials;
  v_password text;
BEGIN
  FOR c IN SELECT * FROM openhexa.workspace_credentials x WHERE x.workspace_id = w.id ORDER BY x.kind FOR UPDATE LOOP
    v_password := openhexa._new_password();
    PERFORM openhexa._set_login(c.username, v_password, false);
    UPDATE openhexa.workspace_credentials x SET password = v_password, updated_at = pg_catalog.now()
     WHERE x.workspace_id = w.id AND x.kind = c.kind;
  END LOOP;
END
$fn$;

-- The workspace, locked, for a platform admin; in the status given unless NULL.
CREATE FUNCTION openhexa._workspace_for_platform(p_slug text, p_status text) RETURNS openhexa.workspaces
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces;
BEGIN
  PERFORM openhexa._require_platform_admin();
  SELECT * INTO w FROM openhexa.workspaces x WHERE x.slug = p_slug FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'workspace "%" does not exist', p_slug USING ERRCODE = '42704';
  END IF;
  IF p_status IS NOT NULL AND w.status <> p_status THEN
    RAISE EXCEPTION 'workspace "%" is %, not %', p_slug, w.status, p_status USING ERRCODE = '55000';
  END IF;
  RETURN w;
END
$fn$;

CREATE FUNCTION openhexa.rotate_workspace_passwords(p_slug text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._workspace_for_platform(p_slug, NULL);
BEGIN
  PERFORM openhexa._rotate_passwords(w);
  PERFORM openhexa._audit(p_slug, 'rotate_workspace_passwords', '{}'::jsonb);
END
$fn$;

CREATE FUNCTION openhexa.archive_workspace(p_slug text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._workspace_for_platform(p_slug, 'ready');
BEGIN
  PERFORM openhexa._rotate_passwords(w);
  EXECUTE pg_catalog.format('REVOKE CONNECT, TEMPORARY, CREATE ON DATABASE %I FROM %I, %I, %I', w.db_name, w.db_name || '_reader', w.db_name || '_writer', w.db_name);
  UPDATE openhexa.workspaces x SET status = 'archived' WHERE x.id = w.id;
  PERFORM openhexa._audit(p_slug, 'archive_workspace', '{}'::jsonb);
END
$fn$;

-- Once the archive is committed (a session ended before that could log in again with the old password).
CREATE FUNCTION openhexa.end_archived_sessions(p_slug text, OUT closed integer, OUT left_open integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._workspace_for_platform(p_slug, 'archived');
  v_login text;
  e record;
BEGIN
  closed := 0;
  left_open := 0;
  FOR v_login IN
    SELECT c.username::text FROM openhexa.workspace_credentials c WHERE c.workspace_id = w.id
    UNION SELECT m.login::text FROM openhexa.memberships m WHERE m.workspace_id = w.id
  LOOP
    SELECT * INTO e FROM openhexa._end_sessions(w.db_name, v_login, false, pg_catalog.now());
    closed := closed + e.closed;
    left_open := left_open + e.left_open;
  END LOOP;
  PERFORM openhexa._audit(p_slug, 'end_archived_sessions', pg_catalog.jsonb_build_object('closed', closed, 'left_open', left_open));
END
$fn$;

CREATE FUNCTION openhexa.restore_workspace(p_slug text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._workspace_for_platform(p_slug, 'archived');
BEGIN
  PERFORM openhexa._rotate_passwords(w);
  -- As Create Workspace grants them (src/postgres/workspace/sql.ts).
  EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO %I', w.db_name, w.db_name || '_reader');
  EXECUTE pg_catalog.format('GRANT CONNECT, TEMPORARY, CREATE ON DATABASE %I TO %I', w.db_name, w.db_name || '_writer');
  EXECUTE pg_catalog.format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', w.db_name, w.db_name);
  UPDATE openhexa.workspaces x SET status = 'ready' WHERE x.id = w.id;
  PERFORM openhexa._audit(p_slug, 'restore_workspace', '{}'::jsonb);
END
$fn$;

REVOKE ALL ON FUNCTION openhexa._rotate_passwords(openhexa.workspaces), openhexa._workspace_for_platform(text, text),
  openhexa.rotate_workspace_passwords(text), openhexa.archive_workspace(text), openhexa.end_archived_sessions(text), openhexa.restore_workspace(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION openhexa.rotate_workspace_passwords(text), openhexa.archive_workspace(text), openhexa.end_archived_sessions(text), openhexa.restore_workspace(text)
  TO openhexa_platform_admin;
`;

export const m009ArchiveWorkspaces: Migration = { version: 9, name: 'archive a workspace, rotate its passwords', sql: M009_ARCHIVE_WORKSPACES };
