import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';

/** The walkthrough's steps (package.json), each ticked by what the user did, whenever they did it. */
export type WalkthroughStep = 'server' | 'workspace' | 'preview' | 'credentials' | 'connection' | 'notebook';
const STEPS: readonly WalkthroughStep[] = ['server', 'workspace', 'preview', 'credentials', 'connection', 'notebook'];
export const WALKTHROUGH_ID = 'openhexa.gettingStarted';

const contextKey = (step: WalkthroughStep): string => `openhexa.walkthrough.${step}`;

/**
 * Ticks the walkthrough's steps when their thing happens, and again at each
 * activation for what was done before. VS Code (1.100) builds its
 * walkthrough service only when a walkthrough first opens: commands run
 * before that are not seen, and an `onContext:` event already true then is
 * recorded without ticking its step. So each step is marked complete through
 * the workbench's own `welcome.markStepComplete`, which stores it; the
 * context keys stay for the completion events of the manifest.
 */
/** Waits between attempts to mark a step the workbench does not know yet. */
const RETRY_DELAYS_MS = [500, 1000, 2000, 5000, 10_000];

export class WalkthroughProgress {
  constructor(
    private readonly state: vscode.Memento,
    private readonly extensionId: string,
    private readonly log: Logger,
  ) {}

  /** At activation: steps done in earlier sessions are marked again (the workbench's storage may be new). */
  restore(): void {
    for (const step of STEPS) {
      if (this.state.get<boolean>(contextKey(step))) {
        this.mark(step);
      }
    }
  }

  isDone(step: WalkthroughStep): boolean {
    return this.state.get<boolean>(contextKey(step)) === true;
  }

  done(step: WalkthroughStep): void {
    if (!this.isDone(step)) {
      void this.state.update(contextKey(step), true);
    }
    this.mark(step);
  }

  private mark(step: WalkthroughStep): void {
    void vscode.commands.executeCommand('setContext', contextKey(step), true);
    void this.markInWorkbench(step);
  }

  /**
   * Right after installation the workbench may not have read this extension's
   * walkthrough yet ("step which does not exist in registry"): tried again a
   * few times. Another editor may lack the command: the context keys still
   * tick the steps there, so a last failure is only a debug line.
   */
  private async markInWorkbench(step: WalkthroughStep): Promise<void> {
    const id = `${this.extensionId}#${WALKTHROUGH_ID}#${step}`;
    for (let attempt = 0; ; attempt++) {
      try {
        await vscode.commands.executeCommand('welcome.markStepComplete', id);
        return;
      } catch (err) {
        if (attempt >= RETRY_DELAYS_MS.length) {
          this.log.debug(`The walkthrough step ${step} could not be marked complete (${err instanceof Error ? err.message : String(err)})`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
      }
    }
  }
}

declare module '../../platform/services' {
  interface Services {
    /** Ticks the walkthrough's steps as the user does them. */
    readonly walkthrough: WalkthroughProgress;
  }
}
