//! Where a fact comes from: source, date and how sure we are.

use serde::Serialize;
use std::borrow::Cow;

/// How a fact was obtained, from most to least trustworthy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Certainty {
    /// Read from machine-produced metadata (registry manifests, apt/PyPI/npm metadata) or
    /// measured by a real install.
    Measured,
    /// A number stated by a third party (docs, blog, issue); usually rounded.
    Published,
    /// Derived by us from other facts (nearest version, ratios, package sets); the reason
    /// is in [`Provenance::note`].
    Inferred,
    /// One user's report; order of magnitude only.
    Anecdote,
}

impl Certainty {
    /// Parses the words used in the generated tables (`measured`, `published`, …).
    pub fn from_word(s: &str) -> Option<Certainty> {
        match s {
            "measured" => Some(Certainty::Measured),
            "published" => Some(Certainty::Published),
            "inferred" => Some(Certainty::Inferred),
            "anecdote" => Some(Certainty::Anecdote),
            _ => None,
        }
    }

    /// The least certain of two (a fact derived from both is no surer than the weaker).
    pub fn weakest(self, other: Certainty) -> Certainty {
        self.max(other)
    }
}

/// Source, date and certainty of one fact, for the UI to show next to the number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// Where it came from, e.g. `docker-library/repo-info@0c37645` or `Debian bookworm Packages`.
    pub source: Cow<'static, str>,
    /// Date of the source (ISO `YYYY-MM-DD`, or `YYYY-MM`, `mid-2025`…).
    pub date: Cow<'static, str>,
    /// How sure we are.
    pub certainty: Certainty,
    /// Why an inference was made, or a caveat; empty when there is nothing to say.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub note: Cow<'static, str>,
}

impl Provenance {
    /// A provenance from static parts (the embedded tables).
    pub const fn fixed(source: &'static str, date: &'static str, certainty: Certainty) -> Self {
        Provenance {
            source: Cow::Borrowed(source),
            date: Cow::Borrowed(date),
            certainty,
            note: Cow::Borrowed(""),
        }
    }

    /// The same fact, downgraded to [`Certainty::Inferred`] with a reason appended.
    pub fn inferred(&self, why: impl Into<String>) -> Self {
        let why = why.into();
        let note = if self.note.is_empty() {
            why
        } else {
            format!("{}; {}", why, self.note)
        };
        Provenance {
            source: self.source.clone(),
            date: self.date.clone(),
            certainty: self.certainty.weakest(Certainty::Inferred),
            note: Cow::Owned(note),
        }
    }

    /// Adds a note without changing the certainty.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        let note = note.into();
        self.note = if self.note.is_empty() {
            Cow::Owned(note)
        } else {
            Cow::Owned(format!("{}; {}", self.note, note))
        };
        self
    }
}
