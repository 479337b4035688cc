/**
 * Migration 2 (0.2.0): data access through NOLOGIN groups, shared logins out
 * of members' reach, reveals that cannot escape the audit log, passwords made
 * inside the server.
 *
 * Per workspace database <db>:
 * - groups <db>_reader (CONNECT, USAGE, SELECT), <db>_writer (member of the
 *   reader group; CONNECT, TEMP, CREATE; owns what is created) and <db>_admin
 *   (marks the workspace's admins; no privilege of its own);
 * - shared logins, OpenHEXA's names: <db> (read/write, NOINHERIT member of the
 *   writer group: it acts as that group, so as itself it owns and creates
 *   nothing) and <db>_ro (member of the reader group);
 * - members belong to groups only, never to a shared login: viewers to the
 *   reader group, editors to the writer group, admins to writer and admin;
 * - the platform admins' group owns the database (no member can drop it or
 *   change its settings) and is a member of every writer group, so platform
 *   access never depends on membership rows a workspace admin can change.
 *
 * Workspaces made by 0.1.0 (layout 1) get their groups and memberships here;
 * their databases are handed over afterwards by the client, one database at
 * a time (upgradeWorkspaces.ts), and openhexa._finish_layout() then removes
 * the old memberships and marks them layout 2.
 *
 * Function calls are schema-qualified. Operators inside these functions
 * resolve in pg_catalog only: every function pins search_path to
 * pg_catalog, pg_temp, and PostgreSQL never looks up functions or operators
 * in pg_temp. Nobody but the catalog's owner can create objects in the
 * catalog database.
 */
import type { Migration } from './migration';

