//! The C2SP tlog-tiles read API under `/tlog` (contract §9): the checkpoint, Merkle tree tiles
//! and entry bundles, read from the tiles the store keeps. Full and partial tiles never change
//! once served (a partial tile is a prefix of the eventual full one), so every tile is
//! `immutable`; the checkpoint is `no-cache`. Gzip when the client asks (`Accept-Encoding`).

use crate::{AppState, Problem};
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use ledger_proof::tlog::{self, TileKind, TilePath};

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/tlog/checkpoint", get(checkpoint))
        .route("/tlog/tile/{*rest}", get(tile))
        .layer(tower_http::compression::CompressionLayer::new().gzip(true))
}

#[utoipa::path(get, path = "/tlog/checkpoint", tag = "tlog-tiles", description = "The current checkpoint (C2SP tlog-tiles), as `/v1/checkpoint`; not cached.",
    responses((status = 200, description = "A C2SP checkpoint", content_type = "text/plain")))]
pub async fn checkpoint(State(st): State<AppState>) -> Response {
    let mut r = st.checkpoint().into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

#[utoipa::path(get, path = "/tlog/tile/{path}", tag = "tlog-tiles", description = "A Merkle tree tile `<L>/<N>[.p/<W>]` or an entry bundle `entries/<N>[.p/<W>]`, exactly as C2SP tlog-tiles lays them out; 404 beyond the published tree.",
    params(("path" = String, Path, description = "e.g. `0/x001/234`, `1/000.p/17`, `entries/000.p/5`")),
    responses((status = 200, description = "The tile or bundle", content_type = "application/octet-stream"), (status = 404, description = "Not a tile path, or beyond the tree", content_type = "application/problem+json")))]
pub async fn tile(
    State(st): State<AppState>,
    Path(rest): Path<String>,
) -> Result<Response, Problem> {
    let p = TilePath::parse(&rest).ok_or_else(|| {
        Problem::not_found(format!(
            "tile/{rest} is not a tlog-tiles path (<L>/<N>[.p/<W>] or entries/<N>[.p/<W>])"
        ))
    })?;
    let reader = st.store.reader();
    let size = reader.published().size;
    if !tlog::exists(size, &p) {
        return Err(Problem::not_found(format!(
            "{} is beyond the published tree of {size} entries",
            p.render()
        )));
    }
    let w = p.width();
    let body = match p.kind {
        TileKind::Level(level) => {
            let t = reader
                .tile(level, p.index)?
                .ok_or_else(|| Problem::not_found(format!("{} is not stored", p.render())))?;
            t.hashes(w)
                .ok_or_else(|| Problem::not_found(format!("{} is not stored", p.render())))?
                .to_vec()
        }
        TileKind::Entries => {
            let lines = reader.entries(p.index * tlog::TILE_WIDTH, w)?;
            tlog::encode_bundle(&lines).map_err(Problem::bad_request)?
        }
    };
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    Ok(r)
}
