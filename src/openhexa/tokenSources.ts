// Where a user may already have an OpenHEXA token: the variables the
// OpenHEXA CLI and SDK read (HEXA_SERVER_URL or HEXA_API_URL, HEXA_TOKEN),
// and the CLI's own settings file, ~/.openhexa.ini (openhexa-sdk-python,
// openhexa/cli/settings.py: [openhexa] url and current_workspace,
// [workspaces] <slug> = <token>, in plain text). The extension offers them;
// once the user agrees, the token it keeps is in VS Code's secret storage.

/** The CLI's default server. */
export const DEFAULT_SERVER = 'https://api.openhexa.org';

export interface FoundToken {
  readonly server: string;
  readonly token: string;
  readonly from: 'environment' | 'cli';
  /** The workspace the CLI keeps this token for. */
  readonly workspace?: string;
}

export function fromEnvironment(env: Readonly<Record<string, string | undefined>>): FoundToken | undefined {
  const token = env.HEXA_TOKEN?.trim();
  if (!token) {
    return undefined;
  }
  const server = (env.HEXA_API_URL ?? env.HEXA_SERVER_URL ?? DEFAULT_SERVER).trim().replace(/\/+$/, '');
  return { server, token, from: 'environment' };
}

/** configparser's reading of the few things the CLI writes: sections, `key = value` or `key: value`, # and ; comments. */
function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) {
      continue;
    }
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = new Map();
      sections.set(section[1]!.trim(), current);
      continue;
    }
    const pair = /^([^=:]+)[=:](.*)$/.exec(line);
    if (pair && current) {
      // configparser lower-cases keys.
      current.set(pair[1]!.trim().toLowerCase(), pair[2]!.trim());
    }
  }
  return sections;
}

/** The CLI's tokens, its current workspace's first; none when the file says nothing usable. */
export function fromCliSettings(text: string): FoundToken[] {
  const ini = parseIni(text);
  const server = (ini.get('openhexa')?.get('url') || DEFAULT_SERVER).replace(/\/+$/, '');
  const current = ini.get('openhexa')?.get('current_workspace');
  const tokens = [...(ini.get('workspaces') ?? new Map<string, string>())].filter(([, token]) => token !== '' && token !== 'None');
  tokens.sort(([a], [b]) => Number(b === current) - Number(a === current));
  return tokens.map(([workspace, token]) => ({ server, token, from: 'cli', workspace }));
}
