#!/usr/bin/env bash
# A throw-away Dovecot on 127.0.0.1 for ImapPullBenchmark (infra/bench/README.md, "IMAP pull rate").
#
#   infra/bench/dovecot/run-dovecot.sh [start]   install dovecot-imapd if missing, write the config, start
#   infra/bench/dovecot/run-dovecot.sh stop      stop it (only this instance: its own base_dir and pid file)
#   infra/bench/dovecot/run-dovecot.sh status    is it running, and where things are
#   infra/bench/dovecot/run-dovecot.sh import MAILDIR
#                                                empty the user's INBOX and copy a Maildir into it with
#                                                doveadm (to load an sdbox instance, see below)
#
# Everything lives in one work dir (POSTLINE_DOVECOT_DIR, default /tmp/postline-bench-dovecot):
#   dovecot.conf      self-contained config (does not include /etc/dovecot, does not touch a system Dovecot)
#   users             passwd-file with one user (POSTLINE_DOVECOT_USER / _PASSWORD, default bench / bench-password)
#   home/<user>/Maildir   the user's INBOX as a Maildir: the benchmark writes its messages into cur/ directly
#   run/              base_dir (sockets, master.pid);  state/  state_dir;  dovecot.log
#
# Storage: POSTLINE_DOVECOT_FORMAT=maildir (default; the benchmark fills it with --maildir) or sdbox
# (Dovecot's own one-file-per-message format with a binary index, home/<user>/sdbox). Maildir makes
# Dovecot re-read the whole dovecot-uidlist (one line per message) the first time a message body is
# read after each SELECT/EXAMINE; sdbox does not. Fill an sdbox instance from the benchmark's Maildir:
#   POSTLINE_DOVECOT_FORMAT=sdbox POSTLINE_DOVECOT_DIR=/tmp/postline-bench-dovecot-sdbox \
#     POSTLINE_DOVECOT_PORT=11144 infra/bench/dovecot/run-dovecot.sh            (then, same env:)
#   ... run-dovecot.sh import /tmp/postline-bench-dovecot/home/bench/Maildir
#
# Settings: listens on 127.0.0.1:POSTLINE_DOVECOT_PORT (default 11143) only, plain IMAP (no TLS, no
# imaps listener), cleartext auth allowed (loopback only). Written for Dovecot 2.3 (Debian 12 ships
# 2.3.19; 2.4 renamed disable_plaintext_auth to auth_allow_cleartext and changed passdb/userdb syntax,
# so the script refuses other major versions rather than guessing).
#
# Users: run as a normal user, every Dovecot process runs as that user. Run as root (this sandbox),
# the mail user is a system user postline-bench (created if missing) owning home/, not root (Dovecot
# guards against mail access as UID 0 and root-owned mail is a bad habit); the internal and login
# processes use the dovecot/dovenull users the package created.
# Files the benchmark (as root) writes into the Maildir only need to be readable by that user.
#
# Then, from infra/bench (see README):
#   java ... dev.postline.bench.ImapPullBenchmark --server 127.0.0.1:11143 --user bench \
#        --password bench-password --maildir /tmp/postline-bench-dovecot/home/bench/Maildir
set -euo pipefail

WORK=${POSTLINE_DOVECOT_DIR:-/tmp/postline-bench-dovecot}
PORT=${POSTLINE_DOVECOT_PORT:-11143}
USER_NAME=${POSTLINE_DOVECOT_USER:-bench}
PASSWORD=${POSTLINE_DOVECOT_PASSWORD:-bench-password}
FORMAT=${POSTLINE_DOVECOT_FORMAT:-maildir}
CONF="$WORK/dovecot.conf"
MAILDIR="$WORK/home/$USER_NAME/Maildir"

die() { echo "run-dovecot: $*" >&2; exit 1; }

