#!/bin/sh
# Runs the document fuzzer (Tests/DebriefKitTests/Fuzz/DocumentFuzzTests.swift) for longer than
# the test suite does.
#   Tests/Fuzz/run.sh [iterations] [seed]      default: 200000 inputs, seed 14594543
# A failing input is minimised and saved; the failure message says where and how to replay it
# (DEBRIEF_FUZZ_INPUT=<file> swift test --disable-swift-testing --filter DocumentFuzzTests).
set -eu
cd "$(dirname "$0")/../.."
DEBRIEF_FUZZ_ITERATIONS="${1:-200000}" DEBRIEF_FUZZ_SEED="${2:-14594543}" \
    exec swift test --disable-swift-testing --filter DocumentFuzzTests
