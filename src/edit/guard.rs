//! Who may talk to the editor. It listens on 127.0.0.1 only, yet any web page the user opens
//! could send requests there, and a DNS name of an attacker's could be made to point at
//! 127.0.0.1 (DNS rebinding). So every request must name this server in its `Host`, an
//! `Origin` (sent by browsers with cross-site and scripted requests) must be this server, and
//! everything but the page's static code must carry the random token printed with the URL.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The header the page sends the token in; images and downloads carry it as `?token=`.
pub const TOKEN_HEADER: &str = "x-appbook-token";

/// What a request must match.
pub struct Guard {
    pub token: String,
    /// `127.0.0.1:PORT` and `localhost:PORT`.
    hosts: [String; 2],
}

impl Guard {
    pub fn new(port: u16, token: String) -> Self {
        Guard {
            token,
            hosts: [format!("127.0.0.1:{port}"), format!("localhost:{port}")],
        }
    }

    fn host_ok(&self, headers: &HeaderMap) -> bool {
        headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .is_some_and(|h| self.hosts.iter().any(|ok| ok.eq_ignore_ascii_case(h)))
    }

    fn origin_ok(&self, headers: &HeaderMap) -> bool {
        let cross_site = headers
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v == "cross-site");
        let origin_ok = match headers.get(header::ORIGIN) {
            None => true,
            Some(o) => o.to_str().ok().is_some_and(|o| {
                self.hosts
                    .iter()
                    .any(|h| o.eq_ignore_ascii_case(&format!("http://{h}")))
            }),
        };
        origin_ok && !cross_site
    }

    fn token_ok(&self, headers: &HeaderMap, query: Option<&str>) -> bool {
        let from_header = headers.get(TOKEN_HEADER).and_then(|v| v.to_str().ok());
        let from_query = query.and_then(|q| {
            q.split('&')
                .find_map(|pair| pair.strip_prefix("token="))
                .map(|t| t.to_string())
        });
        from_header
            .map(str::to_string)
            .or(from_query)
            .is_some_and(|t| same(t.as_bytes(), self.token.as_bytes()))
    }
}

/// Compares without stopping at the first difference, so response times say nothing about
/// how much of a guessed token was right.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A fresh token: 128 random bits from the operating system, as hex.
pub fn new_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The middleware: refuses with 403 before any handler runs.
pub async fn check(State(guard): State<Arc<Guard>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    if !guard.host_ok(headers) {
        return refuse("Host");
    }
    if !guard.origin_ok(headers) {
        return refuse("Origin");
    }
    // The page's own script and style hold nothing of the application.
    let public = request.uri().path().starts_with("/assets/");
    if !public && !guard.token_ok(headers, request.uri().query()) {
        return refuse("token");
    }
    next.run(request).await
}

fn refuse(what: &str) -> Response {
    (
        StatusCode::FORBIDDEN,
        format!("appbook edit: refused ({what})\n"),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_compared_whole() {
        let a = new_token().unwrap();
        assert_eq!(a.len(), 32);
        assert_ne!(a, new_token().unwrap());
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"ab"));
    }
}
