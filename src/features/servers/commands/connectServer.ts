import { z } from 'zod';
import { SSL_MODES } from '../../../core/tls/sslMode';
import { command } from '../../../platform/commands/command';
import { ConnectServerPanel } from '../connectServerPanel';

const text = z.union([z.string(), z.number()]).transform(String);

/** What a script may prefill the form with: each value is checked by the form itself, as if typed. */
const prefillArg = z
  .object({ label: text, host: text, port: text, user: text, catalogDatabase: text, sslmode: z.enum(SSL_MODES), sslrootcert: text, sslcert: text, sslkey: text })
  .partial()
  .strict()
  .describe('{ label, host, port, user, catalogDatabase, sslmode, sslrootcert, sslcert, sslkey }, each optional');

/** Opens the connect form; `{ label, host, port, user, catalogDatabase, sslmode, sslrootcert, sslcert, sslkey }` prefills it. */
export const connectServer = command('openhexa.connectServer', [prefillArg], ({ extensionUri, store, log }, prefill) => {
  ConnectServerPanel.show(extensionUri, store, log, prefill ?? {});
});
