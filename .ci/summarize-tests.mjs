// Sums every package's vitest JSON report into the one line CI reads: "N passed, N failed".
// A test file that failed to load counts as a failure; a package whose test script wrote no report does too.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const dirs = [];
for (const pattern of pkg.workspaces) {
  if (pattern.endsWith('/*')) {
    const base = pattern.slice(0, -2);
    const { readdirSync } = await import('node:fs');
    for (const d of readdirSync(join(root, base))) dirs.push(join(base, d));
  } else dirs.push(pattern);
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of dirs) {
  const manifest = join(root, dir, 'package.json');
  if (!existsSync(manifest)) continue;
  const hasTests = Boolean(JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test);
  if (!hasTests) continue;
  const report = join(root, dir, 'test-results.json');
  if (!existsSync(report)) {
    console.log(`${dir}: no test report (runner crashed or did not run)`);
    failed += 1;
    continue;
  }
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const suiteErrors = (r.testResults ?? []).filter(
    (f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0,
  ).length;
  console.log(
    `${dir}: ${r.numPassedTests} passed, ${r.numFailedTests + suiteErrors} failed, ${r.numPendingTests + r.numTodoTests} skipped`,
  );
  passed += r.numPassedTests;
  failed += r.numFailedTests + suiteErrors;
  skipped += r.numPendingTests + r.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
