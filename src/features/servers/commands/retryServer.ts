import { command } from '../../../platform/commands/command';
import { profileOf, serverArg } from '../../commandArgs';

/** Retry on a server's error node: reloads that server only. */
export const retryServer = command('openhexa.retryServer', [serverArg], ({ tree }, arg) => {
  const profile = profileOf(arg);
  return profile ? tree.refreshServer(profile) : tree.refresh();
});
