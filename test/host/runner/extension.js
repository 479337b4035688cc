// Installed beside the product in code-server by `npm run test:host`. When the
// harness sets the two variables, it runs the compiled suites in this real
// extension host and writes the results where the harness waits for them.
const fs = require('node:fs');

exports.activate = function activate() {
  const suites = process.env.OPENHEXA_HOST_TESTS;
  const results = process.env.OPENHEXA_HOST_RESULTS;
  if (!suites || !results) {
    return;
  }
  require(suites)
    .runInto(results)
    .catch((err) => fs.writeFileSync(results, JSON.stringify({ error: String((err && err.stack) || err) })));
};

exports.deactivate = function deactivate() {};
