#!/usr/bin/env bash
# tlog-tiles end to end (issue 15): a server's /tlog, and a `dledger publish` copy served by
# nginx, a plain static file server, both checked by .ci/tiles_client.py (a tiles client written
# from the C2SP text alone) and by `dledger verify` over http. Usage: .ci/tiles_ci.sh DLEDGER
set -euo pipefail
BIN="$(realpath "$1")"
T="$(mktemp -d)"
chmod 755 "$T"
cleanup() {
  [ -n "${NGINX_PID:-}" ] && kill "$NGINX_PID" 2>/dev/null || true
  [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$T"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

PORT="$(free_port)"
"$BIN" serve --data "$T/data" --listen "127.0.0.1:$PORT" --demo 2>"$T/server.log" &
SERVER_PID=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
VKEY="$(cat "$T/data/keys/log.vkey")"
# Past one full tile (256 entries), so that level 1 and full bundles are served too.
for i in $(seq 1 200); do
  printf '{"id":"ci-party-%s","type":"party.registered","data":{"party_id":"ci-party-%s","name":"CI Party %s"}}' "$i" "$i" "$i" >"$T/e.json"
  "$BIN" submit --server "http://127.0.0.1:$PORT" --key "$T/data/keys/secretariat.skey" "$T/e.json" >/dev/null
done
echo "-- the server's /tlog"
python3 .ci/tiles_client.py "http://127.0.0.1:$PORT/tlog" --vkey "$VKEY"
echo "-- the server's tlog-proofs (contract §11)"
python3 .ci/tlog_proof_reader.py "http://127.0.0.1:$PORT" "$VKEY" "$BIN"

echo "-- a published copy behind nginx"
"$BIN" publish --server "http://127.0.0.1:$PORT" --out "$T/pub"
chmod -R a+rX "$T/pub"
NPORT="$(free_port)"
cat >"$T/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $T/nginx.pid;
error_log $T/nginx-error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $T/nginx-tmp;
  proxy_temp_path $T/nginx-tmp;
  fastcgi_temp_path $T/nginx-tmp;
  uwsgi_temp_path $T/nginx-tmp;
  scgi_temp_path $T/nginx-tmp;
  default_type application/octet-stream;
  gzip on;
  gzip_types application/octet-stream;
  server {
    listen 127.0.0.1:$NPORT;
    root $T/pub;
    location = /checkpoint { default_type "text/plain; charset=utf-8"; add_header Cache-Control "no-cache"; }
    location = /log.vkey { default_type "text/plain; charset=utf-8"; }
    location /tile/ { add_header Cache-Control "public, max-age=31536000, immutable"; }
  }
}
CONF
mkdir -p "$T/nginx-tmp"
nginx -c "$T/nginx.conf" -p "$T" &
NGINX_PID=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$NPORT/checkpoint" >/dev/null && break; sleep 0.1; done
python3 .ci/tiles_client.py "http://127.0.0.1:$NPORT" --vkey "$VKEY"
"$BIN" verify "http://127.0.0.1:$NPORT" --log-vkey "$VKEY"
echo "-- the same copy as a directory"
python3 .ci/tiles_client.py "$T/pub" --vkey "$VKEY"
"$BIN" verify "$T/pub" --log-vkey "$VKEY"
echo "tiles through nginx: ok"