const M002_GROUP_ROLES = String.raw`
ALTER TABLE openhexa.workspaces ADD COLUMN layout int NOT NULL DEFAULT 1 CHECK (layout IN (1, 2));
ALTER TABLE openhexa.workspaces ALTER COLUMN layout SET DEFAULT 2;

-- Which credential an audit row is about, and the transaction that wrote it
-- (a reveal returns a password only once this row is committed).
ALTER TABLE openhexa.audit_log
  ADD COLUMN credential text CHECK (credential IN ('rw', 'ro')),
  ADD COLUMN xact xid8;

-- Passwords now travel only as results, never as statement parameters (a
-- server with log_statement = all would log those).
DROP FUNCTION openhexa.workspace_credentials(text);
DROP FUNCTION openhexa.set_workspace_password(text, text, text);
DROP FUNCTION openhexa.create_member(text, text, text, text);
DROP FUNCTION openhexa.begin_workspace(text, text, text, text);
DROP FUNCTION openhexa._check_password(text);

CREATE FUNCTION openhexa.catalog_version() RETURNS int
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  SELECT pg_catalog.max(version) FROM public.openhexa_schema_version
$fn$;

-- 16 characters from the unambiguous alphabet, from the server's strong
-- random source (gen_random_uuid is core PostgreSQL 13+; pgcrypto is not on
-- every managed server).
CREATE FUNCTION openhexa._new_password() RETURNS text
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  alphabet CONSTANT text := 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  bytes bytea;
  b int;
  i int;
  result text := '';
BEGIN
  WHILE pg_catalog.length(result) < 16 LOOP
    bytes := pg_catalog.uuid_send(pg_catalog.gen_random_uuid());
    -- Bytes 6 and 8 carry the UUID's version and variant bits: skip them.
    FOREACH i IN ARRAY ARRAY[0, 1, 2, 3, 4, 5, 7, 9, 10, 11, 12, 13, 14, 15] LOOP
      b := pg_catalog.get_byte(bytes, i);
      -- 220 = 4 x 55: bytes above it are dropped so every character is equally likely.
      IF b < 220 AND pg_catalog.length(result) < 16 THEN
        result := result || pg_catalog.substr(alphabet, b % 55 + 1, 1);
      END IF;
    END LOOP;
  END LOOP;
  RETURN result;
END
$fn$;

-- Sets a login's password. A failing statement is reported without its
-- text, which holds the password and would otherwise reach the server log
-- as the error's context.
CREATE FUNCTION openhexa._set_login(p_role text, p_password text, p_create boolean) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  v_state text;
  v_message text;
BEGIN
  BEGIN
    IF p_create THEN
      EXECUTE pg_catalog.format('CREATE ROLE %I LOGIN PASSWORD %L', p_role, p_password);
    ELSE
      EXECUTE pg_catalog.format('ALTER ROLE %I PASSWORD %L', p_role, p_password);
    END IF;
  EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT;
    RAISE EXCEPTION USING ERRCODE = v_state, MESSAGE = v_message;
  END;
END
$fn$;

CREATE FUNCTION openhexa._is_shared_login(p_login text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  SELECT EXISTS (SELECT 1 FROM openhexa.workspace_credentials c WHERE c.username = p_login)
$fn$;

-- The caller's role in a workspace. The shared logins are nobody's role.
CREATE OR REPLACE FUNCTION openhexa._role_in(p_db text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  SELECT CASE
    WHEN openhexa._is_shared_login(session_user) THEN NULL
    WHEN openhexa._has_role('openhexa_platform_admin') THEN 'admin'
    WHEN openhexa._has_role(p_db || '_admin') THEN 'admin'
    WHEN openhexa._has_role(p_db || '_writer') THEN 'editor'
    WHEN openhexa._has_role(p_db || '_reader') THEN 'viewer'
  END
$fn$;

CREATE OR REPLACE FUNCTION openhexa.my_workspaces()
RETURNS TABLE (slug text, name text, db_name text, role text, status text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  SELECT w.slug, w.name, w.db_name, openhexa._role_in(w.db_name), w.status
    FROM openhexa.workspaces w
   WHERE openhexa._role_in(w.db_name) IS NOT NULL
   ORDER BY pg_catalog.lower(w.name), w.slug
$fn$;

CREATE FUNCTION openhexa._audit_credential(p_slug text, p_action text, p_kind text) RETURNS bigint
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  INSERT INTO openhexa.audit_log (workspace_slug, action, credential, xact)
  VALUES (p_slug, p_action, p_kind, pg_catalog.pg_current_xact_id())
  RETURNING id
$fn$;

-- Step one of a reveal or copy: records it and returns the record's id.
-- Called on its own (autocommit), the record is committed when it returns.
CREATE FUNCTION openhexa.log_credential_access(p_slug text, p_kind text, p_action text) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
  PERFORM openhexa._require(p_slug, 'editor');
  IF p_kind IS NULL OR p_kind NOT IN ('rw', 'ro') THEN
    RAISE EXCEPTION 'unknown credentials kind "%" (use rw or ro)', p_kind USING ERRCODE = '22023';
  END IF;
  IF p_action IS NULL OR p_action NOT IN ('reveal', 'copy') THEN
    RAISE EXCEPTION 'unknown credential access "%" (use reveal or copy)', p_action USING ERRCODE = '22023';
  END IF;
  RETURN openhexa._audit_credential(p_slug, p_action, p_kind);
END
$fn$;

-- Step two: the password, only for the caller's own record of the last
-- minute, once that record is committed by an earlier transaction (a
-- ROLLBACK or a savepoint cannot hide it), and only while the caller is
-- still an editor or admin there.
CREATE FUNCTION openhexa.credential_password(p_record bigint)
RETURNS TABLE (kind text, username name, password text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  a openhexa.audit_log;
  w openhexa.workspaces;
BEGIN
  SELECT * INTO a FROM openhexa.audit_log l WHERE l.id = p_record;
  IF NOT FOUND OR a.actor <> session_user OR a.action NOT IN ('reveal', 'copy') OR a.credential IS NULL
     OR a.at < pg_catalog.clock_timestamp() - interval '1 minute' THEN
    RAISE EXCEPTION 'no recent reveal of yours has this number: ask for the password again' USING ERRCODE = '42501';
  END IF;
  IF pg_catalog.pg_xact_status(a.xact) IS DISTINCT FROM 'committed' THEN
    RAISE EXCEPTION 'the record of this reveal is not committed yet: record it outside a transaction, then ask again'
      USING ERRCODE = '55000';
  END IF;
  w := openhexa._require(a.workspace_slug, 'editor');
  RETURN QUERY SELECT c.kind, c.username, c.password
                 FROM openhexa.workspace_credentials c
                WHERE c.workspace_id = w.id AND c.kind = a.credential;
END
$fn$;

-- A new password for a shared login; the old one stops working when this
-- commits, together with its audit row.
CREATE FUNCTION openhexa.regenerate_password(p_slug text, p_kind text) RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._require(p_slug, 'admin');
  c openhexa.workspace_credentials;
  v_password text := openhexa._new_password();
BEGIN
  -- The row lock serializes concurrent regenerations: the role's password
  -- and the stored one always end up the same.
  SELECT * INTO c FROM openhexa.workspace_credentials
   WHERE workspace_id = w.id AND kind = p_kind FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'unknown credentials kind "%" (use rw or ro)', p_kind USING ERRCODE = '22023';
  END IF;
  PERFORM openhexa._set_login(c.username, v_password, false);
  UPDATE openhexa.workspace_credentials SET password = v_password, updated_at = pg_catalog.now()
   WHERE workspace_id = w.id AND kind = p_kind;
  PERFORM openhexa._audit_credential(p_slug, 'regenerate', p_kind);
  RETURN v_password;
END
$fn$;

-- Who may be a member. Refused: superusers and logins with CREATEROLE (they
-- already reach everything), platform admins (their access must not depend
-- on a membership a workspace admin can remove), and the shared logins and
-- groups of every workspace.
CREATE OR REPLACE FUNCTION openhexa._check_member_login(w openhexa.workspaces, p_login text) RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  r pg_catalog.pg_roles;
BEGIN
  SELECT * INTO r FROM pg_catalog.pg_roles WHERE rolname = p_login;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'there is no login "%" on this server', p_login USING ERRCODE = '42704';
  END IF;
  IF r.rolsuper OR r.rolcreaterole THEN
    RAISE EXCEPTION '"%" cannot be a member: it is a superuser or may create roles, and so already reaches every workspace', p_login
      USING ERRCODE = '22023';
  END IF;
  IF pg_catalog.pg_has_role(p_login, 'openhexa_platform_admin', 'MEMBER') THEN
    RAISE EXCEPTION '"%" cannot be a member: it is a platform admin, and platform admins reach every workspace without membership', p_login
      USING ERRCODE = '22023';
  END IF;
  IF openhexa._is_shared_login(p_login) OR EXISTS (
       SELECT 1 FROM openhexa.workspaces x
        WHERE p_login IN (x.db_name || '_reader', x.db_name || '_writer', x.db_name || '_admin')) THEN
    RAISE EXCEPTION '"%" cannot be a member: it is a workspace''s shared login or group', p_login
      USING ERRCODE = '22023';
  END IF;
  IF NOT r.rolcanlogin THEN
    RAISE EXCEPTION '"%" cannot be a member: it is not a login', p_login USING ERRCODE = '22023';
  END IF;
END
$fn$;

-- Memberships that follow a member's workspace role: groups only; any
-- direct membership in the workspace's roles (0.1.0's shared logins too) goes.
CREATE OR REPLACE FUNCTION openhexa._apply_role(w openhexa.workspaces, p_login text, p_role text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  g text;
BEGIN
  FOR g IN
    SELECT gr.rolname
      FROM pg_catalog.pg_auth_members m
      JOIN pg_catalog.pg_roles gr ON gr.oid = m.roleid
      JOIN pg_catalog.pg_roles mr ON mr.oid = m.member
     WHERE mr.rolname = p_login
       AND gr.rolname IN (w.db_name || '_reader', w.db_name || '_writer', w.db_name || '_admin', w.db_name, w.db_name || '_ro')
  LOOP
    EXECUTE pg_catalog.format('REVOKE %I FROM %I', g, p_login);
  END LOOP;
  IF p_role = 'viewer' THEN
    EXECUTE pg_catalog.format('GRANT %I TO %I', w.db_name || '_reader', p_login);
  ELSIF p_role IN ('editor', 'admin') THEN
    EXECUTE pg_catalog.format('GRANT %I TO %I', w.db_name || '_writer', p_login);
    IF p_role = 'admin' THEN
      EXECUTE pg_catalog.format('GRANT %I TO %I', w.db_name || '_admin', p_login);
    END IF;
  END IF;
END
$fn$;

CREATE OR REPLACE FUNCTION openhexa.add_member(p_slug text, p_login text, p_role text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._require(p_slug, 'admin');
BEGIN
  IF openhexa._rank(p_role) = 0 THEN
    RAISE EXCEPTION 'unknown role "%" (use viewer, editor or admin)', p_role USING ERRCODE = '22023';
  END IF;
  PERFORM openhexa._check_member_login(w, p_login);
  IF NOT pg_catalog.pg_has_role(p_login, 'openhexa_member', 'MEMBER') THEN
    EXECUTE pg_catalog.format('GRANT openhexa_member TO %I', p_login);
  END IF;
  PERFORM openhexa._apply_role(w, p_login, p_role);
  INSERT INTO openhexa.memberships (workspace_id, login, role) VALUES (w.id, p_login, p_role)
  ON CONFLICT (workspace_id, login) DO UPDATE SET role = EXCLUDED.role;
  PERFORM openhexa._audit(p_slug, 'add_member', pg_catalog.jsonb_build_object('login', p_login, 'role', p_role));
END
$fn$;

-- A new login for a member; its password is made here and returned once.
CREATE FUNCTION openhexa.create_member(p_slug text, p_login text, p_role text) RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  v_password text := openhexa._new_password();
BEGIN
  PERFORM openhexa._require(p_slug, 'admin');
  IF p_login IS NULL OR pg_catalog.length(p_login) = 0 OR pg_catalog.octet_length(p_login) > 63
     OR p_login ~ '^pg_' OR pg_catalog.lower(p_login) IN ('public', 'none') THEN
    RAISE EXCEPTION 'a login name has 1 to 63 bytes and does not start with pg_' USING ERRCODE = '22023';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = p_login) THEN
    RAISE EXCEPTION 'the login "%" already exists: add it as an existing login', p_login USING ERRCODE = '42710';
  END IF;
  PERFORM openhexa._set_login(p_login, v_password, true);
  PERFORM openhexa.add_member(p_slug, p_login, p_role);
  RETURN v_password;
END
$fn$;

CREATE OR REPLACE FUNCTION openhexa.set_member_role(p_slug text, p_login text, p_role text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._require(p_slug, 'admin');
BEGIN
  IF openhexa._rank(p_role) = 0 THEN
    RAISE EXCEPTION 'unknown role "%" (use viewer, editor or admin)', p_role USING ERRCODE = '22023';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM openhexa.memberships WHERE workspace_id = w.id AND login = p_login) THEN
    RAISE EXCEPTION '"%" is not a member of workspace "%"', p_login, p_slug USING ERRCODE = '42704';
  END IF;
  PERFORM openhexa._apply_role(w, p_login, p_role);
  UPDATE openhexa.memberships SET role = p_role WHERE workspace_id = w.id AND login = p_login;
  PERFORM openhexa._audit(p_slug, 'set_member_role', pg_catalog.jsonb_build_object('login', p_login, 'role', p_role));
END
$fn$;

CREATE OR REPLACE FUNCTION openhexa.remove_member(p_slug text, p_login text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._require(p_slug, 'admin');
BEGIN
  DELETE FROM openhexa.memberships WHERE workspace_id = w.id AND login = p_login;
  IF NOT FOUND THEN
    RAISE EXCEPTION '"%" is not a member of workspace "%"', p_login, p_slug USING ERRCODE = '42704';
  END IF;
  PERFORM openhexa._apply_role(w, p_login, NULL);
  PERFORM openhexa._audit(p_slug, 'remove_member', pg_catalog.jsonb_build_object('login', p_login));
END
$fn$;

-- Platform admins' steps of creating a workspace. CREATE DATABASE cannot
-- run in a function: the client runs it between begin and finish.
CREATE FUNCTION openhexa.begin_workspace(p_name text, p_slug text)
RETURNS TABLE (slug text, db_name text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  v_db text := 'ws_' || pg_catalog.replace(p_slug, '-', '_');
  v_rw_password text := openhexa._new_password();
  v_ro_password text := openhexa._new_password();
  v_id bigint;
BEGIN
  PERFORM openhexa._require_platform_admin();
  IF p_slug !~ '^[a-z0-9]+(-[a-z0-9]+)*$' OR pg_catalog.length(p_slug) > 40 THEN
    RAISE EXCEPTION 'invalid workspace slug "%"', p_slug USING ERRCODE = '22023';
  END IF;
  -- Two workspaces of one name would be told apart by nothing people see.
  IF EXISTS (SELECT 1 FROM openhexa.workspaces w WHERE pg_catalog.lower(pg_catalog.btrim(w.name)) = pg_catalog.lower(pg_catalog.btrim(p_name))) THEN
    RAISE EXCEPTION 'a workspace named "%" already exists on this server: choose another name', pg_catalog.btrim(p_name)
      USING ERRCODE = '23505';
  END IF;
  IF EXISTS (SELECT 1 FROM openhexa.workspaces w WHERE w.slug = p_slug)
     OR EXISTS (SELECT 1 FROM pg_catalog.pg_database d WHERE d.datname = v_db)
     OR EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
                 WHERE r.rolname IN (v_db, v_db || '_ro', v_db || '_reader', v_db || '_writer', v_db || '_admin')) THEN
    RAISE EXCEPTION 'the workspace slug "%" is taken', p_slug USING ERRCODE = '23505';
  END IF;
  EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', v_db || '_reader');
  EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', v_db || '_writer');
  EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', v_db || '_admin');
  EXECUTE pg_catalog.format('GRANT %I TO %I', v_db || '_reader', v_db || '_writer');
  PERFORM openhexa._set_login(v_db, v_rw_password, true);
  PERFORM openhexa._set_login(v_db || '_ro', v_ro_password, true);
  -- NOINHERIT: the read/write login acts as the writer group (the database's
  -- "role" setting) and, as itself, owns and creates nothing.
  EXECUTE pg_catalog.format('ALTER ROLE %I NOINHERIT', v_db);
  EXECUTE pg_catalog.format('GRANT %I TO %I', v_db || '_writer', v_db);
  EXECUTE pg_catalog.format('GRANT %I TO %I', v_db || '_reader', v_db || '_ro');
  EXECUTE pg_catalog.format('GRANT %I TO openhexa_platform_admin', v_db || '_writer');
  INSERT INTO openhexa.workspaces (slug, name, db_name, layout) VALUES (p_slug, p_name, v_db, 2) RETURNING id INTO v_id;
  INSERT INTO openhexa.workspace_credentials (workspace_id, kind, username, password)
  VALUES (v_id, 'rw', v_db, v_rw_password), (v_id, 'ro', v_db || '_ro', v_ro_password);
  PERFORM openhexa._audit(p_slug, 'create_workspace', pg_catalog.jsonb_build_object('name', p_name, 'db_name', v_db));
  RETURN QUERY SELECT p_slug, v_db;
END
$fn$;

CREATE OR REPLACE FUNCTION openhexa.finish_workspace(p_slug text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
  PERFORM openhexa._require_platform_admin();
  UPDATE openhexa.workspaces w SET status = 'ready'
   WHERE w.slug = p_slug AND EXISTS (SELECT 1 FROM pg_catalog.pg_database d WHERE d.datname = w.db_name);
  IF NOT FOUND THEN
    RAISE EXCEPTION 'workspace "%" has no database to finish', p_slug USING ERRCODE = '42704';
  END IF;
END
$fn$;

-- Drops the roles and the catalog rows (the client dropped the database first).
CREATE OR REPLACE FUNCTION openhexa.drop_workspace(p_slug text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces;
  r text;
BEGIN
  PERFORM openhexa._require_platform_admin();
  SELECT * INTO w FROM openhexa.workspaces x WHERE x.slug = p_slug FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'workspace "%" does not exist', p_slug USING ERRCODE = '42704';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_database WHERE datname = w.db_name) THEN
    RAISE EXCEPTION 'drop the database "%" first', w.db_name USING ERRCODE = '55006';
  END IF;
  FOREACH r IN ARRAY ARRAY[w.db_name, w.db_name || '_ro', w.db_name || '_admin', w.db_name || '_writer', w.db_name || '_reader'] LOOP
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
      EXECUTE pg_catalog.format('DROP ROLE %I', r);
    END IF;
  END LOOP;
  DELETE FROM openhexa.workspaces WHERE id = w.id;
  PERFORM openhexa._audit(p_slug, 'delete_workspace', pg_catalog.jsonb_build_object('db_name', w.db_name));
END
$fn$;

-- The last step of moving a 0.1.0 workspace to the group layout, once its
-- database was handed over: nobody stays a member of the shared logins (but
-- this function's owner keeps the ADMIN OPTION PostgreSQL 16+ gives a role's
-- creator). Only the catalog's owner runs it.
CREATE FUNCTION openhexa._finish_layout(p_slug text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces;
  m record;
  v_me oid := (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = current_user);
BEGIN
  SELECT * INTO w FROM openhexa.workspaces x WHERE x.slug = p_slug FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'workspace "%" does not exist', p_slug USING ERRCODE = '42704';
  END IF;
  FOR m IN
    SELECT gr.rolname AS shared, mr.rolname AS member
      FROM pg_catalog.pg_auth_members a
      JOIN pg_catalog.pg_roles gr ON gr.oid = a.roleid
      JOIN pg_catalog.pg_roles mr ON mr.oid = a.member
     WHERE gr.rolname IN (w.db_name, w.db_name || '_ro')
       AND NOT (a.member = v_me AND a.grantor <> v_me)
  LOOP
    EXECUTE pg_catalog.format('REVOKE %I FROM %I', m.shared, m.member);
  END LOOP;
  UPDATE openhexa.workspaces SET layout = 2 WHERE id = w.id;
  PERFORM openhexa._audit(p_slug, 'upgrade_workspace', pg_catalog.jsonb_build_object('layout', 2));
END
$fn$;

-- 0.1.0 workspaces: groups, memberships by role, and (for the hand-over of
-- each database that follows) the migrating login's membership in the
-- read/write login, which _finish_layout removes again. The old memberships
-- stay until then, so nobody loses access halfway.
DO $do$
DECLARE
  w openhexa.workspaces;
  m openhexa.memberships;
  g text;
BEGIN
  FOR w IN SELECT * FROM openhexa.workspaces WHERE layout = 1 LOOP
    FOREACH g IN ARRAY ARRAY[w.db_name || '_reader', w.db_name || '_writer', w.db_name || '_admin'] LOOP
      IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = g) THEN
        EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', g);
      END IF;
    END LOOP;
    EXECUTE pg_catalog.format('GRANT %I TO %I', w.db_name || '_reader', w.db_name || '_writer');
    EXECUTE pg_catalog.format('ALTER ROLE %I NOINHERIT', w.db_name);
    EXECUTE pg_catalog.format('GRANT %I TO %I', w.db_name || '_writer', w.db_name);
    EXECUTE pg_catalog.format('GRANT %I TO %I', w.db_name || '_reader', w.db_name || '_ro');
    EXECUTE pg_catalog.format('GRANT %I TO openhexa_platform_admin', w.db_name || '_writer');
    FOR m IN SELECT * FROM openhexa.memberships WHERE workspace_id = w.id LOOP
      EXECUTE pg_catalog.format('GRANT %I TO %I', w.db_name || CASE m.role WHEN 'viewer' THEN '_reader' ELSE '_writer' END, m.login);
      IF m.role = 'admin' THEN
        EXECUTE pg_catalog.format('GRANT %I TO %I', w.db_name || '_admin', m.login);
      END IF;
    END LOOP;
    IF NOT (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) THEN
      EXECUTE pg_catalog.format('GRANT %I TO %I', w.db_name, current_user);
    END IF;
  END LOOP;
END
$do$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA openhexa FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
  openhexa.is_platform_admin(),
  openhexa.catalog_version(),
  openhexa.my_workspaces(),
  openhexa.log_credential_access(text, text, text),
  openhexa.credential_password(bigint),
  openhexa.regenerate_password(text, text),
  openhexa.workspace_members(text),
  openhexa.add_member(text, text, text),
  openhexa.create_member(text, text, text),
  openhexa.set_member_role(text, text, text),
  openhexa.remove_member(text, text)
TO openhexa_member, openhexa_platform_admin;
GRANT EXECUTE ON FUNCTION
  openhexa.begin_workspace(text, text),
  openhexa.finish_workspace(text),
  openhexa.drop_workspace(text)
TO openhexa_platform_admin;
`;

export const m002GroupRoles: Migration = { version: 2, name: 'group roles, two-step reveals, passwords made in the server', sql: M002_GROUP_ROLES };
