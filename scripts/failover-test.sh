#!/usr/bin/env bash
# Failover without losing an acknowledged write. Builds, on 127.0.0.1 and in a temporary folder
# removed afterwards: a pg_auto_failover monitor, a primary and a synchronous standby, and two
# `vangnet serve` on the cluster's multi-host address. A writer (failover_writer.mjs) writes
# through both servers, with readers alongside, and after 20 acknowledged writes
#   kill:   kills the primary node (its keeper and its postmaster, kill -9), or
#   freeze: freezes it (SIGSTOP to the keeper, the postmaster and every backend): a primary that
#           hangs instead of dying, its kernel still holding the connections open;
# and keeps writing through the promotion. Then: every write that got a 2xx is there, the audit
# chain verifies, and exactly one server holds the background-work lease. Frozen, every request
# must also be answered within 1 s (503 until the standby is promoted) and writes must be back
# within 15 s of the freeze, with the monitor settings below (README "With a standby").
#
# Usage: scripts/failover-test.sh [path/to/vangnet] [kill|freeze]   (gives up after 4 minutes)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
binary="$(realpath "${1:-$here/../build/vangnet}")"
mode="${2:-kill}"
[[ $mode == kill || $mode == freeze ]] || { echo "failover-test: mode is kill or freeze" >&2; exit 2; }
pgbin=/usr/lib/postgresql/15/bin
work="$(mktemp -d /tmp/vangnet-failover.XXXXXX)"
chmod 755 "$work"
app="$work/app"  # ours: logs, the vangnet key file; the rest of $work belongs to postgres
mkdir -p "$app"
groups=()
# pg_autoctl refuses to run as root and PostgreSQL's sockets live in /var/run/postgresql: the
# PostgreSQL side runs as the postgres user, through sudo when we are not root.
priv=()
((EUID == 0)) || priv=(sudo)

# The postmaster's pid of a data directory (readable by postgres only), or nothing.
postmaster_of() { "${priv[@]}" head -1 "$1/postmaster.pid" 2>/dev/null || true; }

