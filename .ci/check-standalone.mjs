#!/usr/bin/env node
// Fails (exit 1, one "file:line: reference — why" per hit) when a file of the repository refers to a
// path outside it, so that a clone with nothing beside it runs, tests and reads the same as this one.
//
// Which files: every file git tracks, plus untracked files that .gitignore does not ignore (so a new
// file is checked before it is committed), except
//   - benchmarks/results/**  recorded measurements: data that may name the paths a run used;
//   - data/SOURCES.md        names where the data files came from, not where the repo reads them;
//   - this script, which has to spell out the patterns it looks for;
//   - binary files (a NUL byte in the first 8 KiB), e.g. a checkpoint's weights.
//
// What counts as a reference outside the repository:
//   1. a relative path that climbs above the repository root: a token starting with `../` (at the
//      start of a line or after whitespace, a quote, a backtick, `(`, `[`, `=` or `,`) that, joined
//      to the folder of the file it is written in, leaves the root. Source files resolve such paths
//      from their own folder (`new URL('../x', import.meta.url)`), and package.json scripts, README
//      commands and tsconfig `extends` from the folder that holds them, so that folder is the base;
//   2. an absolute path into a machine's file system: a token starting with /work/, /home/,
//      /Users/, /root/ or /mnt/ (after the same separators, or after `file://`). /tmp is allowed:
//      scratch space that every machine has.
//
// Markdown (*.md) is prose, and a sentence may name a folder a reader does not have (e.g. to say
// that nothing reads it). In Markdown only what sends a reader somewhere is checked: link targets
// (`[text](target)`, `[label]: target`), fenced code blocks (commands to run), and inline code spans
// that name a file (their last path segment has an extension, such as `DESIGN.md`). An inline code
// span naming only a folder, and plain prose, are not checked.
//
// Usage: node .ci/check-standalone.mjs   (from anywhere inside the repository)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';

const SEP = String.raw`(?:^|[\s'"\x60(\[=,])`;
const RELATIVE = new RegExp(`${SEP}((?:\\.\\./)+[^\\s'"\\x60)\\]>,;]*)`, 'g');
const ABSOLUTE_ROOTS = ['work', 'home', 'Users', 'root', 'mnt'].join('|');
const ABSOLUTE = new RegExp(
  `(?:${SEP}|file://)(/(?:${ABSOLUTE_ROOTS})/[^\\s'"\\x60)\\]>,;]*)`,
  'g',
);
const EXCLUDED = [/^benchmarks\/results\//, /^data\/SOURCES\.md$/, /^\.ci\/check-standalone\.mjs$/];

const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
const files = execFileSync(
  'git',
  ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
  {
    cwd: root,
    encoding: 'utf8',
  },
)
  .split('\0')
  .filter((f) => f !== '' && !EXCLUDED.some((re) => re.test(f)));

/** Why `token`, written in a file of folder `dir` (relative to the root), points outside; or null. */
function outside(token, dir) {
  if (token.startsWith('/')) return 'absolute path into a machine';
  const resolved = posix.normalize(posix.join(dir, token));
  return resolved === '..' || resolved.startsWith('../')
    ? `resolves to ${resolved} (above the root)`
    : null;
}

/** The references in one line of code or config. */
function codeHits(line, dir) {
  const hits = [];
  for (const re of [RELATIVE, ABSOLUTE]) {
    for (const m of line.matchAll(re)) {
      const why = outside(m[1], dir);
      if (why) hits.push({ token: m[1], why });
    }
  }
  return hits;
}

/** The parts of a Markdown line that send a reader somewhere (see the header). */
function markdownTargets(line) {
  const targets = [];
  for (const m of line.matchAll(/\]\(([^)\s]+)/g)) targets.push(m[1]);
  const definition = line.match(/^\s*\[[^\]]+\]:\s*(\S+)/);
  if (definition) targets.push(definition[1]);
  for (const m of line.matchAll(/`([^`]+)`/g)) {
    if (/\.[A-Za-z0-9]+$/.test(m[1].trim().split('/').pop() ?? '')) targets.push(m[1]);
  }
  return targets;
}

const problems = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(posix.join(root, file));
  } catch {
    continue; // listed by git but deleted in the working tree
  }
  if (text.subarray(0, 8192).includes(0)) continue;
  const dir = posix.dirname(file);
  const markdown = file.endsWith('.md');
  let fenced = false;
  text
    .toString('utf8')
    .split('\n')
    .forEach((line, i) => {
      let hits;
      if (!markdown) hits = codeHits(line, dir);
      else if (/^\s*(```|~~~)/.test(line)) {
        fenced = !fenced;
        hits = [];
      } else if (fenced) hits = codeHits(line, dir);
      else hits = markdownTargets(line).flatMap((t) => codeHits(` ${t}`, dir));
      for (const h of hits) problems.push(`${file}:${i + 1}: ${h.token} — ${h.why}`);
    });
}

if (problems.length > 0) {
  console.error(
    `check-standalone: ${problems.length} reference(s) to paths outside the repository:`,
  );
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`check-standalone: ${files.length} files, no reference outside the repository`);
