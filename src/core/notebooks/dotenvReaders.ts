// How the two readers that matter read a .env line's value, written from
// their documented and observed behaviour so the writer can check, before
// it writes, that both get the value back:
// - the Jupyter extension (vscode-jupyter's environment service), which
//   loads `python.envFile` into a kernel's environment;
// - python-dotenv (1.x), which code and the OpenHEXA SDK's users call
//   through load_dotenv(), with interpolation on (its default).
// test/integration/dotenv.test.ts checks the python-dotenv model against the
// real library.

export type DotenvReader = 'jupyter' | 'python-dotenv';

/** Variables already known: earlier lines of the file, then the process environment. */
export type Known = (name: string) => string | undefined;

/**
 * The Jupyter extension: the text after "=" is trimmed; one pair of
 * matching outer quotes (either kind) is removed and, inside them only,
 * "\n" becomes a newline; `${NAME}` not preceded by a backslash is replaced
 * (unknown: empty), unless one such reference is malformed, then none is;
 * finally every "\$" becomes "$". Nothing else is unescaped.
 */
export function readAsJupyter(raw: string, known: Known): string {
  let value = raw.trim();
  const quote = value[0];
  if ((quote === "'" || quote === '"') && value.endsWith(quote)) {
    value = value.slice(1, -1).replace(/\\n/g, '\n');
  }
  let malformed = false;
  const substituted = value.replace(/\$\{([a-zA-Z]\w*)?([^}\w].*)?\}/g, (match: string, name: string | undefined, bogus: string | undefined, at: number) => {
    if (at > 0 && value[at - 1] === '\\') {
      return match;
    }
    if (bogus || !name) {
      malformed = true;
      return match;
    }
    return known(name) || '';
  });
  return (malformed ? value : substituted).replace(/\\\$/g, '$');
}

const DOUBLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/**
 * Where python-dotenv's quoted value ends: its pattern '((?:\\'|[^'])*)'
 * takes an escaped quote wherever it can and backtracks only when no quote
 * at all follows, so in a file (where later lines hold quotes) a backslash
 * before the closing quote runs the value on past it. -1 when it would.
 */
function closingQuote(text: string, quote: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\' && text[i + 1] === quote) {
      i += 1;
    } else if (text[i] === quote) {
      return i;
    }
  }
  return -1;
}

/**
 * python-dotenv: a value opening with ' runs to the next unescaped ' (\\ and
 * \' decoded), with " to the next unescaped " (\\ \' \" \a \b \f \n \r \t
 * \v decoded); anything else runs to the end of the line, loses a
 * whitespace-led "#…" comment and trailing whitespace. Then every value,
 * quoted or not, has `${NAME}` and `${NAME:-default}` expanded. Returns
 * undefined where python-dotenv would not read the line as one binding.
 */
export function readAsPythonDotenv(raw: string, known: Known): string | undefined {
  const text = raw.replace(/^[^\S\r\n]*/, '');
  let value: string;
  if (text.startsWith("'") || text.startsWith('"')) {
    const quote = text[0]!;
    const close = closingQuote(text, quote);
    if (close < 0 || !/^[^\S\r\n]*(?:#[^\r\n]*)?$/.test(text.slice(close + 1))) {
      return undefined;
    }
    const body = text.slice(1, close);
    value = quote === "'" ? body.replace(/\\[\\']/g, (e) => e[1]!) : body.replace(/\\[\\'"abfnrtv]/g, (e) => DOUBLE_ESCAPES[e[1]!]!);
  } else {
    if (/[\r\n]/.test(text)) {
      return undefined;
    }
    value = text.replace(/\s+#.*/, '').trimEnd();
  }
  return value.replace(/\$\{([^}:]*)(?::-([^}]*))?\}/g, (_m: string, name: string, fallback: string | undefined) => known(name) ?? fallback ?? '');
}

/**
 * What a POSIX shell takes as a plain character in the unquoted value of an
 * assignment: nothing it expands, splits on or runs (an assignment's value
 * gets no pathname expansion, so ? * [ ] are plain there).
 */
const SHELL_PLAIN = /[A-Za-z0-9_@%+=:,./?*[\]{}^#-]/;

/**
 * A POSIX shell that sources the file (`set -a; . ./.env`) reads the text
 * after "NAME=" as one word: true when that word runs nothing and expands
 * nothing, and leaves the shell outside any quote (so the next line is read
 * as a line of its own). Unquoted, only plain characters and backslash
 * escapes; in single quotes anything but a newline; in double quotes no `$`
 * or backquote (command substitution, and parameter expansion, which can run
 * code through ${x@P}).
 */
export function shellRunsNothing(raw: string): boolean {
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\n' || c === '\r') {
      return false;
    }
    if (quote === "'") {
      quote = c === "'" ? undefined : quote;
    } else if (quote === '"') {
      if (c === '`' || (c === '$' && /[({[]/.test(raw[i + 1] ?? ''))) {
        return false;
      }
      if (c === '\\') {
        // A backslash last would join the next line to this one.
        if (i + 1 >= raw.length) {
          return false;
        }
        i += 1;
      } else if (c === '"') {
        quote = undefined;
      }
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '\\') {
      if (i + 1 >= raw.length) {
        return false;
      }
      i += 1;
    } else if (!SHELL_PLAIN.test(c)) {
      return false;
    }
  }
  return quote === undefined;
}
