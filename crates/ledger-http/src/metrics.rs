//! `GET /metrics`: the server's counters in the Prometheus text format (prometheus-client).
//!
//! | metric | kind | what |
//! |---|---|---|
//! | `dledger_appends_total{outcome}` | counter | `POST /v1/events` answered: `created`, `repeat`, `rejected` |
//! | `dledger_append_duration_seconds` | histogram | time from the request's arrival to its acknowledgement (created and repeat) |
//! | `dledger_append_batch_size` | histogram | entries the single writer made durable with one flush |
//! | `dledger_http_responses_total{status}` | counter | every response, by status code |
//! | `dledger_connections_open` | gauge | connections being served |
//! | `dledger_connections_shed_total` | counter | connections beyond a cap (answered 503, or closed) |
//! | `dledger_feed_subscribers` | gauge | open `/v1/feed` streams |
//! | `dledger_writes_stopped` | gauge | 1 while the store refuses writes (a write failed, e.g. a full disk) |
//! | `dledger_log_entries` | gauge | entries under the published checkpoint |
//! | `dledger_store_bytes` | gauge | the store's size on disk |

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Outcome {
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Status {
    status: u16,
}

struct Inner {
    registry: Registry,
    appends: Family<Outcome, Counter>,
    append_seconds: Histogram,
    batch_size: Histogram,
    responses: Family<Status, Counter>,
    connections: Gauge,
    shed: Counter,
    subscribers: Gauge,
    writes_stopped: Gauge,
    entries: Gauge<u64, AtomicU64>,
    store_bytes: Gauge<u64, AtomicU64>,
}

/// Shared handle to the server's metrics.
#[derive(Clone)]
pub struct Metrics(Arc<Inner>);

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("dledger");
        let appends = Family::<Outcome, Counter>::default();
        registry.register(
            "appends",
            "POST /v1/events answered, by outcome",
            appends.clone(),
        );
        let append_seconds = Histogram::new([
            0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0,
        ]);
        registry.register(
            "append_duration_seconds",
            "Time from a POST /v1/events to its acknowledgement",
            append_seconds.clone(),
        );
        let batch_size = Histogram::new([
            1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0, 1024.0,
        ]);
        registry.register(
            "append_batch_size",
            "Entries made durable by one flush of the writer",
            batch_size.clone(),
        );
        let responses = Family::<Status, Counter>::default();
        registry.register(
            "http_responses",
            "HTTP responses, by status code",
            responses.clone(),
        );
        let connections = Gauge::default();
        registry.register(
            "connections_open",
            "Connections being served",
            connections.clone(),
        );
        let shed = Counter::default();
        registry.register(
            "connections_shed",
            "Connections beyond the connection caps (answered 503 or closed)",
            shed.clone(),
        );
        let subscribers = Gauge::default();
        registry.register(
            "feed_subscribers",
            "Open /v1/feed streams",
            subscribers.clone(),
        );
        let writes_stopped = Gauge::default();
        registry.register(
            "writes_stopped",
            "1 while the store refuses writes after a failed write (a full disk)",
            writes_stopped.clone(),
        );
        let entries = Gauge::<u64, AtomicU64>::default();
        registry.register(
            "log_entries",
            "Entries under the published checkpoint",
            entries.clone(),
        );
        let store_bytes = Gauge::<u64, AtomicU64>::default();
        registry.register(
            "store_bytes",
            "The store's size on disk, in bytes",
            store_bytes.clone(),
        );
        Metrics(Arc::new(Inner {
            registry,
            appends,
            append_seconds,
            batch_size,
            responses,
            connections,
            shed,
            subscribers,
            writes_stopped,
            entries,
            store_bytes,
        }))
    }

    pub fn append(&self, outcome: &'static str, seconds: Option<f64>) {
        self.0.appends.get_or_create(&Outcome { outcome }).inc();
        if let Some(s) = seconds {
            self.0.append_seconds.observe(s);
        }
    }
    pub fn batch(&self, entries: usize) {
        self.0.batch_size.observe(entries as f64);
    }
    pub fn response(&self, status: u16) {
        self.0.responses.get_or_create(&Status { status }).inc();
    }
    pub fn connection_opened(&self) {
        self.0.connections.inc();
    }
    pub fn connection_closed(&self) {
        self.0.connections.dec();
    }
    pub fn connection_shed(&self) {
        self.0.shed.inc();
    }
    pub fn subscriber_opened(&self) {
        self.0.subscribers.inc();
    }
    pub fn subscriber_closed(&self) {
        self.0.subscribers.dec();
    }
    pub fn subscribers(&self) -> i64 {
        self.0.subscribers.get()
    }

    /// The text exposition, with the store's gauges read now.
    pub fn render(&self, entries: u64, store_bytes: u64, writes_stopped: bool) -> String {
        self.0.entries.set(entries);
        self.0.store_bytes.set(store_bytes);
        self.0.writes_stopped.set(i64::from(writes_stopped));
        let mut out = String::new();
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.0.registry);
        out
    }
}
