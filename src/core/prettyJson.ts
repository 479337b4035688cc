/**
 * Indents JSON text token by token. Unlike JSON.parse + stringify it keeps
 * every number exactly as written (no 2^53 rounding), key order and
 * duplicate keys; text that is not JSON comes back unchanged.
 */
export function prettyJson(text: string, indent = '  '): string {
  let out = '';
  let depth = 0;
  let inString = false;
  let escaped = false;
  const newline = (): string => `\n${indent.repeat(depth)}`;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      out += ch;
      if (escaped) {
        escaped = false;
      } else if (ch === '\\') {
        escaped = true;
      } else if (ch === '"') {
        inString = false;
      }
      continue;
    }
    switch (ch) {
      case '"':
        inString = true;
        out += ch;
        break;
      case '{':
      case '[': {
        const close = ch === '{' ? '}' : ']';
        const rest = text.slice(i + 1).trimStart();
        if (rest.startsWith(close)) {
          out += ch + close;
          i = text.indexOf(close, i + 1);
          break;
        }
        depth++;
        out += ch + newline();
        break;
      }
      case '}':
      case ']':
        depth = Math.max(0, depth - 1);
        out += newline() + ch;
        break;
      case ',':
        out += ',' + newline();
        break;
      case ':':
        out += ': ';
        break;
      case ' ':
      case '\t':
      case '\n':
      case '\r':
        break;
      default:
        out += ch;
    }
  }
  return inString || depth !== 0 ? text : out;
}
