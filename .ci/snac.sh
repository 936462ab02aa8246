#!/usr/bin/env bash
# snac2 (a small C server that implements the Mastodon client API) for the Mastodon e2e tests.
# Sourced by .ci/services.sh. Debian ships it in the `<codename>-backports` suite (bookworm), or in
# the release itself from trixie on. The one package is fetched with apt from the Debian archive
# this machine already uses (a private source list, lists and cache for this run: nothing is added
# to the system's apt sources) and unpacked with `dpkg -x`, not installed, into a cache outside the
# clone, reused across runs:
#   ${HERALD_SNAC_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/herald-snac}/usr/bin/snac
# tests/e2e/mastodon_server.py finds it there (or `snac` on PATH) and starts it per test session.

_snac_version() {  # "2.75" from the first line snac prints without arguments
  "$1" 2>/dev/null | head -n 1 | awk '$1 == "snac" {print $2}'
}

_snac_apt() {  # apt with a private state: $1 = work dir, the rest = apt-get arguments
  local work="$1"; shift
  apt-get -q -o APT::Sandbox::User=root \
    -o Dir::Etc::SourceList="$work/sources.list" -o Dir::Etc::SourceParts="$work/parts" \
    -o Dir::State::Lists="$work/lists" -o Dir::Cache="$work/cache" "$@"
}

install_snac() {
  export HERALD_SNAC_DIR="${HERALD_SNAC_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/herald-snac}"
  local snac="$HERALD_SNAC_DIR/usr/bin/snac"
  if [ -x "$snac" ] && [ -n "$(_snac_version "$snac")" ]; then
    echo "snac: snac2 $(_snac_version "$snac") cached in $HERALD_SNAC_DIR"
    return 0
  fi
  if command -v snac >/dev/null && [ -n "$(_snac_version "$(command -v snac)")" ]; then
    echo "snac: snac2 $(_snac_version "$(command -v snac)") installed as $(command -v snac)"
    return 0
  fi
  if ! command -v apt-get >/dev/null || ! command -v dpkg >/dev/null; then
    echo "snac: apt-get/dpkg not found; the Mastodon e2e tests will skip"
    return 1
  fi
  local codename mirror work
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  # The archive URL of the machine's own main suite, as apt knows it (needs its package lists).
  mirror=$(apt-cache policy 2>/dev/null | awk -v s="$codename/main" '$3 == s && $2 ~ /^https?:/ {print $2; exit}')
  if [ -z "$mirror" ] && [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq >/dev/null 2>&1
    mirror=$(apt-cache policy 2>/dev/null | awk -v s="$codename/main" '$3 == s && $2 ~ /^https?:/ {print $2; exit}')
  fi
  if [ -z "$codename" ] || [ -z "$mirror" ]; then
    echo "snac: no Debian archive found in apt's sources; the Mastodon e2e tests will skip"
    return 1
  fi
  work=$(mktemp -d "${CI_SCRATCH:-/tmp}/snac.XXXXXX")
  mkdir -p "$work/parts" "$work/lists/partial" "$work/cache/archives/partial"
  printf 'deb %s %s main\ndeb %s %s-backports main\n' "$mirror" "$codename" "$mirror" "$codename" \
    >"$work/sources.list"
  if ! _snac_apt "$work" update -qq >"$work/apt.log" 2>&1 \
    || ! (cd "$work" && _snac_apt "$work" download snac2 >>"$work/apt.log" 2>&1); then
    tail -n 5 "$work/apt.log"
    echo "snac: could not download snac2; the Mastodon e2e tests will skip"
    rm -rf "$work"
    return 1
  fi
  rm -rf "$HERALD_SNAC_DIR"
  mkdir -p "$HERALD_SNAC_DIR"
  dpkg -x "$work"/snac2_*.deb "$HERALD_SNAC_DIR"
  rm -rf "$work"
  # Its shared libraries (libcurl, OpenSSL) come from the release itself.
  if ldd "$snac" | grep -q 'not found' && [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcurl4 libssl3 >/dev/null 2>&1 || true
  fi
  if [ -z "$(_snac_version "$snac")" ]; then
    echo "snac: unpacked, but $snac does not run; the Mastodon e2e tests will skip"
    return 1
  fi
  echo "snac: snac2 $(_snac_version "$snac") unpacked in $HERALD_SNAC_DIR"
}
