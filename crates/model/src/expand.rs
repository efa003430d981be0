//! Variable expansion for FROM lines, `--platform`, `--from` and ARG/ENV values, through the
//! syntax crate's port of BuildKit's shell lexer. Everything goes through [`process_word`].

use stagecraft_syntax::shell::{self, Lexer, ProcessedWord};

use crate::env::Env;

impl shell::Env for Env {
    fn lookup(&self, name: &str) -> Option<&str> {
        self.get(name)
    }
}

/// Expand `word` as BuildKit's `shell.Lex.ProcessWordWithMatches` does with `escape` as the
/// escape character, looking variables up in `env`. The error is BuildKit's full message
/// (`failed to process "WORD": REASON`).
pub fn process_word(word: &str, escape: char, env: &Env) -> Result<ProcessedWord, String> {
    Lexer::new(escape)
        .process_word(word, env)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env::VarOrigin;

    #[test]
    fn expands_with_model_env() {
        let mut e = Env::default();
        e.set("A", "x", VarOrigin::BuildArg);
        let r = process_word("img:${A}-$B", '\\', &e).unwrap();
        assert_eq!(r.value, "img:x-");
        assert!(r.matched.contains("A") && r.unmatched.contains("B"));
        assert!(process_word("${B:?need}", '\\', &e).is_err());
    }
}
