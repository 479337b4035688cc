/**
 * Migration 3 (0.3.0): workspace connections (docs/architecture.md §3).
 *
 * A connection has a name, a type, an optional description and an
 * identifier fixed at creation (environment names and notebooks depend on
 * it), and fields stored as OpenHEXA stores them: code, value, secret flag.
 *
 * Who may do what (docs/architecture.md §2), enforced here and nowhere else:
 * - every member lists connections: name, type, identifier, description;
 * - editors and admins read the fields: the values of fields that are not
 *   secret at once, secrets in two steps as database passwords are (an audit
 *   row that is committed first, then the values for that row only);
 * - admins create, edit and delete. An edit names each field it keeps by
 *   code and leaves its value out, so a secret nobody touched is kept
 *   without ever travelling to the form (OpenHEXA bug #497).
 *
 * Secrets are protected by PostgreSQL privileges and these functions; they
 * are not encrypted at rest (the catalog's owner and superusers can read
 * them, as they can read the workspace passwords).
 *
 * The fixed fields of each type are mirrored from the extension's registry
 * (src/core/connections/types), so the server refuses a secret stored as
 * plain text or a type's field given twice even from psql. A new type or
 * field there needs a migration here; a unit test compares the two.
 */
import type { Migration } from './migration';

const M003_CONNECTIONS = String.raw`
-- Which connection an audit row is about (no foreign key: the trail
-- outlives the connection).
ALTER TABLE openhexa.audit_log ADD COLUMN connection_id bigint;

CREATE TABLE openhexa.connection_type_fields (
  type text NOT NULL,
  code text NOT NULL,
  position int NOT NULL,
  required boolean NOT NULL,
  secret boolean NOT NULL,
  PRIMARY KEY (type, code)
);

INSERT INTO openhexa.connection_type_fields (type, code, position, required, secret) VALUES
  ('postgresql', 'host', 1, true, false),
  ('postgresql', 'port', 2, true, false),
  ('postgresql', 'db_name', 3, true, false),
  ('postgresql', 'username', 4, true, false),
  ('postgresql', 'password', 5, true, true),
  ('postgresql', 'sslmode', 6, false, false),
  ('dhis2', 'url', 1, true, false),
  ('dhis2', 'username', 2, true, false),
  ('dhis2', 'password', 3, true, true),
  ('dhis2', 'personal_access_token', 4, false, true),
  ('iaso', 'url', 1, true, false),
  ('iaso', 'username', 2, true, false),
  ('iaso', 'password', 3, true, true),
  ('s3', 'bucket_name', 1, true, false),
  ('s3', 'access_key_id', 2, false, false),
  ('s3', 'access_key_secret', 3, false, true),
  ('s3', 'endpoint_url', 4, false, false),
  ('gcs', 'bucket_name', 1, true, false),
  ('gcs', 'service_account_key', 2, true, true);

CREATE TABLE openhexa.connections (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id bigint NOT NULL REFERENCES openhexa.workspaces ON DELETE CASCADE,
  identifier text NOT NULL CHECK (identifier ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' AND pg_catalog.length(identifier) <= 40),
  name text NOT NULL CHECK (name = pg_catalog.btrim(name) AND pg_catalog.length(name) BETWEEN 1 AND 40),
  type text NOT NULL CHECK (type IN ('postgresql', 'dhis2', 'iaso', 's3', 'gcs', 'custom')),
  description text NOT NULL DEFAULT '' CHECK (pg_catalog.length(description) <= 2000),
  created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
  created_by name NOT NULL DEFAULT session_user,
  updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
  updated_by name NOT NULL DEFAULT session_user,
  UNIQUE (workspace_id, identifier)
);

CREATE TABLE openhexa.connection_fields (
  connection_id bigint NOT NULL REFERENCES openhexa.connections ON DELETE CASCADE,
  position int NOT NULL,
  code text NOT NULL CHECK (code ~ '^[A-Za-z0-9_-]{1,30}$'),
  value text NOT NULL CHECK (pg_catalog.length(value) <= 100000),
  secret boolean NOT NULL,
  PRIMARY KEY (connection_id, code)
);

REVOKE ALL ON openhexa.connection_type_fields, openhexa.connections, openhexa.connection_fields FROM PUBLIC;

-- The connection, if the caller holds at least p_min in its workspace.
-- An unknown identifier reads the same to everyone who may look.
CREATE FUNCTION openhexa._connection(p_slug text, p_identifier text, p_min text) RETURNS openhexa.connections
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._require(p_slug, p_min);
  c openhexa.connections;
BEGIN
  SELECT * INTO c FROM openhexa.connections x WHERE x.workspace_id = w.id AND x.identifier = p_identifier;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'workspace "%" has no connection "%"', p_slug, p_identifier USING ERRCODE = '42704';
  END IF;
  RETURN c;
END
$fn$;

CREATE FUNCTION openhexa._check_connection_identifier(p_identifier text) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
  IF p_identifier IS NULL OR p_identifier = '' THEN
    RAISE EXCEPTION 'a connection identifier cannot be empty' USING ERRCODE = '22023';
  END IF;
  IF pg_catalog.length(p_identifier) > 40 THEN
    RAISE EXCEPTION 'a connection identifier has at most 40 characters' USING ERRCODE = '22023';
  END IF;
  IF p_identifier ~ '^[0-9]' THEN
    RAISE EXCEPTION 'the identifier "%" starts with a digit, and so would its environment variables, which shells refuse: start it with a letter', p_identifier
      USING ERRCODE = '22023';
  END IF;
  IF p_identifier !~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' THEN
    RAISE EXCEPTION 'the identifier "%" may have only a-z, 0-9 and single hyphens between them', p_identifier USING ERRCODE = '22023';
  END IF;
END
$fn$;

CREATE FUNCTION openhexa._check_connection_text(p_name text, p_description text) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
  IF p_name IS NULL OR pg_catalog.btrim(p_name) = '' OR pg_catalog.length(pg_catalog.btrim(p_name)) > 40 THEN
    RAISE EXCEPTION 'a connection name has 1 to 40 characters' USING ERRCODE = '22023';
  END IF;
  IF pg_catalog.length(p_description) > 2000 THEN
    RAISE EXCEPTION 'a connection description has at most 2000 characters' USING ERRCODE = '22023';
  END IF;
END
$fn$;

-- Every field as given ([{code, value, secret}], value present), against the
-- rules of the type: each code once (custom codes also once by the
-- environment name they make), the fixed fields of the type only, each with
-- its secret flag, the required ones not blank.
CREATE FUNCTION openhexa._check_connection_fields(p_type text, p_fields jsonb) RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  f jsonb;
  d openhexa.connection_type_fields;
  v_code text;
  v_env text;
  v_seen text[] := '{}';
BEGIN
  IF p_fields IS NULL OR pg_catalog.jsonb_typeof(p_fields) <> 'array' THEN
    RAISE EXCEPTION 'the fields must be a JSON array of {code, value, secret}' USING ERRCODE = '22023';
  END IF;
  FOR f IN SELECT e FROM pg_catalog.jsonb_array_elements(p_fields) e LOOP
    IF pg_catalog.jsonb_typeof(f) <> 'object' OR pg_catalog.jsonb_typeof(f -> 'code') IS DISTINCT FROM 'string'
       OR pg_catalog.jsonb_typeof(f -> 'value') IS DISTINCT FROM 'string' OR pg_catalog.jsonb_typeof(f -> 'secret') IS DISTINCT FROM 'boolean' THEN
      RAISE EXCEPTION 'each field must be {code, value, secret}' USING ERRCODE = '22023';
    END IF;
    v_code := f ->> 'code';
    IF v_code !~ '^[A-Za-z0-9_-]{1,30}$' THEN
      RAISE EXCEPTION 'the field code "%" must have 1 to 30 letters, digits, _ or -', v_code USING ERRCODE = '22023';
    END IF;
    IF pg_catalog.length(f ->> 'value') > 100000 THEN
      RAISE EXCEPTION 'the value of "%" is longer than 100000 characters', v_code USING ERRCODE = '22023';
    END IF;
    v_env := pg_catalog.upper(pg_catalog.replace(v_code, '-', '_'));
    IF v_env = ANY (v_seen) THEN
      RAISE EXCEPTION 'the field "%" is given twice, or makes the same environment variable as another field', v_code USING ERRCODE = '22023';
    END IF;
    v_seen := v_seen || v_env;
    IF p_type = 'custom' THEN
      IF pg_catalog.lower(v_code) IN ('code', 'description') THEN
        RAISE EXCEPTION 'the field code "%" is reserved: choose another', v_code USING ERRCODE = '22023';
      END IF;
    ELSE
      SELECT * INTO d FROM openhexa.connection_type_fields t WHERE t.type = p_type AND t.code = v_code;
      IF NOT FOUND THEN
        RAISE EXCEPTION '"%" is not a field of % connections', v_code, p_type USING ERRCODE = '22023';
      END IF;
      IF d.secret <> (f -> 'secret')::boolean THEN
        RAISE EXCEPTION 'the field "%" of % connections must % secret', v_code, p_type, CASE WHEN d.secret THEN 'be' ELSE 'not be' END
          USING ERRCODE = '22023';
      END IF;
    END IF;
  END LOOP;
  FOR d IN SELECT * FROM openhexa.connection_type_fields t WHERE t.type = p_type AND t.required ORDER BY t.position LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.jsonb_array_elements(p_fields) e
                    WHERE e ->> 'code' = d.code AND pg_catalog.btrim(e ->> 'value') <> '') THEN
      RAISE EXCEPTION 'the field "%" of % connections is required', d.code, p_type USING ERRCODE = '22023';
    END IF;
  END LOOP;
END
$fn$;

CREATE FUNCTION openhexa._write_connection_fields(p_connection bigint, p_fields jsonb) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  DELETE FROM openhexa.connection_fields WHERE connection_id = p_connection;
  INSERT INTO openhexa.connection_fields (connection_id, position, code, value, secret)
  SELECT p_connection, e.n, e.f ->> 'code', e.f ->> 'value', (e.f -> 'secret')::boolean
    FROM pg_catalog.jsonb_array_elements(p_fields) WITH ORDINALITY AS e (f, n);
$fn$;

CREATE FUNCTION openhexa._audit_connection(p_slug text, p_connection bigint, p_action text, p_detail jsonb) RETURNS bigint
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  INSERT INTO openhexa.audit_log (workspace_slug, action, detail, connection_id, xact)
  VALUES (p_slug, p_action, p_detail, p_connection, pg_catalog.pg_current_xact_id())
  RETURNING id
$fn$;

-- Every member: the list, without a single value.
CREATE FUNCTION openhexa.workspace_connections(p_slug text)
RETURNS TABLE (identifier text, name text, type text, description text, updated_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._require(p_slug, 'viewer');
BEGIN
  RETURN QUERY SELECT c.identifier, c.name, c.type, c.description, c.updated_at
                 FROM openhexa.connections c
                WHERE c.workspace_id = w.id
                ORDER BY pg_catalog.lower(c.name), c.identifier;
END
$fn$;

-- Editors and admins: the fields, with the values of those that are not
-- secret; a secret only says whether it is set.
CREATE FUNCTION openhexa.connection_fields(p_slug text, p_identifier text)
RETURNS TABLE (code text, value text, secret boolean, is_set boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  c openhexa.connections := openhexa._connection(p_slug, p_identifier, 'editor');
BEGIN
  RETURN QUERY SELECT f.code, CASE WHEN f.secret THEN NULL ELSE f.value END, f.secret, f.value <> ''
                 FROM openhexa.connection_fields f
                WHERE f.connection_id = c.id
                ORDER BY f.position;
END
$fn$;

-- Step one of reading secrets: records why (reveal, copy, use, test) and
-- returns the record's id. Called on its own (autocommit), the record is
-- committed when it returns.
CREATE FUNCTION openhexa.log_connection_access(p_slug text, p_identifier text, p_action text) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  c openhexa.connections := openhexa._connection(p_slug, p_identifier, 'editor');
BEGIN
  IF p_action IS NULL OR p_action NOT IN ('reveal', 'copy', 'use', 'test') THEN
    RAISE EXCEPTION 'unknown connection access "%" (use reveal, copy, use or test)', p_action USING ERRCODE = '22023';
  END IF;
  RETURN openhexa._audit_connection(p_slug, c.id, 'connection_' || p_action, pg_catalog.jsonb_build_object('identifier', c.identifier));
END
$fn$;

-- Step two: every field with its value, secrets included, only for the
-- caller's own record of the last minute, once that record is committed,
-- and only while the caller is still an editor or admin there.
CREATE FUNCTION openhexa.connection_values(p_record bigint)
RETURNS TABLE (code text, value text, secret boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  a openhexa.audit_log;
  c openhexa.connections;
BEGIN
  SELECT * INTO a FROM openhexa.audit_log l WHERE l.id = p_record;
  IF NOT FOUND OR a.actor <> session_user OR a.connection_id IS NULL
     OR a.action NOT IN ('connection_reveal', 'connection_copy', 'connection_use', 'connection_test')
     OR a.at < pg_catalog.clock_timestamp() - interval '1 minute' THEN
    RAISE EXCEPTION 'no recent access of yours has this number: ask for the values again' USING ERRCODE = '42501';
  END IF;
  IF pg_catalog.pg_xact_status(a.xact) IS DISTINCT FROM 'committed' THEN
    RAISE EXCEPTION 'the record of this access is not committed yet: record it outside a transaction, then ask again'
      USING ERRCODE = '55000';
  END IF;
  SELECT * INTO c FROM openhexa.connections x WHERE x.id = a.connection_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'this connection was deleted' USING ERRCODE = '42704';
  END IF;
  PERFORM openhexa._connection(a.workspace_slug, c.identifier, 'editor');
  RETURN QUERY SELECT f.code, f.value, f.secret FROM openhexa.connection_fields f WHERE f.connection_id = c.id ORDER BY f.position;
END
$fn$;

-- Admins. The identifier is the caller's proposal (the extension makes it
-- from the name); one already used in the workspace takes a short random
-- suffix. Returns the identifier given.
CREATE FUNCTION openhexa.create_connection(p_slug text, p_identifier text, p_name text, p_type text, p_description text, p_fields jsonb) RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._require(p_slug, 'admin');
  v_identifier text := p_identifier;
  v_id bigint;
BEGIN
  PERFORM openhexa._check_connection_identifier(p_identifier);
  PERFORM openhexa._check_connection_text(p_name, p_description);
  IF p_type IS NULL OR p_type NOT IN ('postgresql', 'dhis2', 'iaso', 's3', 'gcs', 'custom') THEN
    RAISE EXCEPTION 'unknown connection type "%" (postgresql, dhis2, iaso, s3, gcs or custom)', p_type USING ERRCODE = '22023';
  END IF;
  PERFORM openhexa._check_connection_fields(p_type, p_fields);
  -- One creation at a time per workspace, so two with the same name get two identifiers.
  PERFORM 1 FROM openhexa.workspaces x WHERE x.id = w.id FOR NO KEY UPDATE;
  WHILE EXISTS (SELECT 1 FROM openhexa.connections x WHERE x.workspace_id = w.id AND x.identifier = v_identifier) LOOP
    v_identifier := pg_catalog.rtrim(pg_catalog.left(p_identifier, 35), '-') || '-'
                    || pg_catalog.substr(pg_catalog.md5(pg_catalog.gen_random_uuid()::text), 1, 4);
  END LOOP;
  INSERT INTO openhexa.connections (workspace_id, identifier, name, type, description)
  VALUES (w.id, v_identifier, pg_catalog.btrim(p_name), p_type, COALESCE(p_description, ''))
  RETURNING id INTO v_id;
  PERFORM openhexa._write_connection_fields(v_id, p_fields);
  PERFORM openhexa._audit_connection(p_slug, v_id, 'create_connection', pg_catalog.jsonb_build_object(
    'identifier', v_identifier, 'type', p_type,
    'fields', (SELECT COALESCE(pg_catalog.jsonb_agg(e ->> 'code'), '[]') FROM pg_catalog.jsonb_array_elements(p_fields) e)));
  RETURN v_identifier;
END
$fn$;

-- Admins. p_fields lists every field the connection keeps, in order; a
-- field given without "value" keeps its stored value (which must exist), so
-- an edit that does not touch a secret never sends it. Fields left out are
-- removed. The type and identifier stay.
CREATE FUNCTION openhexa.update_connection(p_slug text, p_identifier text, p_name text, p_description text, p_fields jsonb) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  c openhexa.connections := openhexa._connection(p_slug, p_identifier, 'admin');
  f jsonb;
  v_stored text;
  v_merged jsonb := '[]';
  v_changed jsonb := '[]';
BEGIN
  PERFORM openhexa._check_connection_text(p_name, p_description);
  IF p_fields IS NULL OR pg_catalog.jsonb_typeof(p_fields) <> 'array' THEN
    RAISE EXCEPTION 'the fields must be a JSON array of {code, value, secret}' USING ERRCODE = '22023';
  END IF;
  -- Concurrent edits apply one after the other.
  PERFORM 1 FROM openhexa.connections x WHERE x.id = c.id FOR UPDATE;
  FOR f IN SELECT e FROM pg_catalog.jsonb_array_elements(p_fields) e LOOP
    IF pg_catalog.jsonb_typeof(f) = 'object' AND NOT (f ? 'value') THEN
      SELECT x.value INTO v_stored FROM openhexa.connection_fields x WHERE x.connection_id = c.id AND x.code = f ->> 'code';
      IF NOT FOUND THEN
        RAISE EXCEPTION 'the field "%" has no stored value to keep: give its value', f ->> 'code' USING ERRCODE = '22023';
      END IF;
      f := f || pg_catalog.jsonb_build_object('value', v_stored);
    ELSE
      v_changed := v_changed || pg_catalog.to_jsonb(f ->> 'code');
    END IF;
    v_merged := v_merged || pg_catalog.jsonb_build_array(f);
  END LOOP;
  PERFORM openhexa._check_connection_fields(c.type, v_merged);
  UPDATE openhexa.connections
     SET name = pg_catalog.btrim(p_name), description = COALESCE(p_description, ''),
         updated_at = pg_catalog.now(), updated_by = session_user
   WHERE id = c.id;
  PERFORM openhexa._write_connection_fields(c.id, v_merged);
  PERFORM openhexa._audit_connection(p_slug, c.id, 'update_connection', pg_catalog.jsonb_build_object(
    'identifier', c.identifier, 'changed', v_changed,
    'fields', (SELECT COALESCE(pg_catalog.jsonb_agg(e ->> 'code'), '[]') FROM pg_catalog.jsonb_array_elements(v_merged) e)));
END
$fn$;

-- Admins: the explicit change of an identifier (its environment variables
-- and the notebooks that read them break). The new one must be free.
CREATE FUNCTION openhexa.change_connection_identifier(p_slug text, p_identifier text, p_new text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  c openhexa.connections := openhexa._connection(p_slug, p_identifier, 'admin');
BEGIN
  PERFORM openhexa._check_connection_identifier(p_new);
  IF EXISTS (SELECT 1 FROM openhexa.connections x WHERE x.workspace_id = c.workspace_id AND x.identifier = p_new AND x.id <> c.id) THEN
    RAISE EXCEPTION 'workspace "%" already has a connection "%"', p_slug, p_new USING ERRCODE = '23505';
  END IF;
  UPDATE openhexa.connections SET identifier = p_new, updated_at = pg_catalog.now(), updated_by = session_user WHERE id = c.id;
  PERFORM openhexa._audit_connection(p_slug, c.id, 'change_connection_identifier',
    pg_catalog.jsonb_build_object('identifier', p_new, 'previous', c.identifier));
END
$fn$;

CREATE FUNCTION openhexa.delete_connection(p_slug text, p_identifier text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  c openhexa.connections := openhexa._connection(p_slug, p_identifier, 'admin');
BEGIN
  DELETE FROM openhexa.connections WHERE id = c.id;
  PERFORM openhexa._audit_connection(p_slug, c.id, 'delete_connection',
    pg_catalog.jsonb_build_object('identifier', c.identifier, 'type', c.type));
END
$fn$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA openhexa FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
  openhexa.workspace_connections(text),
  openhexa.connection_fields(text, text),
  openhexa.log_connection_access(text, text, text),
  openhexa.connection_values(bigint),
  openhexa.create_connection(text, text, text, text, text, jsonb),
  openhexa.update_connection(text, text, text, text, jsonb),
  openhexa.change_connection_identifier(text, text, text),
  openhexa.delete_connection(text, text)
TO openhexa_member, openhexa_platform_admin;
`;

export const m003Connections: Migration = { version: 3, name: 'workspace connections', sql: M003_CONNECTIONS };
