import type { Feature } from '../feature';
import { importFile } from './commands/importFile';

/** Putting data in: a delimited file into a new workspace table. */
export const importing: Feature = {
  commands: [importFile],
};
