//! The playground's state: one value, changed only through [`Action`]s.
//!
//! Everything derived from the text (the analysis) is *not* stored here; components derive it
//! with `use_memo`, so it can never go stale.

use std::rc::Rc;
use yew::Reducible;

/// Everything the user controls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// The Dockerfile text in the editor. `Rc` so memo dependencies clone cheaply.
    pub text: Rc<str>,
}

impl State {
    /// A state holding `text`.
    pub fn new(text: &str) -> Self {
        Self {
            text: Rc::from(text),
        }
    }
}

/// A change the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// The editor's text changed.
    SetText(String),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::SetText(text) => {
                if *self.text == *text {
                    return self;
                }
                let mut next = (*self).clone();
                next.text = Rc::from(text);
                Rc::new(next)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_text_replaces_the_text() {
        let state = Rc::new(State::new("FROM a"));
        let next = state.reduce(Action::SetText("FROM b".into()));
        assert_eq!(&*next.text, "FROM b");
    }

    #[test]
    fn setting_the_same_text_keeps_the_same_state() {
        let state = Rc::new(State::new("FROM a"));
        let next = state.clone().reduce(Action::SetText("FROM a".into()));
        assert!(Rc::ptr_eq(&state, &next), "no re-render for a no-op edit");
    }
}
