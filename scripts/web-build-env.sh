# Sourced by scripts/build-web.sh and scripts/build-web-names.sh: the compiler options of the
# playground's wasm (why each one: see build-web.sh). Expects to run from the repository root.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=z
if [ "${STAGECRAFT_PLAIN_STD:-0}" != 1 ]; then
  export RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  export RUSTFLAGS="${RUSTFLAGS:-} -Zfmt-debug=none -Zlocation-detail=none"
  # std's own dependencies (its workspace has a Cargo.lock of its own), so trunk's build
  # needs no network later; a no-op when they are already in cargo's cache.
  cargo fetch --locked --manifest-path "$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
fi
