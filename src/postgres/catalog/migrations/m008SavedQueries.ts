/**
 * Migration 8 (0.4.0): Data Studio for a team — saved queries and the run
 * history (docs/architecture.md §3).
 *
 * Saved queries follow OpenHEXA's Data Studio (openhexa-app `data_studio/`):
 * - any member saves one, private until its author shares it with the
 *   workspace (visibility PRIVATE or WORKSPACE);
 * - a private query is its author's alone: no role, not a workspace admin
 *   nor a platform admin, reads it through any function here, and an
 *   unknown slug and another member's private one read the same;
 * - the author, or an editor or admin when it is shared, edits and deletes;
 *   only the author changes the visibility;
 * - a slug made from the name as OpenHEXA makes it (lower case ASCII words
 *   joined by hyphens, "query" when nothing is left, a 6-hex suffix when
 *   taken), unique across workspaces and kept on rename;
 * - a revision number: an edit of the SQL names the revision it started
 *   from, and one made since by someone else is refused (40001), so a
 *   query edited elsewhere is not silently overwritten.
 *
 * The history logs each run of the console (who, workspace, SQL, writes or
 * not, status, duration, rows, SQLSTATE). It is written by the member's
 * client on the catalog's connection after the run, so it is committed
 * whatever the run's own transaction did, and costs the run's connection
 * nothing; being written by the client, it is a convenience for the member
 * and an overview for the admin, not an audit trail (PostgreSQL's own log
 * is that). The login on a row is always session_user: nobody logs a run
 * in another member's name. A member reads their own runs; a workspace
 * admin reads the workspace's, except the SQL of another member's runs of
 * their private queries. Rows older than the server's retention (a
 * setting, default 90 days, changed by a platform admin) are never
 * returned and are deleted as new runs are logged.
 */
import type { Migration } from './migration';

