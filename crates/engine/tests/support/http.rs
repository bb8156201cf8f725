//! Just enough HTTP/1.1 to talk to the test sync server on loopback: one request per
//! connection, JSON in and out, chunked answers read whole.
// Shared by several test binaries; each uses part of it.
#![allow(dead_code)]

use liuke_engine::sync::replicator::{Method, Request, Response};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpStream;

/// `base` is `http://127.0.0.1:PORT`; `path` starts with `/`.
pub fn send(base: &str, method: &str, path: &str, body: Option<&Value>) -> Response {
    send_as(base, method, path, body, None)
}

/// Like [`send`], signed in with a name and password (HTTP basic authentication).
pub fn send_as(
    base: &str,
    method: &str,
    path: &str,
    body: Option<&Value>,
    user: Option<(&str, &str)>,
) -> Response {
    use base64::Engine;
    let host = base.trim_start_matches("http://");
    let auth = user
        .map(|(name, password)| {
            let token =
                base64::engine::general_purpose::STANDARD.encode(format!("{name}:{password}"));
            format!("Authorization: Basic {token}\r\n")
        })
        .unwrap_or_default();
    let mut stream = TcpStream::connect(host).expect("the test sync server answers");
    let body = body.map(Value::to_string).unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nAccept: application/json\r\n{auth}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).expect("sent");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("an answer");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("headers");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut payload = raw[split + 4..].to_vec();
    let status: u16 = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        payload = dechunk(&payload);
    }
    let body = serde_json::from_slice(&payload).unwrap_or(Value::Null);
    Response { status, body }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = data.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size_text = String::from_utf8_lossy(&data[..end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("0").trim(), 16)
            .unwrap_or(0);
        if size == 0 {
            return out;
        }
        let start = end + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[start + size + 2..];
    }
}

/// A replicator's request to the database at `base/db`.
pub fn replicate(base: &str, db: &str, request: &Request) -> Response {
    let method = match request.method {
        Method::Get => "GET",
        Method::Put => "PUT",
        Method::Post => "POST",
    };
    send(
        base,
        method,
        &format!("/{db}/{}", request.path),
        request.body.as_ref(),
    )
}
