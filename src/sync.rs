//! Team sync in the browser: the HTTP that the engine's sync logic asks for. What to
//! send and how to read the answers is decided in `liuke_engine::sync`.

pub mod http;
