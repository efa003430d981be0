// node once.mjs module.wasm N [shared-dir]: parse the corpus N times, no timing. For
// load-independent counts: run under `valgrind --tool=callgrind --smc-check=all` with two N
// and divide the difference by the difference of N.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
const [wasmPath, n] = process.argv.slice(2);
const dir = join(process.argv[4] ?? new URL("../../../../../shared", import.meta.url).pathname, "conformance/corpus");
const dec = new TextDecoder("utf-8", { fatal: true });
const parts = [];
for (const name of readdirSync(dir).filter((x) => x.endsWith(".Dockerfile")).sort()) {
  const b = readFileSync(join(dir, name));
  try { dec.decode(b); } catch { continue; }
  parts.push(b, Buffer.from([0]));
}
const input = Buffer.concat(parts);
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {});
const { alloc, parse_all, memory } = instance.exports;
const ptr = alloc(input.length);
new Uint8Array(memory.buffer, ptr, input.length).set(input);
console.log(parse_all(ptr, input.length, Number(n)));
