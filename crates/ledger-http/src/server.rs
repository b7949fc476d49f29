//! The connection layer under the router: what one client may hold, for how long, and what the
//! server answers when it is full (RELIABILITY.md states each bound and the figure measured).
//!
//! - **Connections**: at most [`Limits::max_connections`] served at once, and at most
//!   [`Limits::max_per_client`] from one client address. A connection beyond either cap is not
//!   refused at the socket: it is served by the *shedding* service, which answers `GET /healthz`
//!   as usual and everything else `503` problem+json with `Retry-After`, one request, then closes
//!   (at most [`OVERFLOW`] such connections at once, each with a 1 s header timeout; beyond that a
//!   connection is closed as soon as it is accepted). The caps are kept under the process's
//!   file-descriptor limit (raised to its hard limit at start), so `accept` never runs out.
//! - **Time**: the request head must arrive within [`Limits::header_timeout`] of the connection
//!   opening or of the previous response (this is also the idle keep-alive timeout); a request
//!   body within [`Limits::body_timeout`]; a response within [`Limits::request_timeout`]; a write
//!   to the client that makes no progress for [`Limits::write_timeout`] closes the connection (a
//!   reader that stops reading, a feed subscriber that never reads).
//! - **Framing**: a request carrying both `Content-Length` and `Transfer-Encoding` is refused with
//!   400 (hyper drops one of the two headers before the router sees them, so the request head is
//!   scanned as it is read). hyper's own answers to unparseable requests (400, 414, 431, sent
//!   before the router runs) are rewritten into problem+json on their way out.
//!
//! HTTP/1.1 only (and 1.0): the API has no use for HTTP/2, and its version sniffing has no
//! timeout.

use crate::metrics::Metrics;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::response::IntoResponse;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{ready, Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tower::Service;

/// Connections served by the shedding service at once (beyond the caps).
pub const OVERFLOW: usize = 128;
/// Largest request head (request line and headers), in bytes; larger gets 431.
pub const MAX_HEAD: usize = 16 * 1024;
/// hyper's buffer per connection (it must hold a request head of [`MAX_HEAD`]).
pub const MAX_BUF: usize = 32 * 1024;
/// How long a stopping server waits for the requests in flight.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);
/// File descriptors kept free for the store, snapshots and logs.
const FD_RESERVE: u64 = 64;

/// The bounds of the connection layer (flags of `dledger serve`).
#[derive(Clone, Debug)]
pub struct Limits {
    pub max_connections: usize,
    pub max_per_client: usize,
    pub header_timeout: Duration,
    pub body_timeout: Duration,
    pub request_timeout: Duration,
    pub write_timeout: Duration,
    pub max_subscribers: usize,
    /// Expensive reads (audit, receipts) served at once; others wait up to `request_timeout`.
    pub expensive_reads: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 1024,
            max_per_client: 256,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            write_timeout: Duration::from_secs(20),
            max_subscribers: 256,
            expensive_reads: 2,
        }
    }
}

impl Limits {
    /// Raises the soft file-descriptor limit to the hard one and lowers the connection caps if
    /// they would not fit under it. Returns the limit in force.
    pub fn fit_to_fds(&mut self) -> u64 {
        let wanted = self.max_connections as u64 + OVERFLOW as u64 + FD_RESERVE;
        let limit = rlimit::increase_nofile_limit(wanted.max(4096)).unwrap_or(1024);
        if wanted > limit {
            let fit = limit.saturating_sub(OVERFLOW as u64 + FD_RESERVE).max(16) as usize;
            tracing::warn!(
                "the file-descriptor limit is {limit}: serving at most {fit} connections instead of {}",
                self.max_connections
            );
            self.max_connections = fit;
        }
        self.max_per_client = self.max_per_client.min(self.max_connections);
        limit
    }
}

