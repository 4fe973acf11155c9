#!/usr/bin/env node
// Prepares the Envoy v3 protos that RulesMesh.Envoy compiles with Grpc.Tools. Run by EnvoyProtos.targets.
//
//  1. Fetch: `npm pack <package>@<version>` into a per-version cache folder, once. The tarball is unpacked
//     here (gzip + tar, no external tar needed) into a temporary folder that is renamed into place, so a
//     concurrent build either finds the finished folder or makes its own; `.complete` marks a finished one.
//  2. Patch: copy deps/protoc-gen-validate/validate/validate.proto to --out and add
//     `optional bool ignore_empty = 26;` to `message StringRules` (the Envoy protos use it; the bundled copy
//     lacks it). The copy is rewritten only when its content changes, so protoc's up-to-date check holds.
//  3. Closure: follow `import "...";` from the --root files through the include roots (our own --local-root
//     first, then the patched validate folder, envoy-api, xds, googleapis). Imports found in --std-include
//     (Grpc.Tools' google/protobuf well-known types, which Google.Protobuf already has) are not compiled.
//     Writes --list: one `<proto file>|<proto root>` line per file to compile, sorted.
//
// Usage: node envoy-protos.mjs --package @grpc/grpc-js-xds --version 1.14.1 --cache-dir DIR --out DIR
//          --list FILE --local-root DIR --std-include DIR [--npm npm] --root a.proto --root b.proto ...
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const TAG = 'RulesMesh.Envoy';

function fail(message) {
  // "error RM...:" makes MSBuild's Exec report the line as an error with our text.
  process.stderr.write(`${TAG}: error RMENVOY001: ${message}\n`);
  process.exit(1);
}

function parseArgs(argv) {
  const args = { root: [] };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    if (!key.startsWith('--')) fail(`unexpected argument '${key}'`);
    const value = argv[++i];
    if (value === undefined) fail(`missing value for ${key}`);
    const name = key.slice(2);
    if (name === 'root') args.root.push(...value.split(';').filter(s => s.trim() !== '').map(s => s.trim()));
    else args[name] = value;
  }
  for (const required of ['package', 'version', 'cache-dir', 'out', 'list', 'local-root']) {
    if (!args[required]) fail(`missing --${required}`);
  }
  args.npm ??= 'npm';
  return args;
}

// ---------------------------------------------------------------- fetch

function runNpm(npm, npmArgs, cwd) {
  // npm is npm.cmd on Windows, which Node only starts through a shell.
  const onWindows = process.platform === 'win32';
  const result = spawnSync(npm, npmArgs, { cwd, encoding: 'utf8', shell: onWindows, windowsHide: true });
  if (result.error) {
    if (result.error.code === 'ENOENT') {
      fail(`'${npm}' was not found. Building RulesMesh.Envoy needs Node.js and npm on PATH (or set the MSBuild property RulesMeshNpm) to fetch the Envoy protos once into the cache.`);
    }
    fail(`could not run '${npm}': ${result.error.message}`);
  }
  return result;
}

function readOctal(buf, start, length) {
  // Base-256 (high bit set) sizes only appear for files over 8 GiB; not expected in an npm tarball.
  if (buf[start] & 0x80) fail('tar entry too large (base-256 size field)');
  const text = buf.toString('latin1', start, start + length).replace(/\0.*$/s, '').trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function readString(buf, start, length) {
  const end = buf.indexOf(0, start);
  return buf.toString('utf8', start, end === -1 || end > start + length ? start + length : end);
}

function parsePax(data) {
  const records = {};
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space === -1) break;
    const length = parseInt(data.toString('latin1', offset, space), 10);
    if (!(length > 0)) break;
    const record = data.toString('utf8', space + 1, offset + length - 1);
    const eq = record.indexOf('=');
    if (eq > 0) records[record.slice(0, eq)] = record.slice(eq + 1);
    offset += length;
  }
  return records;
}

