#!/usr/bin/env node
// Compiles the record scanning kernel (src/csv/wasm/recordKernel.ts, AssemblyScript) to
// WebAssembly with SIMD. The module is written next to the bundle (dist/) and next to the
// compiled CSV modules that tests load from out/, because both load it from their own folder.
'use strict';

const fs = require('node:fs/promises');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..');
const source = 'src/csv/wasm/recordKernel.ts';
const outputs = ['dist/recordKernel.wasm', 'out/src/csv/recordKernel.wasm'];

async function main() {
  for (const output of outputs) {
    await fs.mkdir(path.join(repoRoot, path.dirname(output)), { recursive: true });
  }

  const asc = await import('assemblyscript/asc');
  const { error, stderr } = await asc.main(
    [
      source,
      '--outFile', outputs[0],
      '--optimizeLevel', '3',
      '--runtime', 'stub',
      '--enable', 'simd',
      '--importMemory',
      '--noAssert',
    ],
    { stdout: process.stdout, stderr: process.stderr },
  );
  if (error) {
    throw new Error(`AssemblyScript could not compile ${source}: ${error.message}\n${stderr.toString()}`);
  }

  for (const copy of outputs.slice(1)) {
    await fs.copyFile(path.join(repoRoot, outputs[0]), path.join(repoRoot, copy));
  }
}

process.chdir(repoRoot);
main().catch((error) => {
  console.error(error.message ?? error);
  process.exit(1);
});
