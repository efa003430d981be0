//! The stage model: lowering a parse tree to stages, ARG/ENV scoping, `--target` reachability
//! and the stage graph with its renderers.
