/** What a host-test run reports, written by the runner and read by the harness. */
export interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: string;
}

export interface HostResults {
  tests?: TestResult[];
  /** The run itself could not start. */
  error?: string;
  vscodeVersion?: string;
  language?: string;
  /** The extension's own activation figures, as it measured them in this host. */
  activation?: { modulesMs: number; activateMs: number };
}
