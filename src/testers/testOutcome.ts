import type { Message } from '../core/messages';
import { said as sayAny, type Said } from '../core/said';
import type { TesterMessage } from './testerMessages';

export type { Said };

/** What a tester says: one of its own messages, or one of the rules'. */
export function said(text: TesterMessage | Message, ...args: string[]): Said {
  return sayAny(text, ...args);
}

export type TestOutcome =
  | { readonly ok: true; readonly said: Said }
  /** detail: the service's own words, secrets masked, for whoever wants them. */
  | { readonly ok: false; readonly said: Said; readonly detail?: string };

export const passed = (s: Said): TestOutcome => ({ ok: true, said: s });
export const failed = (s: Said, detail?: string): TestOutcome => (detail ? { ok: false, said: s, detail } : { ok: false, said: s });

export interface TestContext {
  /** Cancels the test (the user's Cancel); the 10 s limit is the tester's own. */
  readonly signal: AbortSignal;
  /** Where Google Cloud Storage's JSON API is; tests point it at a loopback double. */
  readonly gcsStorageUrl?: string;
}

/** Each tester: the connection's values by code, in; what to tell the user, out. Never throws. */
export type Tester = (values: Readonly<Record<string, string>>, context: TestContext) => Promise<TestOutcome>;

export const TEST_TIMEOUT_MS = 10_000;