// Extracts regular files from a (gzipped) tar buffer into dest, keeping only paths accepted by keep().
function extractTar(tgz, dest, keep) {
  const tar = zlib.gunzipSync(tgz);
  let offset = 0;
  let pax = {};
  let longName = null;
  let count = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every(b => b === 0)) break;
    const size = readOctal(header, 124, 12);
    const mtime = readOctal(header, 136, 12);
    const type = String.fromCharCode(header[156] || 0x30);
    const dataStart = offset + 512;
    const data = tar.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / 512) * 512;

    if (type === 'x') { pax = parsePax(data); continue; }
    if (type === 'g') continue;
    if (type === 'L') { longName = readString(data, 0, data.length); continue; }

    let name = readString(header, 0, 100);
    const magic = header.toString('latin1', 257, 262);
    if (magic === 'ustar') {
      const prefix = readString(header, 345, 155);
      if (prefix) name = `${prefix}/${name}`;
    }
    if (longName !== null) name = longName;
    if (pax.path) name = pax.path;
    pax = {};
    longName = null;

    if (type !== '0' && type !== '\0' && type !== '7') continue; // directories, links: not needed
    const normalized = path.posix.normalize(name.replace(/\\/g, '/'));
    if (normalized.startsWith('../') || path.posix.isAbsolute(normalized)) fail(`unsafe path in package tarball: ${name}`);
    if (!keep(normalized)) continue;
    const target = path.join(dest, ...normalized.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, data);
    // Keep the tarball's time stamps (npm packs every file with the same fixed one), so that fetching the same
    // version again, into another cache folder, does not make Grpc.Tools recompile every proto.
    if (mtime > 0) fs.utimesSync(target, mtime, mtime);
    count++;
  }
  return count;
}