/// Per connection: who it is, and whether its request head framed the body twice.
#[derive(Clone)]
pub struct ConnInfo {
    pub peer: IpAddr,
    pub conflicting_framing: Arc<AtomicBool>,
}

/// Counts of open connections, in total and per client address.
struct Conns {
    open: usize,
    per_client: HashMap<IpAddr, usize>,
}

struct ConnGuard {
    conns: Arc<Mutex<Conns>>,
    peer: IpAddr,
    metrics: Metrics,
}

impl Drop for ConnGuard {
    fn drop(&mut self) {
        if let Ok(mut c) = self.conns.lock() {
            c.open -= 1;
            if let Some(n) = c.per_client.get_mut(&self.peer) {
                *n -= 1;
                if *n == 0 {
                    c.per_client.remove(&self.peer);
                }
            }
        }
        self.metrics.connection_closed();
    }
}

fn admit(
    conns: &Arc<Mutex<Conns>>,
    limits: &Limits,
    peer: IpAddr,
    metrics: &Metrics,
) -> Option<ConnGuard> {
    let mut c = conns.lock().ok()?;
    let mine = c.per_client.get(&peer).copied().unwrap_or(0);
    if c.open >= limits.max_connections || mine >= limits.max_per_client {
        return None;
    }
    c.open += 1;
    *c.per_client.entry(peer).or_insert(0) += 1;
    metrics.connection_opened();
    Some(ConnGuard {
        conns: conns.clone(),
        peer,
        metrics: metrics.clone(),
    })
}

/// Serves `app` on `listener` within `limits` until `shutdown` resolves; then stops accepting,
/// lets the requests in flight finish (at most `request_timeout`) and returns.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: Limits,
    metrics: Metrics,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let conns = Arc::new(Mutex::new(Conns {
        open: 0,
        per_client: HashMap::new(),
    }));
    let overflow = Arc::new(tokio::sync::Semaphore::new(OVERFLOW));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (tcp, addr) = tokio::select! {
            biased;
            _ = &mut shutdown => break,
            r = listener.accept() => match r {
                Ok(x) => x,
                Err(e) => {
                    // EMFILE/ENFILE or a connection reset before accept: wait a moment, go on.
                    tracing::warn!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let _ = tcp.set_nodelay(true);
        let peer = addr.ip();
        let (guard, shed) = match admit(&conns, &limits, peer, &metrics) {
            Some(g) => (Some(g), None),
            None => match overflow.clone().try_acquire_owned() {
                Ok(permit) => (None, Some(permit)),
                Err(_) => {
                    metrics.connection_shed();
                    drop(tcp);
                    continue;
                }
            },
        };
        let framing = Arc::new(AtomicBool::new(false));
        let info = ConnInfo {
            peer,
            conflicting_framing: framing.clone(),
        };
        let io = TokioIo::new(Guarded::new(tcp, limits.write_timeout, framing));
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(TokioTimer::new())
            .writev(false)
            .max_header_size(MAX_HEAD)
            .max_headers(100)
            // What hyper buffers per connection, reading and writing: a reader that stops
            // reading pins this (hyper's default is about 400 KiB), plus one chunk of the body.
            .max_buf_size(MAX_BUF);
        let app = app.clone();
        if let Some(permit) = shed {
            metrics.connection_shed();
            http.keep_alive(false)
                .header_read_timeout(Duration::from_secs(1));
            let caps = (limits.max_connections, limits.max_per_client);
            let svc = hyper::service::service_fn(move |mut req: Request<Incoming>| {
                req.extensions_mut().insert(info.clone());
                let mut app = app.clone();
                async move {
                    if req.method() == axum::http::Method::GET && req.uri().path() == "/healthz" {
                        return app.call(req.map(Body::new)).await;
                    }
                    Ok(shed_response(caps))
                }
            });
            let conn = graceful.watch(http.serve_connection(io, svc));
            tokio::spawn(async move {
                let _ = conn.await;
                drop(permit);
            });
        } else {
            http.keep_alive(true)
                .header_read_timeout(limits.header_timeout);
            let svc = hyper::service::service_fn(move |mut req: Request<Incoming>| {
                req.extensions_mut().insert(info.clone());
                app.clone().call(req.map(Body::new))
            });
            let conn = graceful.watch(http.serve_connection(io, svc));
            tokio::spawn(async move {
                let _ = conn.await;
                drop(guard);
            });
        }
    }
    drop(listener);
    // Requests in flight finish; a feed never does, so the wait is bounded.
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::info!(
            "connections still open {} s after the shutdown signal (feeds): closing them",
            SHUTDOWN_GRACE.as_secs()
        );
    }
    Ok(())
}

