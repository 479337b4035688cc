/**
 * Migration 1 (0.1.0): the catalog, members and credentials. Released: never
 * edit it. Later migrations replace what changed (see ./index.ts); the
 * functions of this one that no later migration replaces are checked by
 * test/unit/sqlQualified.test.ts like the rest of the product's SQL.
 */
import type { Migration } from './migration';

const M001_CATALOG = String.raw`
CREATE SCHEMA openhexa;
REVOKE ALL ON SCHEMA openhexa FROM PUBLIC;
GRANT USAGE ON SCHEMA openhexa TO openhexa_member, openhexa_platform_admin;

CREATE TABLE openhexa.workspaces (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  db_name text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'provisioning' CHECK (status IN ('provisioning', 'ready')),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by name NOT NULL DEFAULT session_user
);

CREATE TABLE openhexa.workspace_credentials (
  workspace_id bigint NOT NULL REFERENCES openhexa.workspaces ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('rw', 'ro')),
  username name NOT NULL,
  password text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, kind)
);

CREATE TABLE openhexa.memberships (
  workspace_id bigint NOT NULL REFERENCES openhexa.workspaces ON DELETE CASCADE,
  login name NOT NULL,
  role text NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, login)
);

CREATE TABLE openhexa.audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor name NOT NULL DEFAULT session_user,
  workspace_slug text,
  action text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'
);

REVOKE ALL ON ALL TABLES IN SCHEMA openhexa FROM PUBLIC;

-- Internal helpers: not executable by anyone but the owner.

CREATE FUNCTION openhexa._has_role(p_role text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  SELECT COALESCE((SELECT pg_catalog.pg_has_role(session_user, r.oid, 'MEMBER')
                     FROM pg_catalog.pg_roles r WHERE r.rolname = p_role), false)
$fn$;

CREATE FUNCTION openhexa._role_in(p_db text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  SELECT CASE
    WHEN openhexa._has_role('openhexa_platform_admin') THEN 'admin'
    WHEN openhexa._has_role(p_db || '_admin') THEN 'admin'
    WHEN openhexa._has_role(p_db) THEN 'editor'
    WHEN openhexa._has_role(p_db || '_ro') THEN 'viewer'
  END
$fn$;

CREATE FUNCTION openhexa._rank(p_role text) RETURNS int
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
  SELECT CASE p_role WHEN 'viewer' THEN 1 WHEN 'editor' THEN 2 WHEN 'admin' THEN 3 ELSE 0 END
$fn$;

-- The workspace if the caller holds at least p_min there. Unknown and
-- forbidden look the same, so nothing leaks about workspaces one is not in.
CREATE FUNCTION openhexa._require(p_slug text, p_min text) RETURNS openhexa.workspaces
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces;
BEGIN
  SELECT * INTO w FROM openhexa.workspaces WHERE slug = p_slug;
  IF NOT FOUND OR openhexa._rank(openhexa._role_in(w.db_name)) = 0 THEN
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

CREATE FUNCTION openhexa._require_platform_admin() RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
  IF NOT openhexa._has_role('openhexa_platform_admin') THEN
    RAISE EXCEPTION 'only platform admins may do this' USING ERRCODE = '42501';
  END IF;
END
$fn$;

CREATE FUNCTION openhexa._audit(p_slug text, p_action text, p_detail jsonb) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  INSERT INTO openhexa.audit_log (workspace_slug, action, detail) VALUES (p_slug, p_action, p_detail)
$fn$;

CREATE FUNCTION openhexa._check_password(p_password text) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
  IF p_password IS NULL OR p_password !~ '^[a-hjkmnp-zA-HJ-NP-Z2-9]{16}$' THEN
    RAISE EXCEPTION 'a workspace password is 16 characters from the unambiguous alphabet'
      USING ERRCODE = '22023';
  END IF;
END
$fn$;

-- Grants that follow a member's workspace role. (Editors' and admins'
-- sessions act as the read/write role through the database's own "role"
-- setting, made when the workspace is created: PostgreSQL does not let a
-- security-definer function set a member's per-database "role".)
CREATE FUNCTION openhexa._apply_role(w openhexa.workspaces, p_login text, p_role text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY[w.db_name, w.db_name || '_ro', w.db_name || '_admin'] LOOP
    IF pg_catalog.pg_has_role(p_login, r, 'MEMBER') AND EXISTS (
         SELECT 1 FROM pg_catalog.pg_auth_members m
          WHERE m.roleid = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = r)
            AND m.member = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = p_login)) THEN
      EXECUTE format('REVOKE %I FROM %I', r, p_login);
    END IF;
  END LOOP;
  IF p_role = 'viewer' THEN
    EXECUTE format('GRANT %I TO %I', w.db_name || '_ro', p_login);
  ELSIF p_role IN ('editor', 'admin') THEN
    EXECUTE format('GRANT %I TO %I', w.db_name, p_login);
    IF p_role = 'admin' THEN
      EXECUTE format('GRANT %I TO %I', w.db_name || '_admin', p_login);
    END IF;
  END IF;
END
$fn$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA openhexa FROM PUBLIC;

-- The members' door.

CREATE FUNCTION openhexa.is_platform_admin() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  SELECT openhexa._has_role('openhexa_platform_admin')
$fn$;

CREATE FUNCTION openhexa.my_workspaces()
RETURNS TABLE (slug text, name text, db_name text, role text, status text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  SELECT w.slug, w.name, w.db_name, openhexa._role_in(w.db_name), w.status
    FROM openhexa.workspaces w
   WHERE openhexa._role_in(w.db_name) IS NOT NULL
   ORDER BY lower(w.name), w.slug
$fn$;

CREATE FUNCTION openhexa.workspace_credentials(p_slug text)
RETURNS TABLE (kind text, username name, password text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._require(p_slug, 'editor');
BEGIN
  PERFORM openhexa._audit(p_slug, 'reveal_credentials', '{}');
  RETURN QUERY SELECT c.kind, c.username, c.password
                 FROM openhexa.workspace_credentials c
                WHERE c.workspace_id = w.id ORDER BY c.kind DESC;
END
$fn$;

CREATE FUNCTION openhexa.set_workspace_password(p_slug text, p_kind text, p_password text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._require(p_slug, 'admin');
  c openhexa.workspace_credentials;
BEGIN
  PERFORM openhexa._check_password(p_password);
  -- The row lock serializes concurrent regenerations: the role's password
  -- and the stored one always end up the same.
  SELECT * INTO c FROM openhexa.workspace_credentials
   WHERE workspace_id = w.id AND kind = p_kind FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'unknown credentials kind "%" (use rw or ro)', p_kind USING ERRCODE = '22023';
  END IF;
  EXECUTE format('ALTER ROLE %I PASSWORD %L', c.username, p_password);
  UPDATE openhexa.workspace_credentials SET password = p_password, updated_at = now()
   WHERE workspace_id = w.id AND kind = p_kind;
  PERFORM openhexa._audit(p_slug, 'regenerate_password', jsonb_build_object('kind', p_kind));
END
$fn$;

CREATE FUNCTION openhexa.workspace_members(p_slug text)
RETURNS TABLE (login name, role text, created_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._require(p_slug, 'admin');
BEGIN
  RETURN QUERY SELECT m.login, m.role, m.created_at FROM openhexa.memberships m
                WHERE m.workspace_id = w.id ORDER BY m.login;
END
$fn$;

CREATE FUNCTION openhexa._check_member_login(w openhexa.workspaces, p_login text) RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  r pg_catalog.pg_roles;
BEGIN
  SELECT * INTO r FROM pg_catalog.pg_roles WHERE rolname = p_login;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'there is no login "%" on this server', p_login USING ERRCODE = '42704';
  END IF;
  IF NOT r.rolcanlogin OR r.rolsuper OR p_login IN (w.db_name, w.db_name || '_ro', w.db_name || '_admin') THEN
    RAISE EXCEPTION '"%" cannot be a member: it must be an ordinary login, not a superuser nor a workspace role', p_login
      USING ERRCODE = '22023';
  END IF;
END
$fn$;
REVOKE ALL ON FUNCTION openhexa._check_member_login(openhexa.workspaces, text) FROM PUBLIC;

CREATE FUNCTION openhexa.add_member(p_slug text, p_login text, p_role text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._require(p_slug, 'admin');
BEGIN
  IF openhexa._rank(p_role) = 0 THEN
    RAISE EXCEPTION 'unknown role "%" (use viewer, editor or admin)', p_role USING ERRCODE = '22023';
  END IF;
  PERFORM openhexa._check_member_login(w, p_login);
  EXECUTE format('GRANT openhexa_member TO %I', p_login);
  PERFORM openhexa._apply_role(w, p_login, p_role);
  INSERT INTO openhexa.memberships (workspace_id, login, role) VALUES (w.id, p_login, p_role)
  ON CONFLICT (workspace_id, login) DO UPDATE SET role = EXCLUDED.role;
  PERFORM openhexa._audit(p_slug, 'add_member', jsonb_build_object('login', p_login, 'role', p_role));
END
$fn$;

CREATE FUNCTION openhexa.create_member(p_slug text, p_login text, p_role text, p_password text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
  PERFORM openhexa._require(p_slug, 'admin');
  PERFORM openhexa._check_password(p_password);
  IF p_login IS NULL OR length(p_login) = 0 OR octet_length(p_login) > 63 OR p_login ~ '^pg_' OR lower(p_login) IN ('public', 'none') THEN
    RAISE EXCEPTION 'a login name has 1 to 63 bytes and does not start with pg_' USING ERRCODE = '22023';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = p_login) THEN
    RAISE EXCEPTION 'the login "%" already exists: add it as an existing login', p_login USING ERRCODE = '42710';
  END IF;
  EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', p_login, p_password);
  PERFORM openhexa.add_member(p_slug, p_login, p_role);
END
$fn$;

CREATE FUNCTION openhexa.set_member_role(p_slug text, p_login text, p_role text) RETURNS void
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
  PERFORM openhexa._audit(p_slug, 'set_member_role', jsonb_build_object('login', p_login, 'role', p_role));
END
$fn$;

CREATE FUNCTION openhexa.remove_member(p_slug text, p_login text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._require(p_slug, 'admin');
BEGIN
  DELETE FROM openhexa.memberships WHERE workspace_id = w.id AND login = p_login;
  IF NOT FOUND THEN
    RAISE EXCEPTION '"%" is not a member of workspace "%"', p_login, p_slug USING ERRCODE = '42704';
  END IF;
  PERFORM openhexa._apply_role(w, p_login, NULL);
  PERFORM openhexa._audit(p_slug, 'remove_member', jsonb_build_object('login', p_login));
END
$fn$;

-- Platform admins' steps of creating and deleting a workspace. CREATE and
-- DROP DATABASE cannot run in a function, so the client does those between.

CREATE FUNCTION openhexa.begin_workspace(p_name text, p_slug text, p_rw_password text, p_ro_password text)
RETURNS TABLE (slug text, db_name text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  v_db text := 'ws_' || replace(p_slug, '-', '_');
  v_id bigint;
BEGIN
  PERFORM openhexa._require_platform_admin();
  PERFORM openhexa._check_password(p_rw_password);
  PERFORM openhexa._check_password(p_ro_password);
  IF p_slug !~ '^[a-z0-9]+(-[a-z0-9]+)*$' OR length(p_slug) > 40 THEN
    RAISE EXCEPTION 'invalid workspace slug "%"', p_slug USING ERRCODE = '22023';
  END IF;
  IF EXISTS (SELECT 1 FROM openhexa.workspaces w WHERE w.slug = p_slug)
     OR EXISTS (SELECT 1 FROM pg_catalog.pg_database d WHERE d.datname = v_db)
     OR EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname IN (v_db, v_db || '_ro', v_db || '_admin')) THEN
    RAISE EXCEPTION 'the workspace slug "%" is taken', p_slug USING ERRCODE = '23505';
  END IF;
  EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', v_db, p_rw_password);
  EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', v_db || '_ro', p_ro_password);
  EXECUTE format('CREATE ROLE %I NOLOGIN', v_db || '_admin');
  EXECUTE format('GRANT %I TO %I', v_db, v_db || '_admin');
  -- The platform admin creates the database owned by the read/write role,
  -- sets its default privileges and the read-only role's own settings: each
  -- needs membership or ADMIN OPTION (PostgreSQL 16+).
  EXECUTE format('GRANT %I TO %I', v_db, session_user);
  IF NOT pg_catalog.pg_has_role(session_user, v_db || '_ro', 'MEMBER WITH ADMIN OPTION') THEN
    EXECUTE format('GRANT %I TO %I WITH ADMIN OPTION', v_db || '_ro', session_user);
  END IF;
  INSERT INTO openhexa.workspaces (slug, name, db_name) VALUES (p_slug, p_name, v_db) RETURNING id INTO v_id;
  INSERT INTO openhexa.workspace_credentials (workspace_id, kind, username, password)
  VALUES (v_id, 'rw', v_db, p_rw_password), (v_id, 'ro', v_db || '_ro', p_ro_password);
  PERFORM openhexa._audit(p_slug, 'create_workspace', jsonb_build_object('name', p_name, 'db_name', v_db));
  RETURN QUERY SELECT p_slug, v_db;
END
$fn$;

CREATE FUNCTION openhexa.finish_workspace(p_slug text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
  PERFORM openhexa._require_platform_admin();
  UPDATE openhexa.workspaces SET status = 'ready' WHERE slug = p_slug;
END
$fn$;

-- Drops the roles and the catalog rows (the client dropped the database first).
CREATE FUNCTION openhexa.drop_workspace(p_slug text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces;
  r text;
BEGIN
  PERFORM openhexa._require_platform_admin();
  SELECT * INTO w FROM openhexa.workspaces WHERE slug = p_slug FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'workspace "%" does not exist', p_slug USING ERRCODE = '42704';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_database WHERE datname = w.db_name) THEN
    RAISE EXCEPTION 'drop the database "%" first', w.db_name USING ERRCODE = '55006';
  END IF;
  FOREACH r IN ARRAY ARRAY[w.db_name || '_admin', w.db_name || '_ro', w.db_name] LOOP
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
      EXECUTE format('DROP ROLE %I', r);
    END IF;
  END LOOP;
  DELETE FROM openhexa.workspaces WHERE id = w.id;
  PERFORM openhexa._audit(p_slug, 'delete_workspace', jsonb_build_object('db_name', w.db_name));
END
$fn$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA openhexa FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
  openhexa.is_platform_admin(),
  openhexa.my_workspaces(),
  openhexa.workspace_credentials(text),
  openhexa.set_workspace_password(text, text, text),
  openhexa.workspace_members(text),
  openhexa.add_member(text, text, text),
  openhexa.create_member(text, text, text, text),
  openhexa.set_member_role(text, text, text),
  openhexa.remove_member(text, text)
TO openhexa_member, openhexa_platform_admin;
GRANT EXECUTE ON FUNCTION
  openhexa.begin_workspace(text, text, text, text),
  openhexa.finish_workspace(text),
  openhexa.drop_workspace(text)
TO openhexa_platform_admin;
`;

export const m001Catalog: Migration = { version: 1, name: 'catalog, members and credentials', sql: M001_CATALOG };
