//! The analysis pipeline: `text → syntax::parse → model::lower → simulate::run → check::run`,
//! producing one [`Analysis`] value that the CLI prints and the web app renders.
