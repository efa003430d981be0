//! Running the core off the main thread.
//!
//! The page starts `worker.js`, a module worker that loads this same wasm; `main` sees it is
//! in a worker and calls [`serve`] instead of rendering. The page then sends each
//! [`Request`] and gets the changed parts of a [`View`] back, both in the compact binary form
//! of [`crate::codec`], so a 10,000-line file never freezes typing.
//!
//! Where a request runs: on the page when the text is small ([`SYNC_LIMIT`]) and the last
//! analysis was quick ([`SYNC_MS`]) — a 300-line file is analysed in about 10 ms and the
//! round trip to a worker would only add latency — and in the worker otherwise, so a slow
//! analysis never blocks typing. Until the worker has loaded, small requests run on the page
//! (the first analysis is not delayed by the worker's start-up); if the worker cannot start,
//! every request does.
//!
//! At most one request is in flight in the worker; a newer one waiting behind it replaces any
//! older waiting one (a burst of keystrokes costs one analysis per completed one).

use crate::codec::{self, Answer, Ask};
use crate::view::{Delta, Engine, Request, View};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::Callback;

/// Largest text analysed on the page.
const SYNC_LIMIT: usize = 64 * 1024;
/// Analyses on the page only while the previous one took less than this (milliseconds).
const SYNC_MS: f64 = 40.0;
/// Texts at least this large (bytes), or whose last analysis took at least [`SLOW_MS`], are
/// sent once typing pauses for [`SETTLE_MS`]: a 1 MB file takes the worker ~2 s, and an
/// analysis started after the first of a burst of keys would make the last key's wait twice
/// as long. Everyday files are analysed on every key, as before.
const SETTLE_BYTES: usize = 256 * 1024;
/// See [`SETTLE_BYTES`].
const SLOW_MS: f64 = 250.0;
/// See [`SETTLE_BYTES`].
const SETTLE_MS: u32 = 300;

/// A message's bytes, as a `Uint8Array` (`None`: not one).
fn bytes_of(data: &JsValue) -> Option<Vec<u8>> {
    data.dyn_ref::<js_sys::Uint8Array>().map(|a| a.to_vec())
}

/// What an answer carries.
#[derive(Debug)]
pub enum Update {
    /// A whole view (computed on the page).
    Full(View),
    /// The parts that changed since the worker's previous answer.
    Delta(Delta),
}

/// An answer to request `id`.
#[derive(Debug)]
pub struct Outcome {
    /// The request's number.
    pub id: u32,
    /// What the panels show.
    pub update: Update,
    /// How long the core took, in milliseconds.
    pub core_ms: f64,
}

struct Inner {
    worker: Option<web_sys::Worker>,
    ready: bool,
    busy: bool,
    queued: Option<(u32, Request)>,
    local: Engine,
    /// The core's time for the last analysis, wherever it ran.
    last_ms: f64,
    /// False after an analysis on the page: the worker's next answer must be complete.
    in_sync: bool,
    /// The worker died while analysing (out of memory on a pathological file): large texts
    /// are no longer analysed (on the page they would freeze it), small ones still are.
    crashed: bool,
    on_result: Callback<Outcome>,
    on_crash: Callback<()>,
    /// Running while a large request waits for typing to pause (dropping it cancels it).
    settle: Option<gloo::timers::callback::Timeout>,
}

/// The worker's `message` and `error` handlers, kept alive with the [`Analyser`].
type Listeners = (
    Closure<dyn FnMut(web_sys::MessageEvent)>,
    Closure<dyn FnMut(web_sys::Event)>,
);

/// The page's side: sends requests to the worker (or answers them here) and reports outcomes.
pub struct Analyser {
    inner: Rc<RefCell<Inner>>,
    _listeners: Option<Listeners>,
}

impl std::fmt::Debug for Analyser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Analyser")
    }
}

fn now() -> f64 {
    gloo::utils::window().performance().map_or(0.0, |p| p.now())
}

