import { isSslMode } from '../core/tls/sslMode';
import { loginTls } from '../postgres/tls/loginTls';
import { describeLoginFailure } from '../postgres/loginFailure';
import { connect } from '../postgres/connect';
import { need, testing } from './http';
import { failed, passed, said, type Tester } from './testOutcome';
import { T } from './testerMessages';

const VERSION_SQL = "SELECT pg_catalog.current_setting('server_version') AS version, pg_catalog.current_database() AS database, session_user AS login";

/** Connects with the given sslmode (libpq's rules) and runs one query; a failure gets the connect form's diagnosis. */
export const testPostgresql: Tester = (values, { signal }) =>
  testing(async () => {
    const host = need(values, 'host', 'Host').trim();
    const port = Number(need(values, 'port', 'Port').trim());
    const database = need(values, 'db_name', 'Database').trim();
    const user = need(values, 'username', 'User name');
    const password = need(values, 'password', 'Password');
    const mode = values.sslmode?.trim() ?? '';
    // libpq refuses a mode it does not know ("VERIFY-FULL", "verify_full"): reading it as the default would test over plain TCP.
    if (mode !== '' && !isSslMode(mode)) {
      return failed(said(T.postgresSslmode, mode));
    }
    // As libpq on this computer would connect: PGSSLMODE when the connection says nothing, ~/.postgresql's files.
    const { sslmode, tls } = loginTls(isSslMode(mode) ? { sslmode: mode } : {}, undefined);
    if (signal.aborted) {
      return failed(said(T.cancelled));
    }
    try {
      const pending = connect({ host, port, user, password, database, sslmode, tls, application: 'OpenHEXA for VS Code (connection test)' });
      const client = await Promise.race([
        pending,
        new Promise<never>((_, reject) =>
          signal.addEventListener(
            'abort',
            () => {
              // A connection that comes after Cancel is closed at once.
              pending.then((late) => late.end()).catch(() => undefined);
              reject(new Error('cancelled'));
            },
            { once: true },
          ),
        ),
      ]);
      try {
        const row = (await client.query<{ version: string; database: string; login: string }>(VERSION_SQL)).rows[0];
        return passed(said(T.postgresOk, row?.version ?? '?', row?.database ?? database, row?.login ?? user));
      } finally {
        await client.end().catch(() => undefined);
      }
    } catch (err) {
      if (signal.aborted) {
        return failed(said(T.cancelled));
      }
      const failure = describeLoginFailure(err);
      return failed(said(failure.message, ...failure.args), failure.detail);
    }
  });
