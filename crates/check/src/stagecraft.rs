//! stagecraft's own rules: multi-stage structure, image size and content.

use crate::buildkit::Input;
use crate::config::LintConfig;
use crate::Emitter;

/// Run every stagecraft rule.
pub(crate) fn run(_input: &Input<'_>, _emit: &mut Emitter, _cfg: &LintConfig) {}
