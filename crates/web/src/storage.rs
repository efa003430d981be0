//! The page's I/O edge: the URL (share fragment, embed flag) and localStorage (autosave and a
//! short history of buffers a shared link replaced). Nothing here interprets Dockerfiles.

use crate::share::{self, LinkState};
use crate::state::{Banner, State};

const AUTOSAVE: &str = "stagecraft:v1:autosave";
const HISTORY: &str = "stagecraft:v1:history";
const MAX_HISTORY: usize = 10;

/// localStorage, if the page may use it.
fn local_storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

fn get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Stores `value` (quota errors are ignored: saving is best effort).
fn set(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, value);
    }
}

/// The autosaved buffer, if any.
pub fn load_autosave() -> Option<LinkState> {
    crate::saved::from_json(&get(AUTOSAVE)?)
}

/// Saves the buffer.
pub fn autosave(shared: &LinkState) {
    set(AUTOSAVE, &crate::saved::to_json(shared));
}

/// Remembers a buffer that is about to be replaced (newest first, at most ten).
pub fn push_history(shared: &LinkState) {
    let mut history = get(HISTORY)
        .and_then(|h| crate::saved::history_from_json(&h))
        .unwrap_or_default();
    history.retain(|h| h != shared);
    history.insert(0, shared.clone());
    history.truncate(MAX_HISTORY);
    set(HISTORY, &crate::saved::history_to_json(&history));
}

/// The URL fragment, with its `#`.
pub fn fragment() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

/// The page's URL without query or fragment.
pub fn page_url() -> String {
    let location = gloo::utils::window().location();
    format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}

/// True when the page's query has `kv` (e.g. `embed=1`) among its `&`-separated parts.
pub fn has_param(kv: &str) -> bool {
    let search = gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default();
    search.trim_start_matches('?').split('&').any(|p| p == kv)
}

/// True for the compact, read-only embed mode (`?embed=1`).
pub fn is_embed() -> bool {
    has_param("embed=1") || has_param("embed")
}

/// Opens a share fragment over `current`: the new state's action, or the error to show.
pub async fn open_link(
    fragment: &str,
    current: Option<LinkState>,
) -> Result<(LinkState, Option<LinkState>), String> {
    match share::decode(fragment).await {
        Ok(shared) => {
            let previous = current.filter(|c| *c != shared);
            if let Some(p) = &previous {
                push_history(p);
            }
            Ok((shared, previous))
        }
        Err(err) => Err(format!("{err} Your current work is unchanged.")),
    }
}

thread_local! {
    /// The state [`boot`] made before the app rendered, taken by the app's first render.
    static BOOTED: std::cell::RefCell<Option<State>> = const { std::cell::RefCell::new(None) };
}

/// Works out the starting state (reading a share link is asynchronous: the browser inflates
/// it) and keeps it for [`take_booted`]; the page renders once this is done, so a link never
/// shows the autosaved buffer first.
pub async fn prepare_boot() {
    let state = boot().await;
    BOOTED.with(|b| *b.borrow_mut() = Some(state));
}

/// The state [`prepare_boot`] made (or the one without a link, should it be missing).
pub fn take_booted() -> State {
    BOOTED
        .with(|b| b.borrow_mut().take())
        .unwrap_or_else(|| base_state(load_autosave().as_ref()))
}

fn base_state(saved: Option<&LinkState>) -> State {
    saved.map(State::from_shared).unwrap_or_else(State::initial)
}

/// The state the page starts with: a shared link, else the autosaved buffer, else the first
/// example. A bad link leaves the autosaved buffer in place and explains why.
async fn boot() -> State {
    let saved = load_autosave();
    let fragment = fragment();
    if !share::is_share_fragment(&fragment) {
        return base_state(saved.as_ref());
    }
    match open_link(&fragment, saved.clone()).await {
        Ok((shared, previous)) => {
            let mut state = State::from_shared(&shared);
            state.banner = previous.map(|p| Banner {
                error: false,
                message: "Opened a shared link. Your previous buffer is kept.".into(),
                restore: Some(p),
            });
            state
        }
        Err(message) => {
            let mut state = base_state(saved.as_ref());
            state.banner = Some(Banner {
                error: true,
                message,
                restore: None,
            });
            state
        }
    }
}
