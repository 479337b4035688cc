/**
 * Where a saved query opens as a document: `openhexa-query://<workspace>/<query>.sql?server=<profile key>`.
 * The slugs are the catalog's (a-z, 0-9, hyphens), so they sit in the URI as
 * they are; the server profile's key is encoded. No secret is ever in it.
 */
export const SAVED_QUERY_SCHEME = 'openhexa-query';

export interface SavedQueryAddress {
  /** The server profile's key (profileKey). */
  readonly server: string;
  /** The workspace's slug. */
  readonly workspace: string;
  /** The saved query's slug. */
  readonly query: string;
}

export interface UriParts {
  readonly scheme: string;
  readonly authority: string;
  readonly path: string;
  readonly query: string;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function savedQueryUriParts(address: SavedQueryAddress): UriParts {
  return { scheme: SAVED_QUERY_SCHEME, authority: address.workspace, path: `/${address.query}.sql`, query: `server=${encodeURIComponent(address.server)}` };
}

/** The saved query a URI names, or undefined for any other document (or a URI that was tampered with). */
export function savedQueryAddress(uri: UriParts): SavedQueryAddress | undefined {
  if (uri.scheme !== SAVED_QUERY_SCHEME) {
    return undefined;
  }
  const query = /^\/([a-z0-9-]+)\.sql$/.exec(uri.path)?.[1];
  const server = new URLSearchParams(uri.query).get('server');
  if (!query || !SLUG.test(query) || !SLUG.test(uri.authority) || !server) {
    return undefined;
  }
  return { server, workspace: uri.authority, query };
}
