#!/usr/bin/env bash
# A single-node Ceph cluster with its S3 gateway (radosgw) for the tests, in a temporary
# directory, on loopback only, without privileges or block devices: one monitor, one OSD that
# keeps its objects in memory (memstore), no manager, no authentication inside the cluster.
#
#   radosgw.sh start          starts it; prints MLOPS_RADOSGW_DIR=, MLOPS_RADOSGW_ENDPOINT=,
#                             MLOPS_RADOSGW_ACCESS_KEY= and MLOPS_RADOSGW_SECRET_KEY= lines
#   radosgw.sh stop DIR       stops the cluster started in DIR and removes DIR
#
# Needs Debian's radosgw, ceph-mon, ceph-osd and ceph-common (Ceph 16). Two settings matter:
# with "auth none" the gateway loops on "get_initial_auth_request returned -13" and never listens
# unless "ms mon client mode = crc"; and beast without tcp_nodelay=1 takes ~44 ms per GET.
set -euo pipefail

# The test servers' keys (S3TestServer), so one store builder serves both.
ACCESS_KEY=test-access-key
SECRET_KEY=test-secret-key-never-logged

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

stop() {
  local dir="$1"
  [ -d "$dir/run" ] || { rm -rf "$dir"; return 0; }
  # Reverse order of start; each daemon wrote its pid file.
  for name in client.rgw.a osd.0 mon.a; do
    local pidfile="$dir/run/$name.pid"
    if [ -f "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; fi
  done
  for name in client.rgw.a osd.0 mon.a; do
    local pidfile="$dir/run/$name.pid"
    if [ -f "$pidfile" ]; then
      local pid; pid="$(cat "$pidfile")"
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$dir"
}

fail() {
  echo "radosgw.sh: $1; logs follow" >&2
  tail -n 30 "$dir"/log/*.log >&2 || true
  stop "$dir"
  exit 1
}

start() {
  for tool in ceph-mon ceph-osd radosgw radosgw-admin ceph monmaptool python3; do
    command -v "$tool" >/dev/null || { echo "radosgw.sh: $tool is not installed" >&2; exit 2; }
  done
  dir="$(mktemp -d "${TMPDIR:-/tmp}/mlops-radosgw.XXXXXX")"
  mkdir -p "$dir/run" "$dir/log" "$dir/mon/ceph-a" "$dir/osd/ceph-0"
  local fsid mon_port rgw_port conf
  fsid="$(python3 -c 'import uuid; print(uuid.uuid4())')"
  mon_port="$(free_port)"
  rgw_port="$(free_port)"
  conf="$dir/ceph.conf"
  cat > "$conf" <<CONF
[global]
fsid = $fsid
mon host = v2:127.0.0.1:$mon_port
mon initial members = a
public addr = 127.0.0.1
cluster addr = 127.0.0.1
ms bind msgr1 = false
auth cluster required = none
auth service required = none
auth client required = none
ms mon client mode = crc
run dir = $dir/run
pid file = $dir/run/\$name.pid
admin socket = $dir/run/\$name.asok
log file = $dir/log/\$name.log
mon data = $dir/mon/\$cluster-\$id
osd data = $dir/osd/\$cluster-\$id
osd objectstore = memstore
memstore device bytes = 4294967296
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd crush chooseleaf type = 0
mon allow pool delete = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$rgw_port tcp_nodelay=1
rgw data = $dir/rgw
rgw gc obj min wait = 60
rgw gc processor period = 60
CONF
  export CEPH_CONF="$conf"
  monmaptool --create --clobber --fsid "$fsid" --addv a "[v2:127.0.0.1:$mon_port]" \
    "$dir/monmap" >/dev/null
  ceph-mon --mkfs -i a --monmap "$dir/monmap" >/dev/null 2>&1 || fail "ceph-mon --mkfs failed"
  ceph-mon -i a 2>>"$dir/log/stderr.log" || fail "ceph-mon did not start"
  local osd_uuid
  osd_uuid="$(python3 -c 'import uuid; print(uuid.uuid4())')"
  ceph --connect-timeout 15 osd create "$osd_uuid" >/dev/null || fail "ceph osd create failed"
  ceph-osd -i 0 --mkfs --osd-uuid "$osd_uuid" >/dev/null 2>&1 || fail "ceph-osd --mkfs failed"
  ceph osd crush add osd.0 1.0 root=default >/dev/null 2>&1 || fail "ceph osd crush add failed"
  ceph-osd -i 0 2>>"$dir/log/stderr.log" || fail "ceph-osd did not start"
  radosgw -n client.rgw.a 2>>"$dir/log/stderr.log" || fail "radosgw did not start"
  for _ in $(seq 600); do
    curl -s -o /dev/null "http://127.0.0.1:$rgw_port/" && break
    sleep 0.1
  done
  curl -s -o /dev/null "http://127.0.0.1:$rgw_port/" || fail "radosgw did not listen within 60 s"
  radosgw-admin -n client.rgw.a user create --uid=mlops --display-name=mlops \
    --access-key="$ACCESS_KEY" --secret-key="$SECRET_KEY" >/dev/null 2>&1 \
    || fail "radosgw-admin user create failed"
  echo "MLOPS_RADOSGW_DIR=$dir"
  echo "MLOPS_RADOSGW_ENDPOINT=http://127.0.0.1:$rgw_port"
  echo "MLOPS_RADOSGW_ACCESS_KEY=$ACCESS_KEY"
  echo "MLOPS_RADOSGW_SECRET_KEY=$SECRET_KEY"
}

case "${1:-}" in
  start) start ;;
  stop) [ -n "${2:-}" ] || { echo "usage: radosgw.sh stop DIR" >&2; exit 64; }; stop "$2" ;;
  *) echo "usage: radosgw.sh start | stop DIR" >&2; exit 64 ;;
esac
