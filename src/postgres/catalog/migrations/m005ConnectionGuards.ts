/**
 * Migration 5 (0.3.0): what a workspace admin writes must not run on other
 * members' machines, nor read their secrets without a trace.
 *
 * - A connection's variables (PREFIX, PREFIX_<FIELD>) land in members'
 *   .env files and terminals. None may be a variable that a program there
 *   reads for its own behaviour (PROMPT_COMMAND, BASH_ENV, LD_PRELOAD,
 *   NODE_OPTIONS, GIT_SSH_COMMAND, PATH, PG*, HTTPS_PROXY…). The list is
 *   the extension's (src/core/env/reservedEnvNames.ts, where each family
 *   names its source; a unit test compares the two), kept in a table, and
 *   triggers refuse a connection or a field that would make one, so a row
 *   written by hand or by another client is refused too. Rows made before
 *   this migration stay; the extension refuses to export them.
 * - A PostgreSQL connection's sslmode is one of libpq's six (an unknown one
 *   was read as "prefer" and let a test pass over plain TCP).
 * - update_connection: a kept secret (no value sent) cannot be made a plain
 *   field, which would hand its value to every editor through
 *   connection_fields with no record of a reveal; to make it plain, type its
 *   value again. The audit row's "changed" lists secret-flag changes too.
 */
import type { Migration } from './migration';

