import { quoteIdent, quoteLiteral } from '../core/identifiers';
import { scramVerifier } from '../core/scram';
import { PLATFORM_ADMIN_GROUP } from '../postgres/catalog/migrations';
import { databaseExists, withConnection, type Login } from '../postgres/connect';

/** The local server's day-to-day login: CREATEDB and CREATEROLE, never superuser. */
export const LOCAL_PLATFORM_LOGIN = 'openhexa_platform';

const ROLE_SQL = 'SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) $1';
// USAGE: the group's privileges reach the login (not only an ADMIN-only grant).
const IS_MEMBER_SQL = "SELECT pg_catalog.pg_has_role($1, $2, 'USAGE') AS yes";
const CATALOG_OWNER_SQL = `SELECT r.rolname AS owner, r.rolsuper AS superuser
  FROM pg_catalog.pg_namespace n JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) n.nspowner
 WHERE n.nspname OPERATOR(pg_catalog.=) 'openhexa'`;

/**
 * Maintenance, as the local server's superuser: makes the platform login (or
 * resets its password to the one in secret storage) and, on a server whose
 * OpenHEXA groups already exist, makes it a platform admin. The password
 * travels as its SCRAM verifier only.
 */
export async function ensurePlatformLogin(superuser: Omit<Login, 'database'>, password: string): Promise<void> {
  await withConnection({ ...superuser, database: 'postgres' }, async (client) => {
    const existing = (await client.query<{ rolsuper: boolean }>(ROLE_SQL, [LOCAL_PLATFORM_LOGIN])).rows[0];
    const verifier = quoteLiteral(scramVerifier(password));
    const name = quoteIdent(LOCAL_PLATFORM_LOGIN);
    await client.query(existing ? `ALTER ROLE ${name} LOGIN NOSUPERUSER CREATEDB CREATEROLE PASSWORD ${verifier}` : `CREATE ROLE ${name} LOGIN CREATEDB CREATEROLE PASSWORD ${verifier}`);
    const groupExists = (await client.query(ROLE_SQL, [PLATFORM_ADMIN_GROUP])).rowCount;
    if (groupExists && !(await client.query<{ yes: boolean }>(IS_MEMBER_SQL, [LOCAL_PLATFORM_LOGIN, PLATFORM_ADMIN_GROUP])).rows[0]?.yes) {
      await client.query(`GRANT ${quoteIdent(PLATFORM_ADMIN_GROUP)} TO ${name}`);
    }
  });
}

/**
 * Who must run Initialize Server on the local server: the superuser when it
 * owns the catalog (made by 0.1.0, before the platform login existed), else
 * the platform login.
 */
export async function catalogMaintainer(superuser: Omit<Login, 'database'>, catalogDatabase: string): Promise<'superuser' | 'platform'> {
  const exists = await withConnection({ ...superuser, database: 'postgres' }, (c) => databaseExists(c, catalogDatabase));
  if (!exists) {
    return 'platform';
  }
  return withConnection({ ...superuser, database: catalogDatabase }, async (c) => {
    const owner = (await c.query<{ owner: string; superuser: boolean }>(CATALOG_OWNER_SQL)).rows[0];
    return owner?.superuser ? 'superuser' : 'platform';
  });
}
