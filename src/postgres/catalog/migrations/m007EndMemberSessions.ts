/**
 * Migration 7 (0.3.0): a member's new role reaches the sessions they have
 * open.
 *
 * PostgreSQL applies a login's `role` setting (how editors act as the
 * writer group) when a session starts, and a session that acts as the
 * writer group keeps its rights after the membership is revoked. So a
 * member made viewer, or removed, could go on writing in a session opened
 * before: a notebook left running, and through PgBouncer any server
 * connection the pooler keeps for that login and hands to its next client.
 *
 * `end_member_sessions` ends them, once the role change is committed (a
 * session that comes back before would still get the old role): after a
 * demotion or a removal every session of that login on the workspace
 * database, after a promotion its idle ones (so the next one starts with
 * the writer role; a running query is left to finish). Only a workspace
 * admin may call it, and only for a login whose role they changed there
 * in the last minute (the audit log says so). Sessions that began after
 * the change start with the new role and are left alone; one that was
 * still logging in during the first look is caught by the next (three,
 * 100 ms apart). Ending another login's
 * session needs that login's privileges: the catalog's owner holds them
 * for this transaction only (it has ADMIN on the logins it created; on
 * PostgreSQL 15, CREATEROLE), or pg_signal_backend if a server admin
 * granted it. Sessions it could not end are counted and said to the admin.
 */
import type { Migration } from './migration';

const M007_END_MEMBER_SESSIONS = String.raw`
CREATE FUNCTION openhexa._end_sessions(p_db text, p_login text, p_idle_only boolean, p_before timestamptz, OUT closed integer, OUT left_open integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  v_granted boolean := false;
  v_seen integer[] := '{}';
  s record;
BEGIN
  closed := 0;
  left_open := 0;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_stat_activity a WHERE a.datname OPERATOR(pg_catalog.=) p_db AND a.usename OPERATOR(pg_catalog.=) p_login) THEN
    RETURN;
  END IF;
  IF NOT pg_catalog.pg_has_role(current_user, p_login, 'USAGE') AND NOT pg_catalog.pg_has_role(current_user, 'pg_signal_backend', 'USAGE') THEN
    BEGIN
      EXECUTE pg_catalog.format('GRANT %I TO %I', p_login, current_user);
      v_granted := true;
    EXCEPTION WHEN insufficient_privilege OR invalid_grant_operation THEN
      NULL;
    END;
  END IF;
  -- A few rounds: a session that was logging in during one (a pooler opens them at any time) shows in the next.
  FOR v_round IN 1..3 LOOP
    PERFORM pg_catalog.pg_stat_clear_snapshot();
    FOR s IN
      SELECT a.pid, a.state FROM pg_catalog.pg_stat_activity a
       WHERE a.datname OPERATOR(pg_catalog.=) p_db AND a.usename OPERATOR(pg_catalog.=) p_login
         AND a.pid OPERATOR(pg_catalog.<>) pg_catalog.pg_backend_pid()
         AND NOT a.pid OPERATOR(pg_catalog.=) ANY (v_seen)
         -- Sessions that began after this transaction did (so after the change was committed) start with the new role.
         -- (backend_start is hidden without the login's privileges: then every session.)
         AND (a.backend_start IS NULL OR a.backend_start OPERATOR(pg_catalog.<) p_before)
    LOOP
      v_seen := v_seen OPERATOR(pg_catalog.||) s.pid;
      IF p_idle_only AND s.state IS DISTINCT FROM 'idle' THEN
        left_open := left_open OPERATOR(pg_catalog.+) 1;
        CONTINUE;
      END IF;
      BEGIN
        IF pg_catalog.pg_terminate_backend(s.pid) THEN
          closed := closed OPERATOR(pg_catalog.+) 1;
        END IF;
      EXCEPTION WHEN insufficient_privilege THEN
        left_open := left_open OPERATOR(pg_catalog.+) 1;
      END;
    END LOOP;
    EXIT WHEN v_round OPERATOR(pg_catalog.=) 3;
    PERFORM pg_catalog.pg_sleep(0.1);
  END LOOP;
  IF v_granted THEN
    EXECUTE pg_catalog.format('REVOKE %I FROM %I', p_login, current_user);
  END IF;
END
$fn$;

CREATE FUNCTION openhexa.end_member_sessions(p_slug text, p_login text, OUT closed integer, OUT left_open integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  w openhexa.workspaces := openhexa._require(p_slug, 'admin');
  a openhexa.audit_log;
  v_role text;
  v_before text;
BEGIN
  SELECT * INTO a FROM openhexa.audit_log l
   WHERE l.workspace_slug OPERATOR(pg_catalog.=) p_slug
     AND l.actor OPERATOR(pg_catalog.=) session_user
     AND l.action OPERATOR(pg_catalog.=) ANY (ARRAY['set_member_role', 'remove_member'])
     AND l.detail OPERATOR(pg_catalog.->>) 'login' OPERATOR(pg_catalog.=) p_login
     AND l.at OPERATOR(pg_catalog.>) (pg_catalog.clock_timestamp() OPERATOR(pg_catalog.-) interval '1 minute')
   ORDER BY l.id DESC LIMIT 1;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'end the sessions of a member right after changing their role or removing them' USING ERRCODE = '42501';
  END IF;
  v_role := a.detail OPERATOR(pg_catalog.->>) 'role';
  IF a.action OPERATOR(pg_catalog.=) 'set_member_role' AND v_role OPERATOR(pg_catalog.<>) 'viewer' THEN
    -- A promotion: did the writer role change? (editor and admin both act as the writer group)
    SELECT l.detail OPERATOR(pg_catalog.->>) 'role' INTO v_before FROM openhexa.audit_log l
     WHERE l.workspace_slug OPERATOR(pg_catalog.=) p_slug
       AND l.action OPERATOR(pg_catalog.=) ANY (ARRAY['add_member', 'set_member_role'])
       AND l.detail OPERATOR(pg_catalog.->>) 'login' OPERATOR(pg_catalog.=) p_login
       AND l.id OPERATOR(pg_catalog.<) a.id
     ORDER BY l.id DESC LIMIT 1;
    IF v_before OPERATOR(pg_catalog.=) ANY (ARRAY['editor', 'admin']) THEN
      closed := 0;
      left_open := 0;
      RETURN;
    END IF;
  END IF;
  -- Demoted or removed: every session; promoted to the writer role: idle ones (a running query finishes).
  SELECT e.closed, e.left_open INTO closed, left_open
    FROM openhexa._end_sessions(w.db_name, p_login, a.action OPERATOR(pg_catalog.=) 'set_member_role' AND v_role OPERATOR(pg_catalog.<>) 'viewer', pg_catalog.now()) e;
  PERFORM openhexa._audit(p_slug, 'end_member_sessions', pg_catalog.jsonb_build_object('login', p_login, 'closed', closed, 'left_open', left_open));
END
$fn$;

REVOKE ALL ON FUNCTION openhexa._end_sessions(text, text, boolean, timestamptz), openhexa.end_member_sessions(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION openhexa.end_member_sessions(text, text) TO openhexa_member, openhexa_platform_admin;
`;

export const m007EndMemberSessions: Migration = { version: 7, name: 'a role change reaches open sessions', sql: M007_END_MEMBER_SESSIONS };
