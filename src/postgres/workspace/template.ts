import type { Client } from 'pg';
import { SQL } from './sql';

/**
 * The template of the databases the product creates (workspaces, the
 * catalog): template0 from PostgreSQL 15 on. template1 is open to every
 * login, and what anyone leaves there (a large object, say) would appear in
 * each new database; and CREATE DATABASE from template1 fails while anyone
 * is connected to it, which a pooler's idle server connection may be. Before
 * 15, template0's public schema lets everyone create and belongs to the
 * bootstrap superuser, which a platform login cannot fix, so template1
 * (which a server admin can fix) stays the template there.
 */
export async function templateFor(client: Pick<Client, 'query'>): Promise<string> {
  const version = (await client.query<{ version: number }>(SQL.serverVersion)).rows[0]?.version ?? 0;
  return version >= 150000 ? 'template0' : 'template1';
}
