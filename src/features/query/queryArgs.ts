import * as vscode from 'vscode';
import { z } from 'zod';

/** The document an editor title button or a script names (a keybinding gives none: the active editor then). */
export const documentArg = z.custom<vscode.Uri>((v) => v instanceof vscode.Uri).describe("a SQL document's URI");
