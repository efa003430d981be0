//! The playground's state: one value, changed only through [`Action`]s.
//!
//! Everything derived from the text and options (the analysis) is *not* stored here; the app
//! derives it with `use_memo`, so it can never go stale. The reducer is pure and unit-tested
//! natively.

use crate::editor::{EditRequest, Selection};
use crate::share::{LinkState, LinkStateExt};
use stagecraft_analysis::examples::EXAMPLES;
use std::rc::Rc;
use yew::Reducible;

/// Colour theme: follow the system, or forced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// `prefers-color-scheme`.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// The value of `<html data-theme>` (`None`: no attribute, follow the system).
    pub fn attr(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }
}

/// A file of the virtual build context, as the user added it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextEntry {
    /// Path relative to the context root.
    pub path: String,
    /// Size in bytes (of the real file; pasted text: its length).
    pub size: u64,
    /// Contents, kept only for manifests the core reads (requirements.txt, lock files, ...).
    pub contents: Option<String>,
}

/// The `docker build` options the user chose.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BuildSettings {
    /// `--target` (a stage name or index as text); `None`: the last stage.
    pub target: Option<String>,
    /// `--build-arg` rows, in order; rows with an empty key are ignored by the core.
    pub build_args: Vec<(String, String)>,
    /// `--platform`; `None`: linux/amd64.
    pub platform: Option<String>,
}

/// A message over the page: an error (a bad link, a crash) or a notice with an undo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Banner {
    /// True for errors (`role="alert"`), false for notices.
    pub error: bool,
    /// What happened, as text.
    pub message: String,
    /// A buffer the user can go back to (the work a shared link replaced).
    pub restore: Option<LinkState>,
}

/// Everything the user controls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// The Dockerfile text in the editor. `Rc` so memo dependencies clone cheaply.
    pub text: Rc<str>,
    /// Build options.
    pub build: Rc<BuildSettings>,
    /// The virtual build context.
    pub context: Rc<Vec<ContextEntry>>,
    /// The loaded example (index into [`EXAMPLES`]), until the user loads another.
    pub example: Option<usize>,
    /// The loaded example's Dockerfile as it was loaded (its lesson shows while the editor
    /// still holds exactly this text).
    pub example_text: Option<Rc<str>>,
    /// Colour theme.
    pub theme: Theme,
    /// Stage shown in the image panel; `None`: the final image.
    pub inspect: Option<u32>,
    /// The latest request to select a range in the editor.
    pub select: Option<Selection>,
    /// The latest request to apply edits in the editor.
    pub edit: Option<EditRequest>,
    /// The banner shown over the page, if any.
    pub banner: Option<Banner>,
    /// Counter that makes repeated requests distinct.
    seq: u32,
}

impl State {
    /// A state holding `text` and nothing else.
    pub fn new(text: &str) -> Self {
        Self {
            text: Rc::from(text),
            build: Rc::default(),
            context: Rc::default(),
            example: None,
            example_text: None,
            theme: Theme::System,
            inspect: None,
            select: None,
            edit: None,
            banner: None,
            seq: 0,
        }
    }

    /// A state holding a shared (or autosaved) buffer.
    pub fn from_shared(shared: &LinkState) -> Self {
        let mut state = Self::new(&shared.text);
        state.build = Rc::new(shared.build());
        state
    }

    /// The state the playground opens with: the first example.
    pub fn initial() -> Self {
        let mut state = Self::new("");
        state.load_example(
            0,
            Rc::from(stagecraft_analysis::examples::first_dockerfile()),
        );
        state
    }

    /// Forgets the loaded example, and the context files it brought that the user kept as they
    /// were (files the user added or changed stay).
    fn drop_example_context(&mut self) {
        self.example_text = None;
        let Some(example) = self.example.take().and_then(|i| EXAMPLES.get(i)) else {
            return;
        };
        let from_example = |e: &ContextEntry| {
            example
                .context
                .iter()
                .any(|(p, c)| e.path == *p && e.contents.as_deref() == Some(*c))
        };
        if self.context.iter().any(from_example) {
            Rc::make_mut(&mut self.context).retain(|e| !from_example(e));
        }
    }

