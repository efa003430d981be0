#!/usr/bin/env node
// Bundles the playground's editor (www/editor/editor.js, our own, no dependencies) into one
// minified ES module with esbuild.
//
// Trunk runs this as a pre_build hook (Trunk.toml) and the output goes straight into trunk's
// staging directory as editor.js, which crates/web/src/editor.rs imports.
//
//   node scripts/build-editor.mjs [outfile]   (default: $TRUNK_STAGING_DIR/editor.js)

import { build } from "esbuild";
import { join } from "node:path";

const out = process.argv[2] ?? (process.env.TRUNK_STAGING_DIR && join(process.env.TRUNK_STAGING_DIR, "editor.js"));
if (!out) {
  console.error("build-editor: no output file (pass one, or run from trunk)");
  process.exit(2);
}
await build({
  entryPoints: ["www/editor/editor.js"],
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  legalComments: "none",
  outfile: out,
  logLevel: "warning",
});
