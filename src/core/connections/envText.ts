// Environment variables as .env lines (python-dotenv's and VS Code Jupyter's
// reading): a value other than plain characters goes in double quotes, with
// \\, ", newlines and $ escaped so neither parser changes it.

const PLAIN = /^[A-Za-z0-9_./:@%+,=-]*$/;

export function dotenvValue(value: string): string {
  if (PLAIN.test(value)) {
    return value;
  }
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\$/g, '\\$')}"`;
}

export function dotenvLines(env: readonly (readonly [name: string, value: string])[]): string {
  return env.map(([name, value]) => `${name}=${dotenvValue(value)}`).join('\n');
}
