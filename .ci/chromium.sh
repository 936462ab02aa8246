# Headless Chromium for the `browser` test suite (Debian's package). Sourced by .ci/services.sh.

install_chromium() {
  if [ -x /usr/bin/chromium ]; then return 0; fi
  apt-get update -qq && apt-get install -y -qq chromium
}