running_pid() {
  local pid
  [[ -f "$WORK/run/master.pid" ]] || return 1
  pid=$(cat "$WORK/run/master.pid")
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

install_if_missing() {
  if ! command -v dovecot >/dev/null 2>&1 || [[ ! -x /usr/lib/dovecot/imap ]]; then
    [[ $EUID -eq 0 ]] || die "dovecot-imapd is not installed; as root: apt-get update && apt-get install -y dovecot-imapd"
    echo "installing dovecot-imapd" >&2
    apt-get update -q >/dev/null
    # The package's own service is not started in a container without init (policy-rc.d); we never use it.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q dovecot-imapd >/dev/null
  fi
}

start() {
  install_if_missing
  local version
  version=$(dovecot --version)
  [[ $version == 2.3.* ]] || die "Dovecot $version: this script writes a 2.3 config (see header)"
  case $FORMAT in
    maildir) mail_location='maildir:~/Maildir' ;;
    sdbox) mail_location='sdbox:~/sdbox' ;;
    *) die "POSTLINE_DOVECOT_FORMAT must be maildir or sdbox, not $FORMAT" ;;
  esac
  if pid=$(running_pid); then
    echo "already running (pid $pid) on 127.0.0.1:$PORT; stop it to change its settings"
    return
  fi

  local mail_user internal_user login_user
  if [[ $EUID -eq 0 ]]; then
    mail_user=postline-bench
    id -u "$mail_user" >/dev/null 2>&1 ||
      useradd --system --no-create-home --home-dir "$WORK" --shell /usr/sbin/nologin "$mail_user"
    internal_user=dovecot
    login_user=dovenull
  else
    mail_user=$(id -un)
    internal_user=$mail_user
    login_user=$mail_user
  fi

  mkdir -p "$WORK/run" "$WORK/state" "$WORK/home/$USER_NAME"
  [[ $FORMAT != maildir ]] || mkdir -p "$MAILDIR"/{cur,new,tmp}
  chmod 755 "$WORK"
  printf '%s:{PLAIN}%s\n' "$USER_NAME" "$PASSWORD" > "$WORK/users"
  cat > "$CONF" <<EOF
# Generated by infra/bench/dovecot/run-dovecot.sh: a benchmark server, not a production config.
protocols = imap
listen = 127.0.0.1
base_dir = $WORK/run
state_dir = $WORK/state
instance_name = postline-bench
log_path = $WORK/dovecot.log
info_log_path = $WORK/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = $internal_user
default_login_user = $login_user
first_valid_uid = 1
mail_location = $mail_location
mail_max_userip_connections = 100
# Benchmarks run hundreds of mailboxes: Dovecot's default of 100 processes per service would queue
# the 101st IMAP connection (one process per connection) and show up as latency that is not ours.
default_process_limit = 1000
default_client_limit = 4000

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $WORK/users
}
userdb {
  driver = static
  args = uid=$mail_user gid=$(id -gn "$mail_user") home=$WORK/home/%u
}

service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $PORT
  }
  inet_listener imaps {
    port = 0
  }
}
EOF
  chown -R "$mail_user:$(id -gn "$mail_user")" "$WORK/home"
  chown "$mail_user" "$WORK/users"
  chmod 600 "$WORK/users"
  if [[ $EUID -eq 0 ]]; then
    # Auth processes run as the internal user and read the passwd-file.
    chown "$internal_user" "$WORK/users"
  fi

  dovecot -c "$CONF"
  for _ in $(seq 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
      echo "Dovecot $version on 127.0.0.1:$PORT (pid $(cat "$WORK/run/master.pid")), user $USER_NAME / $PASSWORD"
      echo "storage: $mail_location (home $WORK/home/$USER_NAME)   log: $WORK/dovecot.log   stop: $0 stop"
      return
    fi
    sleep 0.1
  done
  tail -20 "$WORK/dovecot.log" >&2 || true
  die "Dovecot did not start listening on 127.0.0.1:$PORT"
}

stop() {
  local pid
  if ! pid=$(running_pid); then
    echo "not running"
    return
  fi
  dovecot -c "$CONF" stop
  for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || { echo "stopped (pid $pid)"; return; }
    sleep 0.1
  done
  die "pid $pid still running"
}

status() {
  if pid=$(running_pid); then
    echo "running (pid $pid) on 127.0.0.1:$PORT, $(grep '^mail_location' "$CONF"), home $WORK/home/$USER_NAME, log $WORK/dovecot.log"
  else
    echo "not running"
  fi
}

import_maildir() {
  local source=${1:?usage: $0 import MAILDIR}
  running_pid >/dev/null || die "not running: start it first"
  [[ -d $source/cur ]] || die "$source is not a Maildir"
  doveadm -c "$CONF" expunge -u "$USER_NAME" mailbox INBOX all
  doveadm -c "$CONF" import -u "$USER_NAME" "maildir:$source" "" all
  doveadm -c "$CONF" mailbox status -u "$USER_NAME" messages INBOX
}

case "${1:-start}" in
  import) import_maildir "${2:-}" ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) die "usage: $0 [start|stop|status|import MAILDIR]" ;;
esac
