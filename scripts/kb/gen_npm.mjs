#!/usr/bin/env node
// Generate the embedded npm table: unpacked sizes and production dependency closures.
//
//   node scripts/kb/gen_npm.mjs
//
// For every package name met (seeds from scripts/kb/npm_top.txt, then their dependencies) it runs
// `npm view <name>@* version dependencies peerDependencies
//  peerDependenciesMeta optionalDependencies --json` once (through npm's configured registry),
// resolves each dependency range to its highest matching version with npm's own `semver`, and
// follows dependencies + non-optional peerDependencies + linux-x64 optionalDependencies (what
// `npm install` on linux/x64 installs). Output crates/knowledge/data/npm.tsv, sorted:
//
//   name  version  unpacked-bytes|-  deps (name, or name@version when several versions are
//   kept)  flags (s = seed: the latest version of a curated package)
//
// Sizes: the configured registry does not return dist.unpackedSize, so every kept version is
// measured with `npm pack --dry-run --json <name@version…>` (npm downloads the tarball and
// reports unpackedSize = sum of file sizes). `-` = npm could not pack it.
// `npm view` answers are cached in $NPM_VIEW_CACHE (default /tmp/kb/npm-view) for reruns.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const semver = require('/usr/lib/node_modules/npm/node_modules/semver');
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const out = path.join(root, 'crates', 'knowledge', 'data', 'npm.tsv');
const seeds = readFileSync(path.join(here, 'npm_top.txt'), 'utf8')
  .split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

const PLATFORM_WORDS = ['darwin', 'win32', 'windows', 'android', 'freebsd', 'openbsd', 'netbsd',
  'sunos', 'aix', 'arm64', 'arm', 'ppc64', 's390x', 'ia32', 'musl', 'wasm32', 'riscv64',
  'loong64', 'mips', 'linux', 'x64', 'fsevents'];
function optionalWanted(name) {
  const n = name.toLowerCase();
  if (n.includes('linux') && n.includes('x64')) return !n.includes('musl');
  return !PLATFORM_WORDS.some((w) => n.includes(w));
}

const cacheDir = process.env.NPM_VIEW_CACHE || '/tmp/kb/npm-view';
mkdirSync(cacheDir, { recursive: true });
function normalise(v) {
  // npm view prints a bare value when only one requested field exists: a version string
  // (or an array of them) for versions without dependencies.
  if (!Array.isArray(v)) v = [v];
  return v.map((x) => (typeof x === 'string' ? { version: x } : x))
    .filter((x) => x && typeof x.version === 'string');
}
function view(name) {
  const file = path.join(cacheDir, encodeURIComponent(name) + '.json');
  if (existsSync(file)) return Promise.resolve(normalise(JSON.parse(readFileSync(file, 'utf8'))));
  return new Promise((resolve) => {
    execFile('npm', ['view', `${name}@*`, 'version', 'dependencies',
      'peerDependencies', 'peerDependenciesMeta', 'optionalDependencies', '--json'],
    { maxBuffer: 512 * 1024 * 1024 }, (err, stdout) => {
      if (err && !stdout) { process.stderr.write(`skip ${name}: ${err.message.split('\n')[0]}\n`); resolve(null); return; }
      try {
        const v = JSON.parse(stdout);
        writeFileSync(file, JSON.stringify(v));
        resolve(normalise(v));
      } catch (e) { process.stderr.write(`skip ${name}: bad json\n`); resolve(null); }
    });
  });
}

function packSizes(specs) {
  return new Promise((resolve) => {
    execFile('npm', ['pack', '--dry-run', '--json', ...specs], { maxBuffer: 512 * 1024 * 1024, cwd: cacheDir },
      (err, stdout) => {
        try { resolve(JSON.parse(stdout)); } catch { process.stderr.write(`pack failed: ${specs[0]}…\n`); resolve([]); }
      });
  });
}

const versions = new Map(); // name -> array of version docs
const pending = new Set(seeds);
const done = new Set();
async function fetchAll() {
  const CONC = 10;
  while (pending.size) {
    const batch = [...pending].sort();
    pending.clear();
    let i = 0;
    const workers = Array.from({ length: CONC }, async () => {
      while (i < batch.length) {
        const name = batch[i++];
        if (done.has(name)) continue;
        done.add(name);
        const docs = await view(name);
        if (docs) versions.set(name, docs);
      }
    });
    await Promise.all(workers);
    // Discover dependencies of the versions we will use (filled in resolve()).
    for (const [name, docs] of versions) {
      for (const d of docs) if (d.__used) for (const dep of depsOf(d)) if (!done.has(dep[0])) pending.add(dep[0]);
    }
    resolveUsed();
    for (const [, docs] of versions) for (const d of docs) if (d.__used) for (const dep of depsOf(d)) if (!done.has(dep[0])) pending.add(dep[0]);
  }
}

