//! Symbolic build simulation: a symbolic file system per stage, layer-by-layer effects of
//! instructions and recognised commands, provenance and size ranges.

pub mod recognise;
