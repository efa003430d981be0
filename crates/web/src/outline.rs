//! What the skeleton page lists: the instructions and stage names the core reports.

use stagecraft_analysis::{analyze, Options};

/// Display-ready lists derived from one analysis.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outline {
    /// Stage names as the core displays them (named, or `stage-N`).
    pub stages: Vec<String>,
    /// One line per instruction: line number and keyword.
    pub instructions: Vec<String>,
}

impl Outline {
    /// Asks the core about `text`.
    pub fn of(text: &str) -> Self {
        let analysis = analyze(text, &Options::default());
        Self {
            stages: analysis
                .model
                .stages
                .iter()
                .map(|s| s.display_name())
                .collect(),
            instructions: analysis
                .instructions
                .iter()
                .map(|i| format!("{:>3}  {}", i.line, i.keyword))
                .collect(),
        }
    }

    /// The one-line summary read out by screen readers.
    pub fn summary(&self) -> String {
        format!(
            "{} stages, {} instructions",
            self.stages.len(),
            self.instructions.len()
        )
    }
}
