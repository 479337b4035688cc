import { M } from '../core/messages';
import { say } from './say';

/** Plain words for the risk of browsing as a superuser (tree and connect form). */
export function superuserWarning(): string {
  return say(M.superuserWarning);
}
