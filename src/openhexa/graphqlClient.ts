// OpenHEXA's GraphQL API as its CLI calls it (openhexa-sdk-python,
// openhexa/cli/api.py): POST {server}/graphql/ with "Authorization: Bearer
// <token>". A token OpenHEXA does not accept makes the request anonymous
// (workspaces/middlewares.py), so fields marked @loginRequired answer an
// error whose extensions.code is UNAUTHENTICATED: that is how an expired or
// revoked token shows. Every answer's data is checked against the
// operation's schema before anyone reads it. The token never goes into a
// message.
import { z } from 'zod';
import { said, type Said } from '../core/said';
import { redactSecrets } from '../core/redact';
import { request, RequestFailure, baseUrl } from '../testers/http';
import type { Operation } from './operations';
import { O } from './openHexaMessages';

/** How long one API call may take (a table list with counts is the slowest OpenHEXA answer). */
export const API_TIMEOUT_MS = 30_000;

export type OpenHexaErrorKind = 'unauthenticated' | 'network' | 'notOpenHexa' | 'http' | 'api' | 'unexpectedAnswer';

export class OpenHexaError extends Error {
  constructor(
    readonly kind: OpenHexaErrorKind,
    readonly said: Said,
    /** OpenHEXA's own words, secrets masked. */
    readonly detail?: string,
  ) {
    super(said.text.replace(/\{(\d+)\}/g, (hole, i: string) => said.args[Number(i)] ?? hole));
    this.name = 'OpenHexaError';
  }
}

const graphqlErrorSchema = z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).passthrough().optional() }).passthrough();
const answerSchema = z.object({ data: z.unknown().optional(), errors: z.array(graphqlErrorSchema).optional() });

/** Where an instance's GraphQL API is: the server's address as the CLI keeps it (HEXA_SERVER_URL), plus /graphql/. */
export function graphqlUrl(server: string): string {
  return `${baseUrl(server)}/graphql/`;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * What is wrong with an instance's address, or undefined: an https:// URL,
 * or http:// on this computer only (a token sent over plain http to another
 * machine crosses the network readable by anyone on the way).
 */
export function checkServerUrl(server: string): Said | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl(server));
  } catch {
    return said(O.badServerUrl, server);
  }
  if (url.protocol === 'https:') {
    return undefined;
  }
  if (url.protocol === 'http:') {
    return LOOPBACK.has(url.hostname) ? undefined : said(O.insecureServerUrl, server);
  }
  return said(O.badServerUrl, server);
}

export interface ApiOptions {
  /** The user's Cancel. */
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/** One instance, one token: each call is one POST. */
export class OpenHexaApi {
  constructor(
    readonly server: string,
    private readonly token: string,
  ) {}

  /** The host the messages name (never the token). */
  get where(): string {
    try {
      return new URL(baseUrl(this.server)).host;
    } catch {
      return this.server;
    }
  }

  async call<T, V extends Record<string, unknown>>(operation: Operation<T, V>, variables: V, options: ApiOptions = {}): Promise<T> {
    const where = this.where;
    const wrong = checkServerUrl(this.server);
    if (wrong) {
      throw new OpenHexaError('network', wrong);
    }
    const timeout = AbortSignal.timeout(options.timeoutMs ?? API_TIMEOUT_MS);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let answer;
    try {
      answer = await request(graphqlUrl(this.server), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ operationName: operation.name, query: operation.document, variables }),
        signal,
      });
    } catch (err) {
      if (err instanceof RequestFailure) {
        throw new OpenHexaError('network', err.outcome.said, err.outcome.ok ? undefined : err.outcome.detail);
      }
      throw err;
    }
    if (answer.status === 401 || answer.status === 403) {
      throw new OpenHexaError('unauthenticated', said(O.tokenRefused, where));
    }
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      if (answer.status >= 500) {
        throw new OpenHexaError('http', said(O.httpStatus, where, String(answer.status)));
      }
      throw new OpenHexaError('notOpenHexa', said(O.notOpenHexa, where, `HTTP ${answer.status}, ${answer.headers['content-type'] ?? 'no content type'}`));
    }
    const parsed = answerSchema.safeParse(body);
    if (!parsed.success || (parsed.data.data === undefined && parsed.data.errors === undefined)) {
      throw new OpenHexaError('notOpenHexa', said(O.notOpenHexa, where, `HTTP ${answer.status}`));
    }
    const errors = parsed.data.errors ?? [];
    if (errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
      throw new OpenHexaError('unauthenticated', said(O.tokenRefused, where));
    }
    if (errors.length > 0) {
      const words = redactSecrets(errors.map((e) => e.message).join('; ')).replaceAll(this.token, '…');
      throw new OpenHexaError('api', said(O.apiError, where, words), words);
    }
    if (answer.status !== 200) {
      throw new OpenHexaError('http', said(O.httpStatus, where, String(answer.status)));
    }
    const data = operation.data.safeParse(parsed.data.data);
    if (!data.success) {
      const issue = data.error.issues[0];
      const detail = issue ? `${issue.path.join('.')}: ${issue.message}` : operation.name;
      throw new OpenHexaError('unexpectedAnswer', said(O.unexpectedAnswer, where, detail), detail);
    }
    return data.data;
  }
}