    fn load_example(&mut self, index: usize, text: Rc<str>) {
        let Some(example) = EXAMPLES.get(index) else {
            return;
        };
        self.text = text.clone();
        self.example_text = Some(text);
        self.context = Rc::new(
            example
                .context
                .iter()
                .map(|(path, contents)| ContextEntry {
                    path: (*path).to_string(),
                    size: contents.len() as u64,
                    contents: Some((*contents).to_string()),
                })
                .collect(),
        );
        self.build = Rc::default();
        self.example = Some(index);
        self.inspect = None;
    }

    fn next_seq(&mut self) -> u32 {
        self.seq = self.seq.wrapping_add(1);
        self.seq
    }
}

/// A change the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// The editor's text changed.
    SetText(Rc<str>),
    /// Load an example (index into [`EXAMPLES`]) with its build context. The page fetches
    /// the Dockerfile (`examples/<id>.Dockerfile`) first: the wasm does not carry the gallery.
    LoadExample {
        /// Which example.
        index: usize,
        /// Its Dockerfile.
        text: Rc<str>,
    },
    /// Choose the `--target` (`None` or empty: the last stage).
    SetTarget(Option<String>),
    /// Choose the `--platform` (`None` or empty: linux/amd64).
    SetPlatform(Option<String>),
    /// Add an empty build-arg row.
    AddBuildArg,
    /// Change a build-arg row.
    SetBuildArg {
        /// Row.
        index: usize,
        /// Name.
        key: String,
        /// Value.
        value: String,
    },
    /// Remove a build-arg row.
    RemoveBuildArg(usize),
    /// Add (or replace, by path) context files.
    AddContext(Vec<ContextEntry>),
    /// Remove a context file.
    RemoveContext(usize),
    /// Switch the colour theme.
    SetTheme(Theme),
    /// Inspect a stage in the image panel (`None`: the final image).
    Inspect(Option<u32>),
    /// Select a range in the editor (byte offsets of the analysed text).
    Select {
        /// Start.
        from: u32,
        /// End.
        to: u32,
    },
    /// Apply edits in the editor (`(start, end, replacement)`, byte offsets of the analysed
    /// text), as one undoable change.
    ApplyEdits(Vec<(u32, u32, String)>),
    /// Open a shared link's state; `previous` is the buffer it replaces, offered for restore.
    LoadShared {
        /// The link's state.
        shared: LinkState,
        /// The user's buffer before, if it differs.
        previous: Option<LinkState>,
    },
    /// Show an error banner (the current work stays as it is).
    ShowError(String),
    /// Close the banner.
    DismissBanner,
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty())
}