fn shed_response(caps: (usize, usize)) -> axum::response::Response {
    crate::Problem::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "overloaded",
        "too many connections",
        format!(
            "the server is serving its maximum of {} connections ({} per client address); retry later",
            caps.0, caps.1
        ),
    )
    .retry_after(1)
    .into_response()
}

/// Watches the request head for `Content-Length` and `Transfer-Encoding` in the same head.
#[derive(Default)]
struct FramingScan {
    line: [u8; 20],
    len: usize,
    line_bytes: usize,
    cl: bool,
    te: bool,
}

impl FramingScan {
    /// Feeds bytes as they are read; true when a head framed its body both ways.
    fn feed(&mut self, bytes: &[u8]) -> bool {
        let mut hit = false;
        for &b in bytes {
            if b == b'\n' {
                let line = &self.line[..self.len];
                let empty = self.line_bytes == 0 || (self.line_bytes == 1 && line == b"\r");
                if empty {
                    self.cl = false;
                    self.te = false;
                } else if line.starts_with(b"content-length:") {
                    self.cl = true;
                } else if line.starts_with(b"transfer-encoding:") {
                    self.te = true;
                }
                hit |= self.cl && self.te;
                self.len = 0;
                self.line_bytes = 0;
            } else {
                if self.len < self.line.len() {
                    self.line[self.len] = b.to_ascii_lowercase();
                    self.len += 1;
                }
                self.line_bytes += 1;
            }
        }
        hit
    }
}

/// The TCP stream as hyper sees it: writes that make no progress time out; the request head is
/// scanned for double framing; hyper's own bodiless error answers become problem+json.
struct Guarded {
    inner: TcpStream,
    write_timeout: Duration,
    stalled: Option<Pin<Box<tokio::time::Sleep>>>,
    scan: FramingScan,
    framing: Arc<AtomicBool>,
    /// A replacement response still to be written, and how much of it is.
    pending: Option<(Vec<u8>, usize)>,
}

impl Guarded {
    fn new(inner: TcpStream, write_timeout: Duration, framing: Arc<AtomicBool>) -> Self {
        Guarded {
            inner,
            write_timeout,
            stalled: None,
            scan: FramingScan::default(),
            framing,
            pending: None,
        }
    }

    /// Called when a write is pending: arms the stall timer, or fails once it has run out.
    fn stall(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
        let timeout = self.write_timeout;
        let sleep = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
        if sleep.as_mut().poll(cx).is_ready() {
            return Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client read nothing for the write timeout",
            )));
        }
        Poll::Pending
    }

    fn write_inner(&mut self, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write(cx, buf) {
            Poll::Pending => self.stall(cx),
            Poll::Ready(r) => {
                self.stalled = None;
                Poll::Ready(r)
            }
        }
    }

    fn drain(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while let Some((bytes, done)) = self.pending.take() {
            if done >= bytes.len() {
                break;
            }
            match self.write_inner(cx, &bytes[done..]) {
                Poll::Ready(Ok(0)) => {
                    return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
                }
                Poll::Ready(Ok(n)) => self.pending = Some((bytes, done + n)),
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => {
                    self.pending = Some((bytes, done));
                    return Poll::Pending;
                }
            }
        }
        Poll::Ready(Ok(()))
    }
}

