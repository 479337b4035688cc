import { M } from '../core/messages';

/**
 * Every English string the "Connect to a Server" panel shows. The host sends
 * them translated in the `init` message; the webview never hard-codes text
 * that is not in this list.
 */
export const CONNECT_SERVER_STRINGS = [
  'Connect to a Server',
  'Connect to the PostgreSQL server that holds your team\'s OpenHEXA workspaces. The password is kept in VS Code\'s secret storage, never in settings.',
  'Paste a connection URL (optional)',
  'Fill from URL',
  'Name',
  'Host',
  'Port',
  'User',
  'Password',
  'TLS mode',
  'Catalog database',
  'Save to',
  'User settings',
  'Workspace settings (shared with the team; no password)',
  'Test Connection',
  'Save',
  'Cancel',
  'Testing…',
  'Initialize Server',
  'Initializing…',
  'Saving…',
  'Connected',
  'Connection failed',
  'Fix the highlighted fields first.',
  'The URL filled the form; check it, then test or save.',
  ...Object.values(M),
] as const;
