//! Variable environments: the global (meta) ARG scope and the per-stage scope.
//!
//! An [`Env`] is a persistent ordered map: cloning is O(1) and an update copies only a path of
//! the tree, so keeping the scope before every instruction stays linear in the file even for
//! thousands of ENV lines.

use rpds::RedBlackTreeMapSync;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// Where a variable's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum VarOrigin {
    /// A predefined platform arg (`TARGETPLATFORM`, `BUILDARCH`, …) or `TARGETSTAGE`.
    Predefined,
    /// A `--build-arg` value.
    BuildArg,
    /// The default of an `ARG` on this 1-based line.
    ArgDefault {
        /// 1-based line of the ARG.
        line: u32,
    },
    /// A bare `ARG NAME` inside a stage that took the global value.
    GlobalArg {
        /// 1-based line of the ARG.
        line: u32,
    },
    /// An `ENV` on this 1-based line.
    Env {
        /// 1-based line of the ENV.
        line: u32,
    },
    /// Set by BuildKit for every stage (`PATH` when the base image has none).
    Default,
}

/// One variable with its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Var {
    /// The value.
    pub value: String,
    /// Where it came from.
    pub origin: VarOrigin,
    /// True when the variable was declared by `ARG` (build-time only, not in the image config).
    pub is_arg: bool,
}

/// A set of variables, ordered by name (deterministic output).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Env {
    vars: RedBlackTreeMapSync<String, Var>,
}

impl Serialize for Env {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.vars.size()))?;
        for (k, v) in self.vars.iter() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl Env {
    /// The value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(|v| v.value.as_str())
    }

    /// The variable `name` with its origin.
    pub fn var(&self, name: &str) -> Option<&Var> {
        self.vars.get(name)
    }

    /// Set `name` (replacing any earlier value).
    pub fn set(&mut self, name: &str, value: &str, origin: VarOrigin) {
        let is_arg = !matches!(origin, VarOrigin::Env { .. } | VarOrigin::Default);
        self.vars.insert_mut(
            name.to_string(),
            Var {
                value: value.to_string(),
                origin,
                is_arg,
            },
        );
    }

    /// Remove `name`.
    pub fn remove(&mut self, name: &str) {
        self.vars.remove_mut(name);
    }

    /// All variables, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Var)> + '_ {
        self.vars.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Names, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.vars.keys().map(String::as_str)
    }

    /// Number of variables.
    pub fn len(&self) -> usize {
        self.vars.size()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.vars.is_empty()
    }
}
