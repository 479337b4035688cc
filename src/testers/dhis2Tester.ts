import { baseUrl, jsonOf, need, request, testing, withTimeout, type HttpAnswer } from './http';
import { failed, passed, said, type TestOutcome, type Tester } from './testOutcome';
import { T } from './testerMessages';

type Auth = 'password' | 'token';

/** Who /api/me says the caller is, or why not. */
async function me(url: string, authorization: string, auth: Auth, signal: AbortSignal): Promise<{ name: string } | TestOutcome> {
  const target = `${url}/api/me?fields=name,username,displayName`;
  // X-Requested-With: DHIS2 answers an XHR that fails to log in with 401 JSON, not its login page.
  const answer = await request(target, { headers: { authorization, accept: 'application/json', 'x-requested-with': 'XMLHttpRequest' }, signal });
  return readMe(answer, target, auth);
}

function readMe(answer: HttpAnswer, target: string, auth: Auth): { name: string } | TestOutcome {
  const body = jsonOf(answer);
  if (answer.status === 200 && body) {
    const name = [body.displayName, body.name, body.username].find((v): v is string => typeof v === 'string' && v !== '') ?? '?';
    const username = typeof body.username === 'string' ? body.username : undefined;
    return { name: username && username !== name ? `${name} (${username})` : name };
  }
  if (answer.status === 401) {
    const message = typeof body?.message === 'string' ? body.message : '';
    if (/locked/i.test(message)) {
      return failed(said(T.dhis2Locked), message);
    }
    return failed(said(auth === 'token' ? T.dhis2TokenRefused : T.dhis2Refused), message || undefined);
  }
  if ((answer.status >= 300 && answer.status < 400) || (answer.status === 200 && !body)) {
    return failed(said(T.dhis2NotApi, target), answer.headers.location ? `→ ${answer.headers.location}` : undefined);
  }
  if (answer.status === 404) {
    return failed(said(T.dhis2NotFound, target));
  }
  return failed(said(T.unexpectedStatus, target, String(answer.status)));
}

/** GET {url}/api/me with Basic auth, and with the personal access token when there is one. */
export const testDhis2: Tester = (values, context) =>
  testing(async () => {
    const url = baseUrl(need(values, 'url', 'URL'));
    const username = need(values, 'username', 'User name');
    const password = need(values, 'password', 'Password');
    const signal = withTimeout(context.signal);
    const basic = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
    const byPassword = await me(url, basic, 'password', signal);
    if (!('name' in byPassword)) {
      return byPassword;
    }
    const token = values.personal_access_token?.trim() ?? '';
    if (token === '') {
      return passed(said(T.dhis2Ok, byPassword.name));
    }
    const byToken = await me(url, `ApiToken ${token}`, 'token', signal);
    return 'name' in byToken ? passed(said(T.dhis2OkToken, byToken.name)) : byToken;
  });
