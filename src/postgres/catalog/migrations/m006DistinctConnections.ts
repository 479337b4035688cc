/**
 * Migration 6 (0.3.0): connections a member can tell apart, whose variables
 * never mix.
 *
 * - Two connections of a workspace may not share a name (compared as people
 *   read them: trimmed, whatever the case), as workspaces may not.
 * - An identifier may not make a prefix of another's variables: with
 *   `sandbox` and `sandbox-read-only`, the OpenHEXA SDK reads every
 *   SANDBOX_* variable as a field of the custom connection SANDBOX, so it
 *   would get SANDBOX_READ_ONLY_PASSWORD too. Checked for a new connection
 *   and a changed identifier (pairs made before stay, and keep working).
 * - The short suffix that makes a taken identifier unique is glued on
 *   (`polio3f2a`), not joined with a hyphen (`polio-3f2a` would make a
 *   prefix of the first one's variables).
 *
 * Triggers, so a row written by hand is refused too.
 */
import type { Migration } from './migration';

const M006_DISTINCT_CONNECTIONS = String.raw`
CREATE FUNCTION openhexa._connections_distinct_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  o openhexa.connections;
  v_mine text := openhexa._env_part(NEW.identifier);
BEGIN
  IF TG_OP = 'INSERT' OR pg_catalog.lower(pg_catalog.btrim(NEW.name)) <> pg_catalog.lower(pg_catalog.btrim(OLD.name)) THEN
    SELECT * INTO o FROM openhexa.connections x
     WHERE x.workspace_id = NEW.workspace_id AND x.id <> NEW.id
       AND pg_catalog.lower(pg_catalog.btrim(x.name)) = pg_catalog.lower(pg_catalog.btrim(NEW.name))
     LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'the workspace already has a connection named "%" (%): choose another name', o.name, o.identifier USING ERRCODE = '23505';
    END IF;
  END IF;
  IF TG_OP = 'INSERT' OR NEW.identifier <> OLD.identifier THEN
    SELECT * INTO o FROM openhexa.connections x
     WHERE x.workspace_id = NEW.workspace_id AND x.id <> NEW.id
       AND (pg_catalog.starts_with(openhexa._env_part(x.identifier), v_mine || '_')
            OR pg_catalog.starts_with(v_mine, openhexa._env_part(x.identifier) || '_'))
     LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'the identifier "%" would mix its variables with those of "%": the OpenHEXA SDK reads every variable that starts with one''s prefix as a field of it; choose another identifier',
        NEW.identifier, o.identifier USING ERRCODE = '23505';
    END IF;
  END IF;
  RETURN NEW;
END
$fn$;

CREATE TRIGGER connections_distinct_guard BEFORE INSERT OR UPDATE OF name, identifier ON openhexa.connections
  FOR EACH ROW EXECUTE FUNCTION openhexa._connections_distinct_guard();

-- As in migration 3, with the suffix glued on.
CREATE OR REPLACE FUNCTION openhexa.create_connection(p_slug text, p_identifier text, p_name text, p_type text, p_description text, p_fields jsonb) RETURNS text
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
    v_identifier := pg_catalog.left(p_identifier, 36) || pg_catalog.substr(pg_catalog.md5(pg_catalog.gen_random_uuid()::text), 1, 4);
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

REVOKE ALL ON FUNCTION openhexa._connections_distinct_guard() FROM PUBLIC;
`;

export const m006DistinctConnections: Migration = { version: 6, name: 'distinct connection names and identifiers', sql: M006_DISTINCT_CONNECTIONS };