/// Whether `new` replaces `old` as a whole (select-all and paste, a new file) rather than
/// editing it: less than half of `old` survives as common prefix and suffix.
fn replaced_wholesale(old: &str, new: &str) -> bool {
    let prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(old.len().min(new.len()) - prefix)
        .take_while(|(a, b)| a == b)
        .count();
    (prefix + suffix) * 2 < old.len()
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        if let Action::SetText(text) = &action {
            if *self.text == **text {
                return self;
            }
        }
        let mut next = (*self).clone();
        match action {
            Action::SetText(text) => {
                if replaced_wholesale(&next.text, &text) {
                    // A different Dockerfile: the example's context files no longer describe
                    // its context (an example's go.mod would size the user's `go build`).
                    next.drop_example_context();
                }
                next.text = text;
            }
            Action::LoadExample { index, text } => next.load_example(index, text),
            Action::SetTarget(target) => {
                Rc::make_mut(&mut next.build).target = non_empty(target);
                next.inspect = None;
            }
            Action::SetPlatform(platform) => {
                Rc::make_mut(&mut next.build).platform = non_empty(platform)
            }
            Action::AddBuildArg => Rc::make_mut(&mut next.build)
                .build_args
                .push((String::new(), String::new())),
            Action::SetBuildArg { index, key, value } => {
                if let Some(row) = Rc::make_mut(&mut next.build).build_args.get_mut(index) {
                    *row = (key, value);
                }
            }
            Action::RemoveBuildArg(index) => {
                let args = &mut Rc::make_mut(&mut next.build).build_args;
                if index < args.len() {
                    args.remove(index);
                }
            }
            Action::AddContext(entries) => {
                let context = Rc::make_mut(&mut next.context);
                for entry in entries {
                    match context.iter_mut().find(|e| e.path == entry.path) {
                        Some(existing) => *existing = entry,
                        None => context.push(entry),
                    }
                }
                stagecraft_syntax::sort::sort_by(context, |a, b| a.path.cmp(&b.path));
            }
            Action::RemoveContext(index) => {
                let context = Rc::make_mut(&mut next.context);
                if index < context.len() {
                    context.remove(index);
                }
            }
            Action::SetTheme(theme) => next.theme = theme,
            Action::Inspect(stage) => next.inspect = stage,
            Action::Select { from, to } => {
                let seq = next.next_seq();
                next.select = Some(Selection { from, to, seq });
            }
            Action::ApplyEdits(edits) => {
                let seq = next.next_seq();
                next.edit = Some(EditRequest {
                    edits: Rc::new(edits),
                    seq,
                });
            }
            Action::LoadShared { shared, previous } => {
                next.text = Rc::from(shared.text.as_str());
                next.build = Rc::new(shared.build());
                next.drop_example_context();
                next.inspect = None;
                next.banner = previous.filter(|p| *p != shared).map(|p| Banner {
                    error: false,
                    message: "Opened a shared link. Your previous buffer is kept.".into(),
                    restore: Some(p),
                });
            }
            Action::ShowError(message) => {
                next.banner = Some(Banner {
                    error: true,
                    message,
                    restore: None,
                })
            }
            Action::DismissBanner => next.banner = None,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: State, actions: impl IntoIterator<Item = Action>) -> Rc<State> {
        actions.into_iter().fold(Rc::new(state), |s, a| s.reduce(a))
    }

    #[test]
    fn set_text_replaces_the_text() {
        let next = reduce(State::new("FROM a"), [Action::SetText("FROM b".into())]);
        assert_eq!(&*next.text, "FROM b");
    }

    #[test]
    fn setting_the_same_text_keeps_the_same_state() {
        let state = Rc::new(State::new("FROM a"));
        let next = state.clone().reduce(Action::SetText("FROM a".into()));
        assert!(Rc::ptr_eq(&state, &next), "no re-render for a no-op edit");
    }

    #[test]
    fn initial_state_is_the_first_example_with_its_context() {
        let state = State::initial();
        assert_eq!(&*state.text, EXAMPLES[0].dockerfile());
        assert_eq!(state.example, Some(0));
        let paths: Vec<_> = state.context.iter().map(|e| e.path.as_str()).collect();
        let expected: Vec<_> = EXAMPLES[0].context.iter().map(|(p, _)| *p).collect();
        assert_eq!(paths, expected);
    }

    #[test]
    fn a_new_dockerfile_drops_the_example_context_but_edits_keep_it() {
        let initial = Rc::new(State::initial());
        assert!(
            !initial.context.is_empty(),
            "the first example brings context files"
        );
        // Typing in the example keeps its files.
        let mut edited = EXAMPLES[0].dockerfile().to_string();
        edited.push_str("# note\n");
        let next = initial
            .clone()
            .reduce(Action::SetText(edited.as_str().into()));
        assert_eq!(next.context, initial.context);
        assert_eq!(next.example, Some(0));
        // Pasting another Dockerfile over it (select all, paste) forgets them, but not the
        // files the user added.
        let user = ContextEntry {
            path: "requirements.txt".into(),
            size: 6,
            contents: Some("flask\n".into()),
        };
        let with_user = next.reduce(Action::AddContext(vec![user.clone()]));
        let replaced = with_user.reduce(Action::SetText(
            "FROM python:3.12-slim\nCOPY . /app\n".into(),
        ));
        assert_eq!(*replaced.context, vec![user]);
        assert_eq!(replaced.example, None);
        assert_eq!(replaced.example_text, None);
    }

    #[test]
    fn loading_an_example_resets_the_build_options() {
        let last = EXAMPLES.len() - 1;
        let next = reduce(
            State::initial(),
            [
                Action::SetTarget(Some("build".into())),
                Action::AddBuildArg,
                Action::LoadExample {
                    index: last,
                    text: EXAMPLES[last].dockerfile().into(),
                },
            ],
        );
        assert_eq!(&*next.text, EXAMPLES[last].dockerfile());
        assert_eq!(
            next.example_text.as_deref(),
            Some(EXAMPLES[last].dockerfile())
        );
        assert_eq!(*next.build, BuildSettings::default());
        assert_eq!(next.example, Some(last));
        // An index past the end changes nothing.
        let same = reduce(
            (*next).clone(),
            [Action::LoadExample {
                index: usize::MAX,
                text: "FROM x".into(),
            }],
        );
        assert_eq!(same.text, next.text);
    }

    #[test]
    fn blank_target_and_platform_mean_the_defaults() {
        let next = reduce(
            State::new(""),
            [
                Action::SetTarget(Some("  ".into())),
                Action::SetPlatform(Some(String::new())),
            ],
        );
        assert_eq!(next.build.target, None);
        assert_eq!(next.build.platform, None);
        let next = reduce((*next).clone(), [Action::SetTarget(Some("build".into()))]);
        assert_eq!(next.build.target.as_deref(), Some("build"));
    }

    #[test]
    fn build_arg_rows_are_added_edited_and_removed_in_order() {
        let next = reduce(
            State::new(""),
            [
                Action::AddBuildArg,
                Action::AddBuildArg,
                Action::SetBuildArg {
                    index: 0,
                    key: "A".into(),
                    value: "1".into(),
                },
                Action::SetBuildArg {
                    index: 1,
                    key: "B".into(),
                    value: "2".into(),
                },
                Action::SetBuildArg {
                    index: 7,
                    key: "X".into(),
                    value: "9".into(),
                },
                Action::RemoveBuildArg(0),
                Action::RemoveBuildArg(5),
            ],
        );
        assert_eq!(
            next.build.build_args,
            vec![("B".to_string(), "2".to_string())]
        );
    }

    #[test]
    fn context_files_replace_by_path_and_stay_sorted() {
        let entry = |path: &str, size| ContextEntry {
            path: path.into(),
            size,
            contents: None,
        };
        let next = reduce(
            State::new(""),
            [
                Action::AddContext(vec![entry("b.txt", 1), entry("a.txt", 2)]),
                Action::AddContext(vec![entry("b.txt", 3)]),
            ],
        );
        let got: Vec<_> = next
            .context
            .iter()
            .map(|e| (e.path.as_str(), e.size))
            .collect();
        assert_eq!(got, [("a.txt", 2), ("b.txt", 3)]);
        let next = reduce(
            (*next).clone(),
            [Action::RemoveContext(0), Action::RemoveContext(9)],
        );
        assert_eq!(next.context.len(), 1);
    }

    #[test]
    fn repeated_requests_are_distinct() {
        let next = reduce(
            State::new(""),
            [
                Action::Select { from: 1, to: 2 },
                Action::Select { from: 1, to: 2 },
            ],
        );
        let first = reduce(State::new(""), [Action::Select { from: 1, to: 2 }]);
        assert_ne!(next.select, first.select, "same range, new request");
        assert_eq!(next.select.map(|s| (s.from, s.to)), Some((1, 2)));
    }

    #[test]
    fn a_shared_link_replaces_the_buffer_and_keeps_the_old_one_restorable() {
        let old = LinkState::of("FROM old", &BuildSettings::default());
        let link = LinkState {
            text: "FROM new".into(),
            target: Some("x".into()),
            build_args: vec![],
            platform: None,
            panel: None,
        };
        let next = reduce(
            State::from_shared(&old),
            [Action::LoadShared {
                shared: link.clone(),
                previous: Some(old.clone()),
            }],
        );
        assert_eq!(&*next.text, "FROM new");
        assert_eq!(next.build.target.as_deref(), Some("x"));
        let banner = next.banner.clone().expect("notice");
        assert!(!banner.error);
        assert_eq!(banner.restore, Some(old.clone()));
        // Restoring is loading the old buffer again; nothing to restore after that.
        let back = reduce(
            (*next).clone(),
            [Action::LoadShared {
                shared: old.clone(),
                previous: None,
            }],
        );
        assert_eq!(&*back.text, "FROM old");
        assert_eq!(back.banner, None);
    }

    #[test]
    fn an_error_banner_keeps_the_work() {
        let next = reduce(
            State::new("FROM mine"),
            [Action::ShowError("bad link".into())],
        );
        assert_eq!(&*next.text, "FROM mine");
        assert!(next.banner.as_ref().is_some_and(|b| b.error));
        let next = reduce((*next).clone(), [Action::DismissBanner]);
        assert_eq!(next.banner, None);
    }

    #[test]
    fn theme_attribute() {
        assert_eq!(Theme::System.attr(), None);
        assert_eq!(Theme::Dark.attr(), Some("dark"));
        let next = reduce(State::new(""), [Action::SetTheme(Theme::Light)]);
        assert_eq!(next.theme, Theme::Light);
    }
}