const M005_CONNECTION_GUARDS = String.raw`
CREATE TABLE openhexa.reserved_env_names (
  name text PRIMARY KEY CHECK (name ~ '^[A-Z][A-Z0-9_]*$'),
  prefix boolean NOT NULL,
  read_by text NOT NULL
);

INSERT INTO openhexa.reserved_env_names (name, prefix, read_by)
SELECT n.name, n.prefix, f.read_by
  FROM (VALUES
    ('Python, pip, Jupyter and matplotlib',
     ARRAY['REQUESTS_CA_BUNDLE', 'VIRTUAL_ENV']::text[],
     ARRAY['CONDA', 'IPYTHON', 'JUPYTER', 'MPL', 'PIPX_', 'PIP_', 'PYENV', 'PYTHON']::text[]),
    ('the dynamic loader and the C library',
     ARRAY['GCONV_PATH', 'GETCONF_DIR', 'GLIBC_TUNABLES', 'HOSTALIASES', 'LOCALDOMAIN', 'LOCPATH', 'NIS_PATH', 'RESOLV_HOST_CONF', 'RES_OPTIONS']::text[],
     ARRAY['DYLD_', 'LD_', 'MALLOC_']::text[]),
    ('the operating system and most programs',
     ARRAY['APPDATA', 'BROWSER', 'COLUMNS', 'COMSPEC', 'DATEMSK', 'DEBUG', 'DISPLAY', 'EDITOR', 'HOME', 'LANG', 'LANGUAGE', 'LINES', 'LOCALAPPDATA', 'LOGNAME', 'MAIL', 'MAILCHECK', 'MAILPATH', 'MSGVERB', 'NLSPATH', 'OLDPWD', 'PAGER', 'PATH', 'PATHEXT', 'POSIXLY_CORRECT', 'PROGRAMDATA', 'PROGRAMFILES', 'PSMODULEPATH', 'PWD', 'SHELL', 'SHLVL', 'SYSTEMDRIVE', 'SYSTEMROOT', 'TEMP', 'TERM', 'TERMCAP', 'TERMINFO', 'TERMINFO_DIRS', 'TMP', 'TMPDIR', 'TZ', 'TZDIR', 'USER', 'USERNAME', 'USERPROFILE', 'VISUAL', 'WINDIR']::text[],
     ARRAY['DBUS_', 'LC_', 'SUDO_', 'XDG_']::text[]),
    ('shells (bash, sh, zsh)',
     ARRAY['CDPATH', 'CHILD_MAX', 'EMACS', 'ENV', 'EXECIGNORE', 'FCEDIT', 'FIGNORE', 'FPATH', 'FUNCNEST', 'GLOBIGNORE', 'GLOBSORT', 'HISTCHARS', 'HISTCMD', 'HISTCONTROL', 'HISTFILE', 'HISTFILESIZE', 'HISTIGNORE', 'HISTORY_IGNORE', 'HISTSIZE', 'HISTTIMEFORMAT', 'HOSTFILE', 'IFS', 'INPUTRC', 'INSIDE_EMACS', 'KEYTIMEOUT', 'MANOPT', 'MANPAGER', 'MANPATH', 'MODULE_PATH', 'NULLCMD', 'OPTARG', 'OPTIND', 'POSTEDIT', 'PROMPT', 'PROMPT2', 'PROMPT3', 'PROMPT4', 'PS0', 'PS1', 'PS2', 'PS3', 'PS4', 'READNULLCMD', 'RPROMPT', 'RPROMPT2', 'RPS1', 'RPS2', 'SHELLOPTS', 'STTY', 'TIMEFORMAT', 'TMOUT', 'TMPPREFIX', 'WORDCHARS', 'ZDOTDIR']::text[],
     ARRAY['BASH', 'COMP_', 'LESS', 'PROMPT_', 'ZLE_', 'ZSH']::text[]),
    ('HTTP clients and TLS libraries (proxies, trusted certificates)',
     ARRAY['ALL_PROXY', 'FTP_PROXY', 'HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'SSL_CERT_DIR', 'SSL_CERT_FILE', 'WGETRC']::text[],
     ARRAY['CURL_', 'OPENSSL_']::text[]),
    ('Node.js and its package managers',
     ARRAY['SSLKEYLOGFILE']::text[],
     ARRAY['COREPACK_', 'ELECTRON_', 'NODE_', 'NPM_CONFIG_', 'UV_', 'VSCODE_', 'YARN_']::text[]),
    ('build tools and containers',
     ARRAY['CC', 'CFLAGS', 'CPP', 'CPPFLAGS', 'CXX', 'CXXFLAGS', 'KUBECONFIG', 'LDFLAGS', 'LIBS', 'MAKE', 'MAKEFLAGS', 'MFLAGS']::text[],
     ARRAY['CARGO_', 'DOCKER_', 'KRB5', 'PKG_CONFIG', 'RUST']::text[]),
    ('the OpenHEXA SDK itself',
     ARRAY[]::text[],
     ARRAY['HEXA_', 'WORKSPACE_']::text[]),
    ('Java and its build tools',
     ARRAY['CLASSPATH']::text[],
     ARRAY['GRADLE_', 'JAVA_', 'JDK_', 'JRE_', 'MAVEN_']::text[]),
    ('cloud SDKs (boto3, the AWS and Google Cloud tools)',
     ARRAY[]::text[],
     ARRAY['AWS_', 'AZURE_', 'BOTO', 'CLOUDSDK_', 'GCLOUD_', 'GOOGLE_']::text[]),
    ('ssh and GnuPG',
     ARRAY['GNUPGHOME']::text[],
     ARRAY['GPG_', 'SSH_']::text[]),
    ('R',
     ARRAY[]::text[],
     ARRAY['RSTUDIO', 'R_']::text[]),
    ('Ruby and its gems',
     ARRAY[]::text[],
     ARRAY['BUNDLE', 'GEM_', 'RUBY']::text[]),
    ('git',
     ARRAY[]::text[],
     ARRAY['GIT_']::text[]),
    ('Perl',
     ARRAY[]::text[],
     ARRAY['PERL']::text[]),
    ('libpq (psql, psycopg2, RPostgres)',
     ARRAY[]::text[],
     ARRAY['PG', 'PSQL']::text[])
  ) AS f (read_by, names, prefixes)
  CROSS JOIN LATERAL (SELECT x, false FROM pg_catalog.unnest(f.names) x
                      UNION ALL SELECT x, true FROM pg_catalog.unnest(f.prefixes) x) AS n (name, prefix);

-- Variables a type makes besides one per field (the registry's derivedEnvCodes).
CREATE TABLE openhexa.connection_type_derived_env (
  type text NOT NULL,
  code text NOT NULL,
  PRIMARY KEY (type, code)
);
INSERT INTO openhexa.connection_type_derived_env (type, code) VALUES ('postgresql', 'url');

REVOKE ALL ON openhexa.reserved_env_names, openhexa.connection_type_derived_env FROM PUBLIC;

-- stringcase's constcase, as the extension and the OpenHEXA SDK name variables.
CREATE FUNCTION openhexa._env_part(p_text text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
  SELECT pg_catalog.upper(pg_catalog.regexp_replace(pg_catalog.lower(p_text), '[-.[:space:]]', '_', 'g'))
$fn$;

-- Refuses the first of p_names that a program on a member's machine reads.
CREATE FUNCTION openhexa._check_env_names(p_identifier text, p_names text[]) RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  v_name text;
  r openhexa.reserved_env_names;
BEGIN
  FOREACH v_name IN ARRAY p_names LOOP
    SELECT * INTO r FROM openhexa.reserved_env_names x
     WHERE v_name = x.name OR (x.prefix AND pg_catalog.starts_with(v_name, x.name))
     ORDER BY pg_catalog.length(x.name) DESC
     LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'the connection "%" would set the variable %, read by %: a connection must not set it on members'' machines; choose another identifier or code',
        p_identifier, v_name, r.read_by USING ERRCODE = '22023';
    END IF;
  END LOOP;
END
$fn$;

-- A connection's own variables: PREFIX, one per fixed field of its type, the derived ones, and its fields'.
CREATE FUNCTION openhexa._connections_env_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  v_prefix text := openhexa._env_part(NEW.identifier);
BEGIN
  PERFORM openhexa._check_env_names(NEW.identifier, ARRAY[v_prefix] || ARRAY(
    SELECT v_prefix || '_' || openhexa._env_part(c.code)
      FROM (SELECT t.code FROM openhexa.connection_type_fields t WHERE t.type = NEW.type
            UNION SELECT d.code FROM openhexa.connection_type_derived_env d WHERE d.type = NEW.type
            UNION SELECT f.code FROM openhexa.connection_fields f WHERE f.connection_id = NEW.id) c));
  RETURN NEW;
END
$fn$;

CREATE TRIGGER connections_env_guard BEFORE INSERT OR UPDATE OF identifier, type ON openhexa.connections
  FOR EACH ROW EXECUTE FUNCTION openhexa._connections_env_guard();

CREATE FUNCTION openhexa._connection_fields_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  c openhexa.connections;
BEGIN
  SELECT * INTO c FROM openhexa.connections x WHERE x.id = NEW.connection_id;
  IF FOUND THEN
    PERFORM openhexa._check_env_names(c.identifier, ARRAY[openhexa._env_part(c.identifier) || '_' || openhexa._env_part(NEW.code)]);
    IF c.type = 'postgresql' AND NEW.code = 'sslmode'
       AND NEW.value NOT IN ('', 'disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full') THEN
      RAISE EXCEPTION 'the sslmode "%" is not one of libpq''s (disable, allow, prefer, require, verify-ca, verify-full)', NEW.value
        USING ERRCODE = '22023';
    END IF;
  END IF;
  RETURN NEW;
END
$fn$;

CREATE TRIGGER connection_fields_guard BEFORE INSERT OR UPDATE ON openhexa.connection_fields
  FOR EACH ROW EXECUTE FUNCTION openhexa._connection_fields_guard();

-- As in migration 3, but a kept secret stays secret unless its value is typed
-- again, and "changed" names the fields whose secret flag changed.
CREATE OR REPLACE FUNCTION openhexa.update_connection(p_slug text, p_identifier text, p_name text, p_description text, p_fields jsonb) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  c openhexa.connections := openhexa._connection(p_slug, p_identifier, 'admin');
  f jsonb;
  s openhexa.connection_fields;
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
      SELECT * INTO s FROM openhexa.connection_fields x WHERE x.connection_id = c.id AND x.code = f ->> 'code';
      IF NOT FOUND THEN
        RAISE EXCEPTION 'the field "%" has no stored value to keep: give its value', f ->> 'code' USING ERRCODE = '22023';
      END IF;
      IF pg_catalog.jsonb_typeof(f -> 'secret') = 'boolean' AND (f -> 'secret')::boolean <> s.secret THEN
        IF s.secret THEN
          RAISE EXCEPTION 'the field "%" is secret: to make it a plain field, type its value again', s.code USING ERRCODE = '42501';
        END IF;
        v_changed := v_changed || pg_catalog.to_jsonb(s.code);
      END IF;
      f := f || pg_catalog.jsonb_build_object('value', s.value);
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

REVOKE ALL ON FUNCTION openhexa._env_part(text), openhexa._check_env_names(text, text[]),
  openhexa._connections_env_guard(), openhexa._connection_fields_guard() FROM PUBLIC;
`;

export const m005ConnectionGuards: Migration = { version: 5, name: 'connection guards', sql: M005_CONNECTION_GUARDS };
