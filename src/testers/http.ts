// A small HTTP client on Node's http/https modules, which VS Code patches to
// honour its proxy settings (http.proxy, http.proxySupport): a tester run in
// the extension host goes through the user's proxy. Redirects are not
// followed: a tester reads them (DHIS2's login redirect says "not an API").
import * as http from 'node:http';
import * as https from 'node:https';
import { parseJsonObject } from '../core/connections/fieldValues';
import { redactSecrets } from '../core/redact';
import { failed, said, TEST_TIMEOUT_MS, type TestOutcome } from './testOutcome';
import { T } from './testerMessages';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

export interface HttpCall {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal: AbortSignal;
}

const MAX_BODY = 1_000_000;

/** Why a request failed in a way the tester maps to a message (not an HTTP status: those are answers). */
export class RequestFailure extends Error {
  constructor(
    readonly outcome: TestOutcome,
    cause?: unknown,
  ) {
    super(outcome.said.text, { cause });
  }
}

/** The user's cancel or the 10 s limit, whichever comes first. */
export function withTimeout(signal: AbortSignal): AbortSignal {
  return AbortSignal.any([signal, AbortSignal.timeout(TEST_TIMEOUT_MS)]);
}

export function request(url: string, call: HttpCall): Promise<HttpAnswer> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.reject(new RequestFailure(failed(said(T.badUrl, url))));
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return Promise.reject(new RequestFailure(failed(said(T.badUrl, url))));
  }
  const client = parsed.protocol === 'https:' ? https : http;
  const where = parsed.host;
  return new Promise<HttpAnswer>((resolve, reject) => {
    if (call.signal.aborted) {
      reject(new RequestFailure(aborted(call.signal, where)));
      return;
    }
    const req = client.request(parsed, { method: call.method ?? 'GET', headers: { 'user-agent': 'openhexa-vscode', ...call.headers }, signal: call.signal }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY) {
          chunks.push(chunk);
        }
      });
      res.on('end', () => {
        const headers: Record<string, string | undefined> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          headers[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', (err) => reject(networkFailure(err, call.signal, where)));
    });
    req.on('error', (err) => reject(networkFailure(err, call.signal, where)));
    req.end(call.body);
  });
}

function aborted(signal: AbortSignal, where: string): TestOutcome {
  const reason: unknown = signal.reason;
  return reason instanceof Error && reason.name === 'TimeoutError' ? failed(said(T.timedOut, where)) : failed(said(T.cancelled));
}

export function networkFailure(err: unknown, signal: AbortSignal, where: string): RequestFailure {
  if (signal.aborted) {
    return new RequestFailure(aborted(signal, where), err);
  }
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const detail = redactSecrets(String(e.message ?? err));
  if (['ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code)) {
    return new RequestFailure(failed(said(T.unreachable, where), detail), err);
  }
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET') {
    return new RequestFailure(failed(said(T.refused, where), detail), err);
  }
  if (code === 'ETIMEDOUT') {
    return new RequestFailure(failed(said(T.timedOut, where), detail), err);
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return new RequestFailure(failed(said(T.certificate, where, code), detail), err);
  }
  return new RequestFailure(failed(said(T.unexpected, detail), detail), err);
}

/** Runs a tester's steps; a RequestFailure becomes its outcome, anything else an "unexpected" one with the words masked. */
export async function testing(run: () => Promise<TestOutcome>): Promise<TestOutcome> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof RequestFailure) {
      return err.outcome;
    }
    const detail = redactSecrets(err instanceof Error ? err.message : String(err));
    return failed(said(T.unexpected, detail), detail);
  }
}

/** The JSON object an answer holds, or undefined. */
export function jsonOf(answer: HttpAnswer): Record<string, unknown> | undefined {
  return parseJsonObject(answer.body);
}

/** A base URL without its trailing slashes. */
export function baseUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

/** Stops with "Fill in …" when a value the test needs is blank. */
export function need(values: Readonly<Record<string, string>>, code: string, label: string): string {
  const value = values[code] ?? '';
  if (value.trim() === '') {
    throw new RequestFailure(failed(said(T.missingField, label)));
  }
  return value;
}
