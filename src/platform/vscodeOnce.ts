// The bundle routes every module's `import 'vscode'` here (scripts/build.mjs):
// esbuild gives each importer of an external module a copy of its ~300 names,
// which cost 20 ms of activation in the extension host; through this one
// module the copy is made once. tsc's output (the tests) never uses it.
export * from 'vscode';
