// node run.mjs path/to/stagecraft_syntax_wasm_bench.wasm [shared-dir]
// Parses the concatenated UTF-8 corpus (as benches/parse.rs does), reports best-of-N MB/s.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const [wasmPath, sharedArg] = process.argv.slice(2);
const shared = sharedArg ?? new URL("../../../../../shared", import.meta.url).pathname;
const dir = join(shared, "conformance/corpus");
const dec = new TextDecoder("utf-8", { fatal: true });
const parts = [];
for (const name of readdirSync(dir).filter((n) => n.endsWith(".Dockerfile")).sort()) {
  const b = readFileSync(join(dir, name));
  try { dec.decode(b); } catch { continue; }
  parts.push(b, Buffer.from([0]));
}
const input = Buffer.concat(parts);
const bytes = input.length - parts.length / 2;
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {});
const { alloc, parse_all, memory } = instance.exports;
const ptr = alloc(input.length);
new Uint8Array(memory.buffer, ptr, input.length).set(input);
parse_all(ptr, input.length, 3); // warm up (JIT tiers)
const iters = 5;
let best = Infinity;
for (let r = 0; r < 15; r++) {
  const t = performance.now();
  parse_all(ptr, input.length, iters);
  best = Math.min(best, (performance.now() - t) / iters);
}
console.log(`wasm: ${parts.length / 2} files, ${bytes} bytes, best ${best.toFixed(3)} ms/parse, ${(bytes / best / 1e3).toFixed(1)} MB/s`);