function ensurePackage(args) {
  const cacheDir = path.resolve(args['cache-dir']);
  const marker = path.join(cacheDir, '.complete');
  if (fs.existsSync(marker)) return cacheDir;

  const spec = `${args.package}@${args.version}`;
  fs.mkdirSync(path.dirname(cacheDir), { recursive: true });
  const work = fs.mkdtempSync(path.join(path.dirname(cacheDir), `.${path.basename(cacheDir)}.tmp-`));
  try {
    const packDir = path.join(work, 'pack');
    fs.mkdirSync(packDir);
    process.stdout.write(`${TAG}: fetching ${spec} with npm pack (once; cached in ${cacheDir})\n`);
    const result = runNpm(args.npm, ['pack', spec, '--json', '--ignore-scripts', '--pack-destination', packDir], packDir);
    if (result.status !== 0) {
      fail(`'npm pack ${spec}' failed (exit ${result.status}):\n${(result.stderr || '').trim()}\n${(result.stdout || '').trim()}`);
    }
    const tarballs = fs.readdirSync(packDir).filter(f => f.endsWith('.tgz'));
    if (tarballs.length !== 1) fail(`'npm pack ${spec}' produced ${tarballs.length} tarballs in ${packDir}`);

    const contentDir = path.join(work, 'content');
    // Only the protos (and the licences beside them) are needed.
    const count = extractTar(fs.readFileSync(path.join(packDir, tarballs[0])), contentDir,
      p => p === 'package/package.json' || (p.startsWith('package/deps/') && (p.endsWith('.proto') || /\/LICENSE[^/]*$/.test(p))));
    if (count === 0 || !fs.existsSync(path.join(contentDir, 'package', 'deps', 'envoy-api'))) {
      fail(`${tarballs[0]} has no deps/envoy-api protos`);
    }
    fs.writeFileSync(path.join(contentDir, '.complete'), `${spec}\n`);
    try {
      fs.renameSync(contentDir, cacheDir);
    } catch (error) {
      // Another build finished first (or a stale unfinished folder is in the way).
      if (!fs.existsSync(marker)) {
        fs.rmSync(cacheDir, { recursive: true, force: true });
        fs.renameSync(contentDir, cacheDir);
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  if (!fs.existsSync(marker)) fail(`could not populate ${cacheDir}`);
  return cacheDir;
}

// ---------------------------------------------------------------- patch

function writeIfChanged(file, content) {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

function patchValidate(depsDir, outDir) {
  const source = path.join(depsDir, 'protoc-gen-validate', 'validate', 'validate.proto');
  if (!fs.existsSync(source)) fail(`missing ${source}`);
  let text = fs.readFileSync(source, 'utf8');
  const start = text.search(/^message StringRules\s*\{/m);
  if (start === -1) fail(`no 'message StringRules' in ${source}`);
  // The message body ends at the first closing brace at column 0 after it.
  const end = text.indexOf('\n}', start);
  if (end === -1) fail(`unterminated 'message StringRules' in ${source}`);
  const body = text.slice(start, end);
  if (/\bignore_empty\s*=\s*26\b/.test(body)) {
    // Already present upstream: nothing to add.
  } else if (/=\s*26\s*[;\[]/.test(body)) {
    fail(`StringRules in ${source} already uses field 26 for something other than ignore_empty`);
  } else {
    const addition = '\n\n    // Added by RulesMesh.Envoy at build time: used by the Envoy protos, missing from this copy.\n' +
      '    optional bool ignore_empty = 26;';
    text = text.slice(0, end) + addition + text.slice(end);
  }
  const patchedRoot = path.join(outDir, 'validate-patched');
  writeIfChanged(path.join(patchedRoot, 'validate', 'validate.proto'), text);
  return patchedRoot;
}

// ---------------------------------------------------------------- closure

const IMPORT = /^\s*import\s+(?:public\s+|weak\s+)?"([^"]+)"\s*;/gm;

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
}

function closure(roots, includeRoots, stdInclude) {
  const resolved = new Map(); // import path -> include root
  const queue = [...roots];
  const skippedStd = new Set();
  while (queue.length > 0) {
    const importPath = queue.shift().replace(/\\/g, '/');
    if (resolved.has(importPath) || skippedStd.has(importPath)) continue;
    const root = includeRoots.find(r => fs.existsSync(path.join(r, importPath)));
    if (!root) {
      if (stdInclude && fs.existsSync(path.join(stdInclude, importPath))) { skippedStd.add(importPath); continue; }
      fail(`cannot find '${importPath}' in ${includeRoots.join(', ')}${stdInclude ? ` or ${stdInclude}` : ''}`);
    }
    resolved.set(importPath, root);
    const text = stripComments(fs.readFileSync(path.join(root, importPath), 'utf8'));
    for (const match of text.matchAll(IMPORT)) queue.push(match[1]);
  }
  return resolved;
}

// ---------------------------------------------------------------- main

const args = parseArgs(process.argv.slice(2));
const cacheDir = ensurePackage(args);
const depsDir = path.join(cacheDir, 'package', 'deps');
const outDir = path.resolve(args.out);
const patchedRoot = patchValidate(depsDir, outDir);
const localRoot = path.resolve(args['local-root']);
const includeRoots = [localRoot, patchedRoot, ...['envoy-api', 'xds', 'googleapis'].map(d => path.join(depsDir, d))];
const stdInclude = args['std-include'] ? path.resolve(args['std-include']) : null;

if (args.root.length === 0) fail('no --root protos given');
const files = closure(args.root, includeRoots, stdInclude);
const lines = [...files.entries()]
  .map(([importPath, root]) => `${path.join(root, ...importPath.split('/'))}|${root}`)
  .sort();
fs.mkdirSync(path.dirname(path.resolve(args.list)), { recursive: true });
// Always rewritten: its time stamp is the MSBuild target's output.
fs.writeFileSync(path.resolve(args.list), lines.join('\n') + '\n');
process.stdout.write(`${TAG}: ${lines.length} protos to compile (import closure of ${args.root.length} roots)\n`);
