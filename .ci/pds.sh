# Install the pinned reference Bluesky PDS (tools/pds/package.json + its lockfile, which pins every
# package by integrity hash and names no registry URL) for the e2e tests.
# Sourced by .ci/services.sh. The packages go to a cache outside the clone, reused across runs:
#   ${HERALD_PDS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/herald-pds}
# better-sqlite3 is compiled from source (no prebuilt download is possible here; ~75 s the first time).

install_pds() {
  export HERALD_PDS_DIR="${HERALD_PDS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/herald-pds}"
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "pds: node/npm not found; the e2e tests will skip"
    return 1
  fi
  mkdir -p "$HERALD_PDS_DIR"
  if cmp -s tools/pds/package.json "$HERALD_PDS_DIR/package.json" \
    && cmp -s tools/pds/package-lock.json "$HERALD_PDS_DIR/package-lock.json" \
    && [ -d "$HERALD_PDS_DIR/node_modules/@atproto/pds" ] \
    && [ -d "$HERALD_PDS_DIR/node_modules/better-sqlite3/build/Release" ]; then
    echo "pds: cached in $HERALD_PDS_DIR"
    return 0
  fi
  cp tools/pds/package.json tools/pds/package-lock.json "$HERALD_PDS_DIR/"
  # node-gyp must build against the installed Node headers instead of downloading them.
  local nodedir="${npm_config_nodedir:-}"
  if [ -z "$nodedir" ] && [ -f /usr/include/node/node.h ]; then nodedir=/usr; fi
  (cd "$HERALD_PDS_DIR" \
    && env npm_config_build_from_source=better-sqlite3 ${nodedir:+"npm_config_nodedir=$nodedir"} npm ci --no-audit --no-fund) \
    || { echo "pds: npm install failed"; return 1; }
  echo "pds: installed in $HERALD_PDS_DIR"
}
