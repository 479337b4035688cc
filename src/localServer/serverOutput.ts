// What the local server and initdb print, sorted for the extension's log.
// Startup chatter, checkpoints and warnings raised by client sessions (an
// ANALYZE skipping shared catalogs, a refused login) say nothing a user acts
// on: the session that caused them already reports its own error. They stay
// readable at the Debug log level. A PANIC is the server itself failing.

export type ServerLogLevel = 'debug' | 'error';

export interface ServerLogLine {
  readonly level: ServerLogLevel;
  readonly text: string;
}

// "2026-11-24 21:15:13.556 UTC [12484] PANIC:  could not write to file ..."
const SEVERITY = /^\S+ \S+ \S+ \[\d+\] (DEBUG\d|INFO|NOTICE|WARNING|ERROR|LOG|FATAL|PANIC|DETAIL|HINT|QUERY|CONTEXT|LOCATION|STATEMENT):/;

/** Splits a chunk of output into its non-empty lines, each with the level to log it at. */
export function serverLogLines(chunk: string): ServerLogLine[] {
  return chunk
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .map((text) => ({ text, level: SEVERITY.exec(text)?.[1] === 'PANIC' ? 'error' : 'debug' }));
}
