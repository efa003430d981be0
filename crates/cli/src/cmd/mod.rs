//! One module per subcommand.

pub mod analyze;
pub mod check;
pub mod dump;
pub mod explain;
pub mod graph;