cleanup() {
  local rc=$?
  for g in "${groups[@]}"; do "${priv[@]}" kill -9 -- "-$g" 2>/dev/null || true; done
  # A postmaster whose keeper went first is in no group of ours any more.
  for d in "$work"/monitor "$work"/n1 "$work"/n2; do
    pid="$(postmaster_of "$d")"
    [[ -n $pid ]] && "${priv[@]}" kill -9 "$pid" 2>/dev/null || true
  done
  if ((rc != 0)); then
    for f in "$app"/*.log; do echo "--- $f"; tail -25 "$f"; done
  fi
  "${priv[@]}" rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 124' ALRM
setsid bash -c "sleep 240; kill -ALRM $$ 2>/dev/null" >/dev/null 2>&1 & groups+=($!)
disown "$!"  # its end at clean-up is no news

pg_env=(env HOME="$work" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
        XDG_RUNTIME_DIR="$work/run" PATH="$pgbin:$PATH" PG_CONFIG="$pgbin/pg_config")
"${priv[@]}" install -d -o postgres /var/run/postgresql
"${priv[@]}" chown postgres "$work"
pg_env=("${priv[@]}" runuser -u postgres -- "${pg_env[@]}")
as_postgres() { "${pg_env[@]}" "$@"; }

# Starts a command in a process group of its own (so it can be killed whole); prints its pgid.
start_group() {
  local log=$1; shift
  setsid "$@" >"$app/$log" 2>&1 &
  echo $!
}

# Free ports on 127.0.0.1, chosen by the kernel.
read -r p_monitor p_n1 p_n2 p_a p_b < <(node -e '
  const net = require("node:net");
  Promise.all([0,1,2,3,4].map(() => new Promise((r) => { const s = net.createServer();
    s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => r(p)); }); })))
  .then((ports) => console.log(ports.join(" ")));')

wait_for() {  # wait_for SECONDS DESCRIPTION COMMAND...
  local limit=$1 what=$2; shift 2
  for ((i = 0; i < limit * 4; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  echo "failover-test: $what did not happen within ${limit}s" >&2
  return 1
}

state_is() {  # state_is NODE STATE
  as_postgres pg_autoctl show state --pgdata "$work/monitor" --json |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const n=JSON.parse(s)
      .find(x=>x.nodename===process.argv[1]);process.exit(n&&n.current_group_state===process.argv[2]&&
      n.assigned_group_state===process.argv[2]?0:1)})' "$1" "$2"
}

echo "failover-test ($mode): monitor on $p_monitor, nodes on $p_n1 and $p_n2"
groups+=("$(start_group monitor.log "${pg_env[@]}" pg_autoctl create monitor --pgdata "$work/monitor" \
  --pgport "$p_monitor" --hostname 127.0.0.1 --listen 127.0.0.1 --auth trust --no-ssl --run)")
wait_for 30 "monitor start" as_postgres psql -h 127.0.0.1 -p "$p_monitor" -d pg_auto_failover \
  -Atc "select 1 from pgautofailover.formation"
# Notice a lost node in seconds rather than the default 20-30 s (the settings README "With a
# standby" recommends).
for setting in health_check_period=1000 health_check_timeout=1000 health_check_max_retries=1 \
               health_check_retry_delay=500 node_considered_unhealthy_timeout=3000 \
               primary_demote_timeout=3000; do
  as_postgres psql -q -h 127.0.0.1 -p "$p_monitor" -d pg_auto_failover \
    -c "alter system set pgautofailover.${setting%=*} to ${setting#*=}"
done
as_postgres psql -q -h 127.0.0.1 -p "$p_monitor" -d pg_auto_failover -c "select pg_reload_conf()" >/dev/null

monitor_url="postgres://autoctl_node@127.0.0.1:$p_monitor/pg_auto_failover?sslmode=disable"
node_group() {  # node_group NAME PORT
  start_group "$1.log" "${pg_env[@]}" pg_autoctl create postgres --pgdata "$work/$1" --pgport "$2" \
    --hostname 127.0.0.1 --listen 127.0.0.1 --name "$1" --auth trust --no-ssl --dbname vangnet \
    --monitor "$monitor_url" --run
}
n1_group="$(node_group n1 "$p_n1")"; groups+=("$n1_group")
wait_for 60 "first node up" state_is n1 single
groups+=("$(node_group n2 "$p_n2")")
# The standby's base backup waits for a checkpoint: ask for it now instead of in minutes.
for ((i = 0; i < 120; i++)); do
  state_is n2 secondary && break
  as_postgres psql -q -h 127.0.0.1 -p "$p_n1" -d vangnet -c checkpoint >/dev/null 2>&1 || true
  sleep 0.5
done
wait_for 5 "standby in sync" state_is n2 secondary
sync=$(as_postgres psql -h 127.0.0.1 -p "$p_n1" -d vangnet -Atc "show synchronous_standby_names")
echo "failover-test: primary and standby ready, synchronous_standby_names = $sync"
[[ -n $sync ]] || { echo "failover-test: replication is not synchronous" >&2; exit 1; }

db="postgresql://postgres@127.0.0.1:$p_n1,127.0.0.1:$p_n2/vangnet?target_session_attrs=read-write"
cd "$app"  # the key and audit anchor files of the database live here
export VANGNET_PASSWORD_COST=minimum
"$binary" demo --db "$db" >demo.log
password="failover-test-password"
echo "$password" | "$binary" user add failover --db "$db" --role coordinator --password-stdin >/dev/null
for s in a b; do
  port_var="p_$s"
  groups+=("$(start_group "server-$s.log" "$binary" serve --db "$db" --listen "127.0.0.1:${!port_var}" \
    --tick 1s)")
done
wait_for 15 "servers up" curl -sf "http://127.0.0.1:$p_a/api/v1/health" "http://127.0.0.1:$p_b/api/v1/health"

# The whole primary node: its keeper (which would otherwise restart PostgreSQL) and its postmaster.
# procps' kill, not the shell's: node runs this with /bin/sh, whose (dash's) kill builtin refuses
# a process group ("kill: Illegal number: -"), which left the keeper running.
postmaster="$(postmaster_of "$work/n1")"
if [[ $mode == kill ]]; then
  export FAILOVER_KILL="${priv[*]} /bin/kill -9 -- -$n1_group; ${priv[*]} /bin/kill -9 $postmaster"
else
  # The postmaster first (it forks no new backend once stopped), then its backends and the
  # keeper's group. Clean-up's kill -9 ends them frozen.
  export FAILOVER_KILL="${priv[*]} /bin/kill -STOP $postmaster; ${priv[*]} pkill -STOP -P $postmaster; \
${priv[*]} /bin/kill -STOP -- -$n1_group"
fi
export FAILOVER_MODE="$mode"
report=$(node "$here/failover_writer.mjs" "http://127.0.0.1:$p_a" "http://127.0.0.1:$p_b" failover "$password") || {
  echo "failover-test: $report" >&2; exit 1; }
echo "failover-test: $report"

"$binary" audit verify --db "$db" >verify.log || { cat verify.log >&2; exit 1; }
echo "failover-test: audit chain verified after the failover ($(tail -1 verify.log))"

# A frozen first host costs every new connection 2 s (libpq's connect_timeout) before the next.
export PGCONNECT_TIMEOUT=2
# The background work runs on exactly one server: one holder of the lease on the new primary.
wait_for 10 "a server taking the background work" bash -c "[[ \$(psql '$db' -Atc \"select count(*) \
  from pg_locks where locktype = 'advisory' and objid = 7361627 and granted\") == 1 ]]"
holders=$(psql "$db" -Atc "select count(*) from pg_locks where locktype = 'advisory' and objid = 7361627 and granted")
echo "failover-test: background-work lease held by $holders server"
[[ $holders == 1 ]]
grep -h "achtergrondwerk" server-a.log server-b.log | sed 's/^/failover-test: server log: /' || true
echo "failover-test: passed in ${SECONDS}s"