impl Analyser {
    /// Starts the worker (best effort) and reports every outcome to `on_result`.
    ///
    /// `?worker=0` in the page's URL keeps every analysis on the page (for comparisons).
    /// `on_crash` is told when the worker dies during an analysis.
    pub fn new(on_result: Callback<Outcome>, on_crash: Callback<()>) -> Self {
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = if crate::storage::has_param("worker=0") {
            None
        } else {
            web_sys::Worker::new_with_options("./worker.js", &options).ok()
        };
        let inner = Rc::new(RefCell::new(Inner {
            worker: worker.clone(),
            ready: false,
            busy: false,
            queued: None,
            local: Engine::default(),
            last_ms: 0.0,
            in_sync: true,
            crashed: false,
            on_result,
            on_crash,
            settle: None,
        }));
        let Some(worker) = worker else {
            return Self {
                inner,
                _listeners: None,
            };
        };
        let on_message = {
            let inner = inner.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let data = e.data();
                if data.as_string().as_deref() == Some("ready") {
                    inner.borrow_mut().ready = true;
                    Self::pump(&inner);
                    return;
                }
                let answer = bytes_of(&data).and_then(|b| codec::decode::<Answer>(&b).ok());
                let callback = {
                    let mut i = inner.borrow_mut();
                    i.busy = false;
                    if let Some(a) = &answer {
                        i.last_ms = a.core_ms;
                    }
                    i.on_result.clone()
                };
                if let Some(a) = answer {
                    callback.emit(Outcome {
                        id: a.id,
                        update: Update::Delta(a.delta),
                        core_ms: a.core_ms,
                    });
                }
                Self::pump(&inner);
            })
        };
        let on_error = {
            let inner = inner.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
                // Handled here: not an uncaught error of the page.
                e.prevent_default();
                // The worker could not load, or died during an analysis: small texts are
                // answered on the page from now on.
                let crashed = {
                    let mut i = inner.borrow_mut();
                    let crashed = i.busy;
                    i.worker = None;
                    i.ready = false;
                    i.busy = false;
                    i.crashed |= crashed;
                    crashed
                };
                if crashed {
                    let callback = inner.borrow().on_crash.clone();
                    callback.emit(());
                }
                Self::pump(&inner);
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Self {
            inner,
            _listeners: Some((on_message, on_error)),
        }
    }

    /// Asks for the view of `request`, numbered `id`.
    pub fn submit(&self, id: u32, request: Request) {
        let settle = {
            let mut i = self.inner.borrow_mut();
            let settle =
                i.worker.is_some() && (request.text.len() >= SETTLE_BYTES || i.last_ms >= SLOW_MS);
            i.queued = Some((id, request));
            settle
        };
        if settle {
            // Each new request restarts the wait (the previous timer is dropped, cancelled).
            let inner = self.inner.clone();
            let timer = gloo::timers::callback::Timeout::new(SETTLE_MS, move || {
                inner.borrow_mut().settle = None;
                Self::pump(&inner);
            });
            self.inner.borrow_mut().settle = Some(timer);
            return;
        }
        self.inner.borrow_mut().settle = None;
        Self::pump(&self.inner);
    }

    /// Sends the waiting request if the worker is free, or answers it here when there is no
    /// worker, or the worker is still loading and the text is small.
    fn pump(inner: &Rc<RefCell<Inner>>) {
        let mut i = inner.borrow_mut();
        if i.settle.is_some() {
            // A large request waits for typing to pause; its timer pumps.
            return;
        }
        let Some((id, request)) = i.queued.take() else {
            return;
        };
        let small = request.text.len() <= SYNC_LIMIT;
        if i.crashed && !small {
            return;
        }
        let on_page = i.worker.is_none() || (small && (!i.ready || i.last_ms < SYNC_MS));
        // A request must not overtake one still running in the worker.
        let on_page = on_page && !i.busy;
        match (&i.worker, on_page) {
            (Some(worker), false) => {
                if !i.ready {
                    // Large: wait for the worker rather than freeze the page.
                    i.queued = Some((id, request));
                    return;
                }
                if i.busy {
                    i.queued = Some((id, request));
                    return;
                }
                let message = js_sys::Uint8Array::from(
                    &codec::encode(&Ask {
                        id,
                        full: !i.in_sync,
                        request,
                    })[..],
                );
                // A failed post (it does not happen for byte arrays) leaves the worker idle;
                // the next change asks again.
                i.busy = worker.post_message(&message).is_ok();
                i.in_sync = true;
            }
            _ => {
                let t0 = now();
                let view = i.local.view(&request);
                let core_ms = now() - t0;
                i.last_ms = core_ms;
                i.in_sync = false;
                let callback = i.on_result.clone();
                drop(i);
                callback.emit(Outcome {
                    id,
                    update: Update::Full(view),
                    core_ms,
                });
            }
        }
    }
}

/// In the worker: answers the page's requests until the worker is closed.
pub fn serve(scope: web_sys::DedicatedWorkerGlobalScope) {
    let engine = RefCell::new(Engine::default());
    // The last view sent: each answer carries only what changed since.
    let sent: RefCell<Option<View>> = RefCell::new(None);
    let reply = scope.clone();
    let handler =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let Some(ask) = bytes_of(&e.data()).and_then(|b| codec::decode::<Ask>(&b).ok()) else {
                return;
            };
            let perf = reply.performance();
            let t0 = perf.as_ref().map_or(0.0, |p| p.now());
            let view = engine.borrow_mut().view(&ask.request);
            let core_ms = perf.as_ref().map_or(0.0, |p| p.now()) - t0;
            if ask.full {
                sent.borrow_mut().take();
            }
            let answer = codec::encode_answer(ask.id, core_ms, &view, sent.borrow().as_ref());
            *sent.borrow_mut() = Some(view);
            let _ = reply.post_message(&js_sys::Uint8Array::from(&answer[..]));
        });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler serves for the worker's whole life.
    handler.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}
