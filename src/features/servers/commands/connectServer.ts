import { isSslMode } from '../../../core/tls/sslMode';
import type { Command } from '../../../platform/commands/command';
import { ConnectServerPanel } from '../connectServerPanel';

/** Opens the connect form; `{ label, host, port, user, catalogDatabase, sslmode, sslrootcert, sslcert, sslkey }` prefills it. */
export const connectServer: Command = {
  id: 'openhexa.connectServer',
  run: ({ extensionUri, store, log }, initial?: unknown) => {
    const form = initial && typeof initial === 'object' ? (initial as Record<string, unknown>) : {};
    const text = (key: string): string | undefined => (typeof form[key] === 'string' || typeof form[key] === 'number' ? String(form[key]) : undefined);
    const prefill = Object.fromEntries(
      (['label', 'host', 'port', 'user', 'catalogDatabase', 'sslrootcert', 'sslcert', 'sslkey'] as const).flatMap((key) => (text(key) === undefined ? [] : [[key, text(key)]])),
    );
    if (isSslMode(form.sslmode)) {
      prefill.sslmode = form.sslmode;
    }
    ConnectServerPanel.show(extensionUri, store, log, prefill);
  },
};
