#!/usr/bin/env bash
# The browser test, as `make test` and .ci/run call it: installs Debian's chromium and chromium-driver when
# they are missing (root with apt only), then runs the test with the project's .venv (selenium).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
        echo "browser: installing chromium and chromium-driver with apt-get"
        apt-get update -q > /dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver > /dev/null
    fi
fi
python=.venv/bin/python3
[ -x "$python" ] || python=python3
exec "$python" Tests/Browser/search_page_test.py "$@"
