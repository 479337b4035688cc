import { baseUrl, jsonOf, need, request, testing, withTimeout } from './http';
import { failed, passed, said, type Tester } from './testOutcome';
import { T } from './testerMessages';

/** POST {url}/api/token/ (simplejwt), then GET {url}/api/profiles/me/ with the access token. */
export const testIaso: Tester = (values, context) =>
  testing(async () => {
    const url = baseUrl(need(values, 'url', 'URL'));
    const username = need(values, 'username', 'User name');
    const password = need(values, 'password', 'Password');
    const signal = withTimeout(context.signal);
    const tokenUrl = `${url}/api/token/`;
    const token = await request(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ username, password }),
      signal,
    });
    const tokenBody = jsonOf(token);
    if (token.status === 401) {
      return failed(said(T.iasoRefused), typeof tokenBody?.detail === 'string' ? tokenBody.detail : undefined);
    }
    if (token.status === 404) {
      return failed(said(T.iasoNoPasswordLogin, tokenUrl));
    }
    const access = tokenBody?.access;
    if (token.status !== 200 || typeof access !== 'string') {
      return failed(said(T.iasoNotIaso, tokenUrl, String(token.status)));
    }
    const meUrl = `${url}/api/profiles/me/`;
    const profile = await request(meUrl, { headers: { authorization: `Bearer ${access}`, accept: 'application/json' }, signal });
    const me = jsonOf(profile);
    if (profile.status !== 200 || !me) {
      return failed(said(T.iasoNotIaso, meUrl, String(profile.status)));
    }
    const user = typeof me.user_name === 'string' ? me.user_name : username;
    const account = typeof me.account === 'object' && me.account !== null && typeof (me.account as { name?: unknown }).name === 'string' ? (me.account as { name: string }).name : undefined;
    return passed(said(T.iasoOk, account ? `${user} (${account})` : user));
  });
