//! The stagecraft playground: a Yew app that renders what the Rust core reports.
//!
//! The web crate is an edge: it owns the DOM, the editor bridge and (later) the URL and
//! storage, and it never interprets Dockerfiles itself — every fact it shows comes from
//! [`stagecraft_analysis::analyze`].

mod app;
mod derive;
mod editor;
mod panels;
mod panic;
mod share;
mod state;
mod storage;

fn main() {
    panic::install();
    yew::Renderer::<app::App>::new().render();
}
