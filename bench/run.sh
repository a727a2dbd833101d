#!/usr/bin/env bash
# Compare Nextfiber with bare Fiber and Next.js on conformance fixture a and
# measure rule-count scaling; writes bench/RESULTS.md. See bench/README.md.
#
#   bash bench/run.sh            # full run, about 6 minutes
#   bash bench/run.sh --quick    # smoke run, about 1 minute
#   bash bench/run.sh -next=off  # without Next.js
#
# Arguments are passed to the harness (go run ./bench/cmd/harness -help).
set -euo pipefail

cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null 2>&1; then
	echo "== installing wrk (Debian package)"
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
	$sudo apt-get update -qq
	$sudo apt-get install -y -qq wrk
fi
if ! command -v taskset >/dev/null 2>&1; then
	echo "warning: taskset (util-linux) not found: servers and wrk will share CPUs" >&2
fi

mkdir -p bench/.work/bin
go build -o bench/.work/bin/harness ./bench/cmd/harness
args=()
for a in "$@"; do
	case "$a" in
	--quick) args+=("-quick") ;;
	*) args+=("$a") ;;
	esac
done
exec bench/.work/bin/harness "${args[@]+"${args[@]}"}"
