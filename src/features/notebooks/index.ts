import type { Feature } from '../feature';
import { insertSnippet } from './commands/insertSnippet';
import { openTerminal } from './commands/openTerminal';
import { removeEnvBlock } from './commands/removeEnvBlock';
import { writeEnv } from './commands/writeEnv';

/** Notebooks: snippets in Jupyter notebooks, the workspace's variables in .env, a terminal with them. */
export const notebooks: Feature = {
  commands: [insertSnippet, writeEnv, removeEnvBlock, openTerminal],
};
