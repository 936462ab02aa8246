# Servers the extra test suites need, on loopback only. Sourced by .ci/run.
# Each start is best effort: a suite whose server could not start skips with a clear reason.

CI_SCRATCH="${CI_SCRATCH:-${TMPDIR:-/tmp}/herald-ci}"
mkdir -p "$CI_SCRATCH"

start_services() {
  if [ -x .ci/postgres.sh ]; then source .ci/postgres.sh && start_postgres || echo "postgres: not started"; fi
  if [ -x .ci/pds.sh ]; then source .ci/pds.sh && install_pds || echo "pds: not installed"; fi
  if [ -x .ci/chromium.sh ]; then source .ci/chromium.sh && install_chromium || echo "chromium: not installed"; fi
  if [ -x .ci/snac.sh ]; then source .ci/snac.sh && install_snac || echo "snac: not installed"; fi
}

stop_services() {
  if declare -f stop_postgres >/dev/null; then stop_postgres || true; fi
}