function depsOf(doc) {
  const out = [];
  for (const [n, r] of Object.entries(doc.dependencies || {})) out.push([n, r]);
  const meta = doc.peerDependenciesMeta || {};
  for (const [n, r] of Object.entries(doc.peerDependencies || {})) if (!(meta[n] && meta[n].optional)) out.push([n, r]);
  for (const [n, r] of Object.entries(doc.optionalDependencies || {})) if (optionalWanted(n)) out.push([n, r]);
  return out;
}

function pick(name, range) {
  const docs = versions.get(name);
  if (!docs) return null;
  const vs = docs.map((d) => d.version).filter((v) => semver.valid(v));
  let best = null;
  try { best = semver.maxSatisfying(vs.filter((v) => !semver.prerelease(v)), range) || semver.maxSatisfying(vs, range, { includePrerelease: true }); } catch { best = null; }
  if (!best) {
    // "latest", tags, URLs: take the newest stable version.
    const stable = vs.filter((v) => !semver.prerelease(v)).sort(semver.compare);
    best = stable[stable.length - 1] || null;
  }
  return best ? docs.find((d) => d.version === best) : null;
}

const edges = new Map(); // "name@version" -> [ "dep@version" ]
function resolveUsed() {
  const stack = [];
  for (const s of seeds) {
    const d = pick(s, 'latest');
    if (d) { d.__seed = true; stack.push([s, d]); }
  }
  const seen = new Set();
  while (stack.length) {
    const [name, d] = stack.pop();
    const id = `${name}@${d.version}`;
    if (seen.has(id)) continue;
    seen.add(id);
    d.__used = true;
    const list = [];
    for (const [n, r] of depsOf(d)) {
      const dd = pick(n, r);
      if (dd) { list.push(`${n}@${dd.version}`); stack.push([n, dd]); } else list.push(`${n}@?`);
    }
    edges.set(id, [...new Set(list)].sort());
  }
}

await fetchAll();
resolveUsed();
const used = [];
for (const [name, docs] of versions) for (const d of docs) if (d.__used) used.push([name, d]);
used.sort((a, b) => (a[0] + '@' + a[1].version).localeCompare(b[0] + '@' + b[1].version));
// Pack results are cached too ($NPM_PACK_CACHE): spec -> unpackedSize.
const packCacheFile = process.env.NPM_PACK_CACHE || '/tmp/kb/npm-pack-cache.json';
const sizes = new Map(existsSync(packCacheFile) ? Object.entries(JSON.parse(readFileSync(packCacheFile, 'utf8'))) : []);
{
  const specs = used.map(([n, d]) => `${n}@${d.version}`).filter((id) => !sizes.has(id));
  const batches = [];
  for (let i = 0; i < specs.length; i += 40) batches.push(specs.slice(i, i + 40));
  let next = 0;
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < batches.length) {
      const b = batches[next++];
      let res = await packSizes(b);
      if (res.length === 0 && b.length > 1) {
        // One bad spec fails the batch: retry one by one.
        res = [];
        for (const spec of b) res.push(...await packSizes([spec]));
      }
      for (const r of res) sizes.set(`${r.name}@${r.version}`, r.unpackedSize);
    }
  }));
}
writeFileSync(packCacheFile, JSON.stringify(Object.fromEntries([...sizes].sort())));
// A dependency is written as bare `name` when the table keeps a single version of it (most
// names), `name@version` otherwise — keeps the table small for the wasm bundle.
const rowsPerName = new Map();
for (const [name] of used) rowsPerName.set(name, (rowsPerName.get(name) || 0) + 1);
const short = (dep) => {
  const at = dep.lastIndexOf('@');
  const name = dep.slice(0, at);
  return rowsPerName.get(name) === 1 ? name : dep;
};
const rows = [];
for (const [name, d] of used) {
  const id = `${name}@${d.version}`;
  const size = sizes.get(id);
  rows.push([name, d.version, size == null ? '-' : String(size), (edges.get(id) || []).map(short).join(','), d.__seed ? 's' : ''].join('\t'));
}
rows.sort();
const date = new Date().toISOString().slice(0, 10);
writeFileSync(out, `# generated by scripts/kb/gen_npm.mjs from the npm registry (npm view) on ${date}; do not edit\n`
  + '# name\tversion\tunpacked-bytes\tdeps\tflags\n' + rows.join('\n') + '\n');
process.stderr.write(`npm: ${rows.length} package versions, ${versions.size} names\n`);