/// hyper's automatic answer to a request it could not parse: a 400, 414 or 431 head with no
/// body and no content type. Every response of the router has a content type.
fn hyper_error_status(buf: &[u8]) -> Option<u16> {
    let rest = buf
        .strip_prefix(b"HTTP/1.1 ")
        .or_else(|| buf.strip_prefix(b"HTTP/1.0 "))?;
    let status = std::str::from_utf8(rest.get(..3)?)
        .ok()?
        .parse::<u16>()
        .ok()?;
    if !matches!(status, 400 | 414 | 431) {
        return None;
    }
    let end = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = buf[..end].to_ascii_lowercase();
    let has = |name: &[u8]| head.windows(name.len()).any(|w| w == name);
    (!has(b"\r\ncontent-type:") && has(b"\r\ncontent-length: 0")).then_some(status)
}

fn problem_bytes(status: u16) -> Vec<u8> {
    let (slug, title, detail) = match status {
        414 => (
            "uri-too-long",
            "URI too long",
            "the request target is too long".to_string(),
        ),
        431 => (
            "headers-too-large",
            "request header fields too large",
            format!(
                "the request head is larger than {MAX_HEAD} bytes or has more than 100 headers"
            ),
        ),
        _ => (
            "bad-request",
            "bad request",
            "the request is not valid HTTP/1.1: its request line or a header could not be parsed"
                .to_string(),
        ),
    };
    let body = serde_json::json!({
        "type": format!("urn:dledger:problem:{slug}"),
        "title": title,
        "status": status,
        "detail": detail,
    })
    .to_string();
    let reason = StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Error");
    format!(
        "HTTP/1.1 {status} {reason}\r\ncontent-type: application/problem+json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

impl AsyncRead for Guarded {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        ready!(Pin::new(&mut this.inner).poll_read(cx, buf))?;
        if this.scan.feed(&buf.filled()[before..]) {
            this.framing.store(true, Ordering::Relaxed);
        }
        Poll::Ready(Ok(()))
    }
}

impl AsyncWrite for Guarded {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        ready!(this.drain(cx))?;
        if let Some(status) = hyper_error_status(buf) {
            this.pending = Some((problem_bytes(status), 0));
            if let Poll::Ready(Err(e)) = this.drain(cx) {
                return Poll::Ready(Err(e));
            }
            return Poll::Ready(Ok(buf.len()));
        }
        this.write_inner(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.drain(cx))?;
        Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.drain(cx))?;
        Pin::new(&mut this.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_framing_is_seen_across_reads_and_forgotten_after_the_head() {
        let mut s = FramingScan::default();
        assert!(!s.feed(b"POST /v1/events HTTP/1.1\r\nHost: x\r\nTransfer-Enc"));
        assert!(s.feed(b"oding: chunked\r\nContent-Length: 5\r\n\r\n"));
        let mut s = FramingScan::default();
        assert!(!s.feed(b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"));
        assert!(!s.feed(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"));
    }

    #[test]
    fn only_hypers_bodiless_answers_are_rewritten() {
        let hyper = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\ndate: Wed, 02 Dec 2026 14:00:00 GMT\r\n\r\n";
        assert_eq!(hyper_error_status(hyper), Some(431));
        let ours = b"HTTP/1.1 400 Bad Request\r\ncontent-type: application/problem+json\r\ncontent-length: 0\r\n\r\n";
        assert_eq!(hyper_error_status(ours), None);
        let ok = b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n";
        assert_eq!(hyper_error_status(ok), None);
        let out = String::from_utf8(problem_bytes(400)).unwrap();
        let (head, body) = out.split_once("\r\n\r\n").unwrap();
        assert!(head.contains("content-type: application/problem+json"));
        assert!(head.contains(&format!("content-length: {}", body.len())));
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(v["status"], 400);
    }
}
