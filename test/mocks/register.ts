// Loaded by the unit tier (mocha --require): `import 'vscode'` gets the stand-in in ./vscode.ts.
import Module from 'node:module';
import * as path from 'node:path';

const stand = path.join(__dirname, 'vscode.js');
const resolve = (Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string })._resolveFilename;
(Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string })._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? stand : resolve.call(this, request, ...rest);
};
