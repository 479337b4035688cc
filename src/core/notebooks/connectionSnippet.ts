import type { ConnectionTypeDef } from '../connections/connectionType';
import { envPrefix, fieldEnvName } from '../connections/connectionEnvNames';
import { writeSnippet, type RDriver, type SnippetFlavour } from './snippet';

/**
 * A connection's snippet in one flavour. It is written from the identifier
 * and the field codes only: whatever values `fields` carries are not read.
 */
export function connectionSnippet(type: ConnectionTypeDef, identifier: string, fields: readonly { readonly code: string }[], flavour: SnippetFlavour, rDriver: RDriver): string {
  const prefix = envPrefix(identifier);
  const codes = type.fields.length > 0 ? type.fields.map((f) => f.code) : fields.map((f) => f.code);
  return writeSnippet(type.snippets, flavour, { identifier, prefix, codes, env: (code) => fieldEnvName(prefix, code), rDriver });
}
