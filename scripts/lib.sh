# shellcheck shell=bash
# Helpers shared by scripts/run and scripts/test. Source it; do not run it.
#
# Each ensure_* step either succeeds or stops the script with one line saying
# what is missing and how to install it. As root, missing PostgreSQL server
# binaries and Chromium are installed with apt-get.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT

# die MESSAGE: print one error line and stop.
die() {
	printf 'error: %s\n' "$*" >&2
	exit 1
}

# step TITLE: print a step header.
step() {
	printf '\n==> %s\n' "$*"
}

is_root() {
	[ "$(id -u)" -eq 0 ]
}

# version_at_least HAVE WANT: true when version HAVE >= WANT.
version_at_least() {
	[ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" = "$2" ]
}

# apt_install PACKAGE...: install Debian packages quietly (root only). The
# package lists are refreshed first when they do not know a package, and once
# more if the install fails (stale lists).
apt_install() {
	is_root || die "installing $* needs root"
	command -v apt-get >/dev/null 2>&1 || die "$* missing and apt-get is not available: install them with your system's package manager"
	export DEBIAN_FRONTEND=noninteractive
	local log pkg
	log="$(mktemp)"
	for pkg in "$@"; do
		if ! apt-cache show "$pkg" >/dev/null 2>&1; then
			apt-get update -qq >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; die "apt-get update failed"; }
			break
		fi
	done
	if ! apt-get install -y -qq --no-install-recommends "$@" >"$log" 2>&1; then
		if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@"; } >"$log" 2>&1; then
			tail -n 20 "$log" >&2
			rm -f "$log"
			die "could not install $* with apt-get"
		fi
	fi
	rm -f "$log"
}

# ensure_go: Go on PATH (or /usr/local/go/bin), at least the version go.mod asks for.
ensure_go() {
	if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
		export PATH="/usr/local/go/bin:$PATH"
	fi
	local want have
	want="$(awk '$1 == "go" { print $2; exit }' "$REPO_ROOT/go.mod")"
	command -v go >/dev/null 2>&1 || die "Go not found: install Go $want or newer (e.g. into /usr/local/go) and put it on PATH"
	# Inside the module the go command may switch to a newer toolchain itself;
	# GOVERSION is the toolchain actually used.
	have="$(cd "$REPO_ROOT" && go env GOVERSION 2>/dev/null)" || have=""
	have="${have#go}"
	have="${have%% *}"
	if [ -z "$have" ] || ! version_at_least "$have" "$want"; then
		die "Go $want or newer is required (found $(GOTOOLCHAIN=local go env GOVERSION 2>/dev/null || echo unknown)): install it (e.g. into /usr/local/go) and put it on PATH"
	fi
	echo "Go $have"
}

# ensure_node: Node.js >= 20 with npm.
ensure_node() {
	command -v node >/dev/null 2>&1 || die "Node.js not found: install Node.js 20 or newer (with npm) and put it on PATH"
	local have
	have="$(node --version 2>/dev/null)"
	have="${have#v}"
	version_at_least "$have" 20 || die "Node.js 20 or newer is required (found $have): install a newer Node.js (with npm)"
	command -v npm >/dev/null 2>&1 || die "npm not found: install npm alongside Node.js $have"
	echo "Node.js $have, npm $(npm --version)"
}

# pg_bin_dir: print the directory holding initdb and pg_ctl, if any: the one
# behind PATH's pg_ctl, else the highest /usr/lib/postgresql/*/bin.
pg_bin_dir() {
	local p d
	if p="$(command -v pg_ctl 2>/dev/null)" && command -v initdb >/dev/null 2>&1; then
		d="$(dirname "$(readlink -f "$p")")"
		if [ -x "$d/initdb" ]; then
			echo "$d"
		else
			dirname "$p"
		fi
		return 0
	fi
	while IFS= read -r d; do
		if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then
			echo "$d"
			return 0
		fi
	done < <(compgen -G '/usr/lib/postgresql/*/bin' | sort -V -r)
	return 1
}

# ensure_postgres: PostgreSQL server binaries (installed with apt-get as root).
ensure_postgres() {
	local dir
	if ! dir="$(pg_bin_dir)"; then
		is_root || die "PostgreSQL server binaries (initdb, pg_ctl) not found: install them with \"sudo apt-get install postgresql\" (Debian/Ubuntu) or put them on PATH"
		echo "Installing PostgreSQL server binaries (apt-get install postgresql)..."
		apt_install postgresql
		dir="$(pg_bin_dir)" || die "PostgreSQL was installed but initdb/pg_ctl are still not found under /usr/lib/postgresql/*/bin"
	fi
	echo "PostgreSQL $("$dir/pg_ctl" --version | awk '{ print $3 }') ($dir)"
}

# pg_program NAME: print the path of a PostgreSQL program (psql, ...).
pg_program() {
	local dir
	if command -v "$1" >/dev/null 2>&1; then
		command -v "$1"
	elif dir="$(pg_bin_dir)" && [ -x "$dir/$1" ]; then
		echo "$dir/$1"
	else
		return 1
	fi
}

# ensure_chromium: Chromium for the browser tests at /usr/bin/chromium.
ensure_chromium() {
	if [ ! -x /usr/bin/chromium ]; then
		is_root || die "Chromium not found at /usr/bin/chromium: install it with \"sudo apt-get install chromium chromium-driver\""
		echo "Installing Chromium (apt-get install chromium chromium-driver)..."
		apt_install chromium chromium-driver
		[ -x /usr/bin/chromium ] || die "chromium was installed but /usr/bin/chromium is still missing"
	fi
	echo "$(/usr/bin/chromium --version 2>/dev/null || echo Chromium) (/usr/bin/chromium)"
}

# ensure_npm_deps: npm ci in frontend/ when node_modules is missing or older
# than package-lock.json.
ensure_npm_deps() {
	local fe="$REPO_ROOT/frontend"
	[ -f "$fe/package-lock.json" ] || die "frontend/package-lock.json is missing"
	if [ ! -d "$fe/node_modules" ] || [ "$fe/package-lock.json" -nt "$fe/node_modules" ]; then
		echo "Installing frontend packages (npm ci)..."
		(cd "$fe" && npm ci --no-audit --no-fund --loglevel=error)
		touch "$fe/node_modules"
	fi
}

# free_port: print a TCP port on 127.0.0.1 that nothing listens on.
free_port() {
	local port _
	for _ in $(seq 1 50); do
		port=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return 0
		fi
	done
	die "no free TCP port found on 127.0.0.1"
}

# http_ok URL: true when GET URL answers 2xx.
http_ok() {
	if command -v curl >/dev/null 2>&1; then
		curl -fsS -o /dev/null --max-time 5 "$1" 2>/dev/null
		return
	fi
	# Without curl: a plain HTTP/1.0 request over bash's /dev/tcp.
	local rest host port path status
	rest="${1#http://}"
	host="${rest%%/*}"
	path="/${rest#*/}"
	[ "$path" = "/$rest" ] && path=/
	port="${host##*:}"
	host="${host%:*}"
	[ "$port" = "$host" ] && port=80
	status="$(
		exec 3<>"/dev/tcp/$host/$port" || exit 1
		printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$host" >&3
		timeout 5 head -n1 <&3
	)" 2>/dev/null || return 1
	[[ "$status" =~ ^HTTP/[0-9.]+\ 2 ]]
}
