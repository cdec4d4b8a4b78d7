#!/usr/bin/env node
// `npm test`: installs code-server if needed, type-checks, builds, then runs the unit tests (mocha
// in Node), the integration tests (mocha in VS Code's extension host) and the UI click-through.
// Every stage runs even after an earlier one failed, except those whose inputs a failed stage
// should have produced. The last line is `N passed, N failed`, summed over the test stages; a stage
// that fails without reporting a failed test counts as one failure. The line before it,
// `Fault matrix: N passed, N failed`, counts the unit and integration tests whose full title
// contains "fault matrix". Exits 1 if anything failed.
'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..');
const node = process.execPath;
const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const mocha = path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');

/** Reads mocha's spec reporter summary ("  12 passing (40ms)", "  2 failing"). */
function parseMochaSummary(output) {
  const passing = lastMatch(output, /^\s*(\d+) passing/gm);
  if (passing === undefined) {
    return undefined;
  }
  return { passed: passing, failed: lastMatch(output, /^\s*(\d+) failing/gm) ?? 0 };
}

/** Returns a parser for the `<label>: N passed, N failed` line that the VS Code runners print. */
function summaryLineParser(label) {
  const pattern = new RegExp(`^${label}: (\\d+) passed, (\\d+) failed$`, 'gm');
  return (output) => {
    const matches = [...output.matchAll(pattern)];
    const last = matches[matches.length - 1];
    return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
  };
}

/** Tests whose full title contains this text, in any case, make up the fault matrix. */
const faultMatrixPattern = /fault matrix/i;

/**
 * Reads the test lines of mocha's spec reporter as `{ title, passed }` with full titles. The
 * reporter prints each suite title on a line of its own and each test below it, indented two
 * spaces per level: `✔ title` when it passed, `N) title` when it failed, `- title` when pending.
 * NOTE: a test that prints to stdout itself can make this parser misplace the tests after it.
 */
function parseSpecTests(output) {
  const listing = output.split(/^\s*\d+ passing/m)[0];
  const suites = [];
  const tests = [];

  for (const rawLine of listing.split('\n')) {
    const line = rawLine.replace(/\u001b\[[0-9;]*m/g, '').trimEnd();
    const text = line.trimStart();
    if (text === '') {
      continue;
    }

    const depth = (line.length - text.length) / 2;
    while (suites.length > 0 && suites[suites.length - 1].depth >= depth) {
      suites.pop();
    }

    const test = /^(✔|\d+\)) (.*?)(?: \(\d+ms\))?$/.exec(text);
    if (test) {
      tests.push({ title: [...suites.map((suite) => suite.title), test[2]].join(' '), passed: test[1] === '✔' });
    } else if (!text.startsWith('- ')) {
      suites.push({ depth, title: text });
    }
  }
  return tests;
}

/** Reads the `✓ <full title>` and `✗ <full title>` lines that test/integration/resultsReporter.ts prints. */
function parseReporterTests(output) {
  return [...output.matchAll(/^\s*([✓✗]) (.+)$/gm)].map((match) => ({ title: match[2], passed: match[1] === '✓' }));
}

function countFaultMatrix(tests) {
  const matrix = tests.filter((test) => faultMatrixPattern.test(test.title));
  const passed = matrix.filter((test) => test.passed).length;
  return { passed, failed: matrix.length - passed };
}

function lastMatch(text, pattern) {
  const matches = [...text.matchAll(pattern)];
  return matches.length > 0 ? Number(matches[matches.length - 1][1]) : undefined;
}

// `needs` lists the stages whose output a stage uses. The bundle stage also compiles the
// WebAssembly record kernel, which the unit tests load from out/. The compile stage emits
// JavaScript without type-checking (--noCheck) because the typecheck stage has checked the same
// files already.
const stages = [
  { name: 'code-server', command: ['bash', 'test/vscode/setup-code-server.sh'], needs: [] },
  { name: 'typecheck', command: [node, tsc, '-p', '.', '--noEmit'], needs: [] },
  { name: 'bundle', command: ['npm', 'run', '--silent', 'bundle'], needs: [] },
  { name: 'compile tests', command: [node, tsc, '-p', '.', '--noCheck'], needs: [] },
  {
    name: 'unit tests',
    command: [node, mocha, '--reporter', 'spec'],
    needs: ['bundle', 'compile tests'],
    parseCounts: parseMochaSummary,
    parseTests: parseSpecTests,
  },
  {
    name: 'integration tests',
    command: [node, 'out/test/vscode/runIntegration.js'],
    needs: ['code-server', 'bundle', 'compile tests'],
    parseCounts: summaryLineParser('Integration'),
    parseTests: parseReporterTests,
  },
  {
    name: 'UI tests',
    command: [node, 'out/test/ui/runUi.js'],
    needs: ['code-server', 'bundle', 'compile tests'],
    parseCounts: summaryLineParser('UI'),
  },
];

/** Runs a command in the repository root, echoing its output, and resolves with its exit code and stdout. */
function runCommand([executable, ...args]) {
  return new Promise((resolve) => {
    const child = spawn(executable, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';

    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('error', (error) => {
      console.error(`Could not start ${executable}: ${error.message}`);
      resolve({ exitCode: 1, stdout });
    });
    child.on('close', (code, signal) => resolve({ exitCode: code ?? `signal ${signal}`, stdout }));
  });
}

/** Runs one stage and returns its counts, its tests' full titles and a one-line outcome for the summary. */
async function runStage(stage, failedStages) {
  const missing = stage.needs.filter((name) => failedStages.has(name));
  if (missing.length > 0) {
    return { passed: 0, failed: 1, tests: [], outcome: `skipped, because ${missing.join(' and ')} failed` };
  }

  console.log(`\n=== ${stage.name}`);
  const { exitCode, stdout } = await runCommand(stage.command);
  return { ...stageCounts(stage, exitCode, stdout), tests: stage.parseTests ? stage.parseTests(stdout) : [] };
}

/** Returns the passed and failed counts of a finished stage and its outcome line. */
function stageCounts(stage, exitCode, stdout) {
  if (!stage.parseCounts) {
    return exitCode === 0
      ? { passed: 0, failed: 0, outcome: 'ok' }
      : { passed: 0, failed: 1, outcome: `failed (exit code ${exitCode})` };
  }

  const counts = stage.parseCounts(stdout);
  if (!counts) {
    return { passed: 0, failed: 1, outcome: `crashed before reporting results (exit code ${exitCode})` };
  }
  if (exitCode !== 0 && counts.failed === 0) {
    return { passed: counts.passed, failed: 1, outcome: `${counts.passed} passed, but exited with code ${exitCode}` };
  }
  return { ...counts, outcome: `${counts.passed} passed, ${counts.failed} failed` };
}

async function main() {
  const failedStages = new Set();
  const summary = [];
  const tests = [];
  let passed = 0;
  let failed = 0;

  for (const stage of stages) {
    const startedAt = Date.now();
    const result = await runStage(stage, failedStages);
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);

    if (result.failed > 0) {
      failedStages.add(stage.name);
    }
    passed += result.passed;
    failed += result.failed;
    tests.push(...result.tests);
    summary.push(`  ${stage.name.padEnd(18)} ${result.outcome} (${seconds} s)`);
  }

  console.log('\n=== summary');
  console.log(summary.join('\n'));
  const faultMatrix = countFaultMatrix(tests);
  console.log(`Fault matrix: ${faultMatrix.passed} passed, ${faultMatrix.failed} failed`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