const M008_SAVED_QUERIES = String.raw`
CREATE TABLE openhexa.saved_queries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id bigint NOT NULL REFERENCES openhexa.workspaces ON DELETE CASCADE,
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND pg_catalog.length(slug) <= 255),
  name text NOT NULL CHECK (name = pg_catalog.btrim(name) AND pg_catalog.length(name) BETWEEN 1 AND 255),
  description text NOT NULL DEFAULT '' CHECK (pg_catalog.length(description) <= 2000),
  sql text NOT NULL CHECK (pg_catalog.length(sql) <= 1000000),
  visibility text NOT NULL DEFAULT 'PRIVATE' CHECK (visibility IN ('PRIVATE', 'WORKSPACE')),
  author name NOT NULL DEFAULT session_user,
  created_at timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
  updated_by name NOT NULL DEFAULT session_user,
  revision integer NOT NULL DEFAULT 1
);
CREATE INDEX saved_queries_workspace ON openhexa.saved_queries (workspace_id, author);

CREATE TABLE openhexa.query_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id bigint NOT NULL REFERENCES openhexa.workspaces ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
  login name NOT NULL DEFAULT session_user,
  sql text NOT NULL,
  sql_truncated boolean NOT NULL DEFAULT false,
  -- The run came from the author's private query: its SQL is the author's alone.
  sql_private boolean NOT NULL DEFAULT false,
  saved_query_id bigint REFERENCES openhexa.saved_queries ON DELETE SET NULL,
  origin text NOT NULL CHECK (origin IN ('console', 'notebook')),
  writes boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('success', 'error', 'cancelled')),
  error_code text CHECK (error_code ~ '^[0-9A-Z]{5}$'),
  duration_ms integer CHECK (duration_ms >= 0),
  row_count bigint CHECK (row_count >= 0)
);
CREATE INDEX query_log_member ON openhexa.query_log (workspace_id, login, at DESC);
CREATE INDEX query_log_at ON openhexa.query_log (at);

-- One row: the server's settings for the history.
CREATE TABLE openhexa.query_log_settings (
  single boolean PRIMARY KEY DEFAULT true CHECK (single),
  retention_days integer NOT NULL DEFAULT 90 CHECK (retention_days BETWEEN 1 AND 3650)
);
INSERT INTO openhexa.query_log_settings DEFAULT VALUES;

REVOKE ALL ON openhexa.saved_queries, openhexa.query_log, openhexa.query_log_settings FROM PUBLIC;

-- OpenHEXA's slug (python-slugify): accents dropped, lower case, runs of
-- anything else made one hyphen, at most 255 characters, "query" if empty.
-- (python-slugify also spells other scripts in Latin letters; here what is
-- left after the accents go must be ASCII, or it is dropped.)
CREATE FUNCTION openhexa._query_slug_base(p_name text) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  v text := p_name;
BEGIN
  IF pg_catalog.getdatabaseencoding() = 'UTF8' THEN
    -- Letters and their accents apart; what is not ASCII then goes.
    v := pg_catalog.regexp_replace(pg_catalog.normalize(v, 'NFKD'), '[^\x01-\x7f]+', '', 'g');
  END IF;
  v := pg_catalog.regexp_replace(pg_catalog.lower(v), '[^a-z0-9]+', '-', 'g');
  v := pg_catalog.btrim(pg_catalog.left(pg_catalog.btrim(v, '-'), 255), '-');
  RETURN CASE WHEN v = '' THEN 'query' ELSE v END;
END
$fn$;

CREATE FUNCTION openhexa._new_query_slug(p_name text) RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  v_base text := openhexa._query_slug_base(p_name);
  v_slug text := v_base;
BEGIN
  FOR i IN 1..8 LOOP
    IF NOT EXISTS (SELECT 1 FROM openhexa.saved_queries q WHERE q.slug = v_slug) THEN
      RETURN v_slug;
    END IF;
    v_slug := pg_catalog.btrim(pg_catalog.left(v_base, 248), '-') || '-'
              || pg_catalog.left(pg_catalog.replace(pg_catalog.gen_random_uuid()::text, '-', ''), 6);
  END LOOP;
  RAISE EXCEPTION 'could not find a free identifier for the query "%": try another name', p_name USING ERRCODE = '23505';
END
$fn$;

CREATE FUNCTION openhexa._check_query_text(p_name text, p_description text, p_sql text) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
  IF p_name IS NOT NULL AND (pg_catalog.btrim(p_name) = '' OR pg_catalog.length(pg_catalog.btrim(p_name)) > 255) THEN
    RAISE EXCEPTION 'a query name has 1 to 255 characters' USING ERRCODE = '22023';
  END IF;
  IF pg_catalog.length(p_description) > 2000 THEN
    RAISE EXCEPTION 'a query description has at most 2000 characters' USING ERRCODE = '22023';
  END IF;
  IF pg_catalog.length(p_sql) > 1000000 THEN
    RAISE EXCEPTION 'a saved query has at most 1000000 characters' USING ERRCODE = '22023';
  END IF;
END
$fn$;

CREATE FUNCTION openhexa._check_visibility(p_visibility text) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
  IF p_visibility IS NULL OR p_visibility NOT IN ('PRIVATE', 'WORKSPACE') THEN
    RAISE EXCEPTION 'a query is PRIVATE or WORKSPACE, not "%"', p_visibility USING ERRCODE = '22023';
  END IF;
END
$fn$;

-- The query if the caller may read it: a member of its workspace, and its
-- author or it is shared. Unknown and private read the same.
CREATE FUNCTION openhexa._saved_query(w openhexa.workspaces, p_query text) RETURNS openhexa.saved_queries
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  q openhexa.saved_queries;
BEGIN
  SELECT * INTO q FROM openhexa.saved_queries x
   WHERE x.workspace_id = w.id AND x.slug = p_query AND (x.visibility = 'WORKSPACE' OR x.author = session_user);
  IF NOT FOUND THEN
    RAISE EXCEPTION 'workspace "%" has no query "%" you may read', w.slug, p_query USING ERRCODE = '42704';
  END IF;
  RETURN q;
END
$fn$;

-- Its author edits a query; editors and admins edit a shared one too.
CREATE FUNCTION openhexa._may_edit_query(w openhexa.workspaces, q openhexa.saved_queries) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  SELECT q.author = session_user OR (q.visibility = 'WORKSPACE' AND openhexa._rank(openhexa._role_in(w.db_name)) >= openhexa._rank('editor'))
$fn$;

CREATE FUNCTION openhexa._query_log_cutoff() RETURNS timestamptz
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  SELECT pg_catalog.now() - pg_catalog.make_interval(days => s.retention_days) FROM openhexa.query_log_settings s
$fn$;

-- Every member: the shared queries and their own, without the SQL.
CREATE FUNCTION openhexa.workspace_queries(p_slug text)
RETURNS TABLE (slug text, name text, description text, visibility text, author text, updated_at timestamptz, updated_by text, revision integer, can_edit boolean, is_author boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._require(p_slug, 'viewer');
BEGIN
  RETURN QUERY SELECT q.slug, q.name, q.description, q.visibility, q.author::text, q.updated_at, q.updated_by::text, q.revision,
                      openhexa._may_edit_query(w, q), q.author = session_user
                 FROM openhexa.saved_queries q
                WHERE q.workspace_id = w.id AND (q.visibility = 'WORKSPACE' OR q.author = session_user)
                ORDER BY pg_catalog.lower(q.name), q.slug;
END
$fn$;

-- One query with its SQL, if the caller may read it.
CREATE FUNCTION openhexa.saved_query(p_slug text, p_query text)
RETURNS TABLE (slug text, name text, description text, sql text, visibility text, author text, updated_at timestamptz, updated_by text, revision integer, can_edit boolean, is_author boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._require(p_slug, 'viewer');
  q openhexa.saved_queries := openhexa._saved_query(w, p_query);
BEGIN
  RETURN QUERY SELECT q.slug, q.name, q.description, q.sql, q.visibility, q.author::text, q.updated_at, q.updated_by::text, q.revision,
                      openhexa._may_edit_query(w, q), q.author = session_user;
END
$fn$;

-- Every member. Returns the slug the query got.
CREATE FUNCTION openhexa.create_saved_query(p_slug text, p_name text, p_description text, p_sql text, p_visibility text) RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._require(p_slug, 'viewer');
  v_slug text;
BEGIN
  IF p_name IS NULL OR p_sql IS NULL THEN
    RAISE EXCEPTION 'a query needs a name and its SQL' USING ERRCODE = '22023';
  END IF;
  PERFORM openhexa._check_query_text(p_name, p_description, p_sql);
  PERFORM openhexa._check_visibility(COALESCE(p_visibility, 'PRIVATE'));
  v_slug := openhexa._new_query_slug(pg_catalog.btrim(p_name));
  INSERT INTO openhexa.saved_queries (workspace_id, slug, name, description, sql, visibility)
  VALUES (w.id, v_slug, pg_catalog.btrim(p_name), COALESCE(p_description, ''), p_sql, COALESCE(p_visibility, 'PRIVATE'));
  PERFORM openhexa._audit(p_slug, 'create_saved_query', pg_catalog.jsonb_build_object('query', v_slug));
  RETURN v_slug;
END
$fn$;

-- The author, or an editor or admin for a shared query. A NULL keeps the
-- value. A new SQL names the revision it was written on: a later one
-- (someone else's save) is refused. Returns the new revision.
CREATE FUNCTION openhexa.update_saved_query(p_slug text, p_query text, p_name text, p_description text, p_sql text, p_revision integer) RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._require(p_slug, 'viewer');
  q openhexa.saved_queries;
BEGIN
  SELECT * INTO q FROM openhexa.saved_queries x WHERE x.id = (openhexa._saved_query(w, p_query)).id FOR UPDATE;
  IF NOT openhexa._may_edit_query(w, q) THEN
    RAISE EXCEPTION 'only its author%may change the query "%"', CASE WHEN q.visibility = 'WORKSPACE' THEN ', an editor or an admin ' ELSE ' ' END, q.name
      USING ERRCODE = '42501';
  END IF;
  PERFORM openhexa._check_query_text(p_name, p_description, p_sql);
  IF p_sql IS NOT NULL AND (p_revision IS NULL OR p_revision <> q.revision) THEN
    RAISE EXCEPTION 'the query "%" was changed by % at % since you opened it', q.name, q.updated_by, q.updated_at
      USING ERRCODE = '40001', DETAIL = 'revision ' || q.revision;
  END IF;
  UPDATE openhexa.saved_queries x
     SET name = COALESCE(pg_catalog.btrim(p_name), x.name),
         description = COALESCE(p_description, x.description),
         sql = COALESCE(p_sql, x.sql),
         updated_at = pg_catalog.clock_timestamp(),
         updated_by = session_user,
         revision = x.revision + 1
   WHERE x.id = q.id;
  PERFORM openhexa._audit(p_slug, 'update_saved_query', pg_catalog.jsonb_build_object('query', q.slug));
  RETURN q.revision + 1;
END
$fn$;

-- The author only: sharing is not part of the edit rights (an editor making
-- a shared query private would hand it to its author and lose it).
CREATE FUNCTION openhexa.set_saved_query_visibility(p_slug text, p_query text, p_visibility text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._require(p_slug, 'viewer');
  q openhexa.saved_queries := openhexa._saved_query(w, p_query);
BEGIN
  PERFORM openhexa._check_visibility(p_visibility);
  IF q.author <> session_user THEN
    RAISE EXCEPTION 'only its author may share the query "%" or make it private', q.name USING ERRCODE = '42501';
  END IF;
  IF q.visibility <> p_visibility THEN
    UPDATE openhexa.saved_queries x
       SET visibility = p_visibility, updated_at = pg_catalog.clock_timestamp(), updated_by = session_user
     WHERE x.id = q.id;
    PERFORM openhexa._audit(p_slug, 'set_saved_query_visibility', pg_catalog.jsonb_build_object('query', q.slug, 'visibility', p_visibility));
  END IF;
END
$fn$;

CREATE FUNCTION openhexa.delete_saved_query(p_slug text, p_query text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._require(p_slug, 'viewer');
  q openhexa.saved_queries := openhexa._saved_query(w, p_query);
BEGIN
  IF NOT openhexa._may_edit_query(w, q) THEN
    RAISE EXCEPTION 'only its author%may delete the query "%"', CASE WHEN q.visibility = 'WORKSPACE' THEN ', an editor or an admin ' ELSE ' ' END, q.name
      USING ERRCODE = '42501';
  END IF;
  DELETE FROM openhexa.saved_queries x WHERE x.id = q.id;
  PERFORM openhexa._audit(p_slug, 'delete_saved_query', pg_catalog.jsonb_build_object('query', q.slug));
END
$fn$;

-- Every member logs their own runs. A saved query the caller may not read
-- is not linked (the run is logged all the same).
CREATE FUNCTION openhexa.log_query_run(p_slug text, p_sql text, p_origin text, p_writes boolean, p_status text, p_error_code text,
                                       p_duration_ms integer, p_rows bigint, p_query text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._require(p_slug, 'viewer');
  q openhexa.saved_queries;
BEGIN
  IF p_sql IS NULL OR p_writes IS NULL THEN
    RAISE EXCEPTION 'a run is logged with its SQL and whether it could write' USING ERRCODE = '22023';
  END IF;
  IF p_origin IS NULL OR p_origin NOT IN ('console', 'notebook') THEN
    RAISE EXCEPTION 'a run comes from the console or a notebook, not "%"', p_origin USING ERRCODE = '22023';
  END IF;
  IF p_status IS NULL OR p_status NOT IN ('success', 'error', 'cancelled') THEN
    RAISE EXCEPTION 'a run ends in success, error or cancelled, not "%"', p_status USING ERRCODE = '22023';
  END IF;
  IF p_error_code !~ '^[0-9A-Z]{5}$' THEN
    RAISE EXCEPTION 'an error code is a SQLSTATE (5 characters), not "%"', p_error_code USING ERRCODE = '22023';
  END IF;
  IF p_query IS NOT NULL THEN
    SELECT * INTO q FROM openhexa.saved_queries x
     WHERE x.workspace_id = w.id AND x.slug = p_query AND (x.visibility = 'WORKSPACE' OR x.author = session_user);
  END IF;
  INSERT INTO openhexa.query_log (workspace_id, sql, sql_truncated, sql_private, saved_query_id, origin, writes, status, error_code, duration_ms, row_count)
  VALUES (w.id, pg_catalog.left(p_sql, 100000), pg_catalog.length(p_sql) > 100000, COALESCE(q.visibility = 'PRIVATE', false), q.id, p_origin, p_writes,
          p_status, p_error_code, p_duration_ms, p_rows);
  -- Retention: one logger at a time deletes what expired; the others go on.
  IF pg_catalog.pg_try_advisory_xact_lock(7008, 1) THEN
    DELETE FROM openhexa.query_log l WHERE l.at < openhexa._query_log_cutoff();
  END IF;
END
$fn$;

-- A member's own runs in a workspace, newest first; p_search is plain text
-- found anywhere in the SQL, case aside.
CREATE FUNCTION openhexa.my_query_history(p_slug text, p_search text, p_limit integer)
RETURNS TABLE (id bigint, at timestamptz, sql text, sql_truncated boolean, origin text, writes boolean, status text, error_code text, duration_ms integer, row_count bigint, query text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._require(p_slug, 'viewer');
BEGIN
  RETURN QUERY SELECT l.id, l.at, l.sql, l.sql_truncated, l.origin, l.writes, l.status, l.error_code, l.duration_ms, l.row_count,
                      (SELECT q.slug FROM openhexa.saved_queries q WHERE q.id = l.saved_query_id AND (q.visibility = 'WORKSPACE' OR q.author = session_user))
                 FROM openhexa.query_log l
                WHERE l.workspace_id = w.id AND l.login = session_user AND l.at >= openhexa._query_log_cutoff()
                  AND (COALESCE(p_search, '') = '' OR pg_catalog.strpos(pg_catalog.lower(l.sql), pg_catalog.lower(p_search)) > 0)
                ORDER BY l.at DESC, l.id DESC
                LIMIT GREATEST(1, LEAST(COALESCE(p_limit, 200), 1000));
END
$fn$;

-- Workspace admins: everyone's runs; the SQL of another member's run of
-- their private query stays theirs (NULL).
CREATE FUNCTION openhexa.workspace_query_log(p_slug text, p_search text, p_limit integer)
RETURNS TABLE (id bigint, at timestamptz, login text, sql text, sql_truncated boolean, origin text, writes boolean, status text, error_code text, duration_ms integer, row_count bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._require(p_slug, 'admin');
BEGIN
  RETURN QUERY SELECT l.id, l.at, l.login::text, CASE WHEN l.sql_private AND l.login <> session_user THEN NULL ELSE l.sql END,
                      l.sql_truncated, l.origin, l.writes, l.status, l.error_code, l.duration_ms, l.row_count
                 FROM openhexa.query_log l
                WHERE l.workspace_id = w.id AND l.at >= openhexa._query_log_cutoff()
                  AND (COALESCE(p_search, '') = ''
                       OR pg_catalog.strpos(pg_catalog.lower(l.login), pg_catalog.lower(p_search)) > 0
                       OR (NOT (l.sql_private AND l.login <> session_user) AND pg_catalog.strpos(pg_catalog.lower(l.sql), pg_catalog.lower(p_search)) > 0))
                ORDER BY l.at DESC, l.id DESC
                LIMIT GREATEST(1, LEAST(COALESCE(p_limit, 200), 1000));
END
$fn$;

CREATE FUNCTION openhexa.query_history_retention() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  SELECT s.retention_days FROM openhexa.query_log_settings s
$fn$;

CREATE FUNCTION openhexa.set_query_history_retention(p_days integer) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
  PERFORM openhexa._require_platform_admin();
  IF p_days IS NULL OR p_days < 1 OR p_days > 3650 THEN
    RAISE EXCEPTION 'the history is kept 1 to 3650 days' USING ERRCODE = '22023';
  END IF;
  UPDATE openhexa.query_log_settings SET retention_days = p_days;
  DELETE FROM openhexa.query_log l WHERE l.at < openhexa._query_log_cutoff();
  PERFORM openhexa._audit(NULL, 'set_query_history_retention', pg_catalog.jsonb_build_object('days', p_days));
END
$fn$;

REVOKE ALL ON FUNCTION
  openhexa._query_slug_base(text), openhexa._new_query_slug(text), openhexa._check_query_text(text, text, text),
  openhexa._check_visibility(text), openhexa._saved_query(openhexa.workspaces, text),
  openhexa._may_edit_query(openhexa.workspaces, openhexa.saved_queries), openhexa._query_log_cutoff(),
  openhexa.workspace_queries(text), openhexa.saved_query(text, text), openhexa.create_saved_query(text, text, text, text, text),
  openhexa.update_saved_query(text, text, text, text, text, integer), openhexa.set_saved_query_visibility(text, text, text),
  openhexa.delete_saved_query(text, text), openhexa.log_query_run(text, text, text, boolean, text, text, integer, bigint, text),
  openhexa.my_query_history(text, text, integer), openhexa.workspace_query_log(text, text, integer),
  openhexa.query_history_retention(), openhexa.set_query_history_retention(integer)
FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
  openhexa.workspace_queries(text), openhexa.saved_query(text, text), openhexa.create_saved_query(text, text, text, text, text),
  openhexa.update_saved_query(text, text, text, text, text, integer), openhexa.set_saved_query_visibility(text, text, text),
  openhexa.delete_saved_query(text, text), openhexa.log_query_run(text, text, text, boolean, text, text, integer, bigint, text),
  openhexa.my_query_history(text, text, integer), openhexa.workspace_query_log(text, text, integer),
  openhexa.query_history_retention(), openhexa.set_query_history_retention(integer)
TO openhexa_member, openhexa_platform_admin;
`;

export const m008SavedQueries: Migration = { version: 8, name: 'saved queries and the run history', sql: M008_SAVED_QUERIES };
