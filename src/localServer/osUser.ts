import { execFileSync } from 'node:child_process';

/** The uid/gid a process must switch to before it may start PostgreSQL. */
export interface RunAs {
  readonly uid: number;
  readonly gid: number;
}

const SERVICE_USER = 'postgres';

function idOf(flag: '-u' | '-g', user: string): number | undefined {
  try {
    return Number.parseInt(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim(), 10);
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL refuses to run as root. As root we run it as the `postgres`
 * system user, creating that user when the machine has none; as anyone else
 * we run it as ourselves (undefined).
 */
export function postgresRunAs(): RunAs | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return undefined;
  }
  let uid = idOf('-u', SERVICE_USER);
  if (uid === undefined) {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVICE_USER]);
    uid = idOf('-u', SERVICE_USER);
  }
  const gid = idOf('-g', SERVICE_USER);
  if (uid === undefined || gid === undefined) {
    throw new Error(`Running as root, but the "${SERVICE_USER}" system user to run PostgreSQL as could not be found or created.`);
  }
  return { uid, gid };
}
