#!/usr/bin/env bash
# The browser test, as `make test` and .ci/run call it: installs Debian's chromium and chromium-driver when
# they are missing (root with apt only), then runs the test with the project's .venv (selenium). A test that
# cannot run fails: a CI without a browser must not pass as if the search page had been tried.
set -euo pipefail
cd "$(dirname "$0")/../.."
fail() {
    echo "browser test FAILED: $*" >&2
    echo "browser: 0 passed, 1 failed"
    exit 1
}
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
        echo "browser: installing chromium and chromium-driver with apt-get"
        log=$(mktemp)
        if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver; } \
            > "$log" 2>&1; then
            tail -n 20 "$log" >&2
            rm -f "$log"
            fail "apt-get could not install chromium and chromium-driver (its last lines above)"
        fi
        rm -f "$log"
    fi
fi
for tool in /usr/bin/chromium /usr/bin/chromedriver; do
    [ -x "$tool" ] || fail "$tool is missing and this script installs it only as root with apt-get;" \
        "run 'apt-get install chromium chromium-driver' as root"
done
python=.venv/bin/python3
[ -x "$python" ] || python=python3
exec "$python" Tests/Browser/search_page_test.py "$@"
