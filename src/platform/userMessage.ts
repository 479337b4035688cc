import { OpenHexaError } from '../openhexa/graphqlClient';
import { CatalogError } from '../postgres/catalog/catalogError';
import { describeLoginFailure } from '../postgres/loginFailure';
import { SuperuserBrowsing } from '../postgres/readOnly';
import { WeakerTlsError } from './sessions';
import { superuserWarning } from './superuserWarning';
import { weakerTlsMessage } from './weakerTlsMessage';
import { say } from './say';

/** What to tell the user about a failure: advice when we have some, else the error's own words (secrets masked). */
export function userMessage(err: unknown): string {
  if (err instanceof CatalogError) {
    return err.message;
  }
  if (err instanceof OpenHexaError) {
    return say(err.said);
  }
  if (err instanceof SuperuserBrowsing) {
    return superuserWarning();
  }
  if (err instanceof WeakerTlsError) {
    const { message, detail } = weakerTlsMessage(err);
    return `${message} ${detail}`;
  }
  const failure = describeLoginFailure(err);
  if (failure.kind === 'stoppedWaiting') {
    return say({ text: failure.message, args: failure.args });
  }
  return failure.kind === 'other' ? failure.detail : `${say({ text: failure.message, args: failure.args })} (${failure.detail})`;
}
