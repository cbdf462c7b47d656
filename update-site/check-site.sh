#!/usr/bin/env bash
# Checks the built p2 site zip: plugin, natives fragment and feature present, category "Flow Matching",
# and no trace of the KNIME API stand-in (neither as a bundle nor embedded in the plugin's lib/).
set -euo pipefail
cd "$(dirname "$0")"
zip=$(ls target/*.zip 2>/dev/null | head -1)
[ -n "$zip" ] || { echo "check-site: no update-site/target/*.zip; run ./mvnw -B verify first" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
unzip -q "$zip" -d "$tmp"
fail() { echo "check-site: $*" >&2; exit 1; }
ls "$tmp"/plugins/dev.flowmatch.knime_*.jar >/dev/null 2>&1 || fail "plugin dev.flowmatch.knime missing"
ls "$tmp"/plugins/dev.flowmatch.knime.pytorch.linux.x86_64_*.jar >/dev/null 2>&1 || fail "natives fragment missing"
ls "$tmp"/features/dev.flowmatch.knime.feature_*.jar >/dev/null 2>&1 || fail "feature missing"
unzip -p "$tmp/content.jar" content.xml | grep -q "Flow Matching" || fail "category 'Flow Matching' missing"
if find "$tmp" | grep -qi standin; then fail "a stand-in bundle is in the site"; fi
plugin=$(ls "$tmp"/plugins/dev.flowmatch.knime_*.jar)
if unzip -l "$plugin" | grep -qi standin; then fail "the stand-in is embedded in the plugin"; fi
for lib in lib/api.jar lib/pytorch-engine.jar lib/pytorch-jni.jar lib/cdk-core.jar lib/cdk-smiles.jar; do
  unzip -l "$plugin" | grep -q " $lib\$" || fail "plugin lacks $lib"
done
unzip -l "$(ls "$tmp"/plugins/dev.flowmatch.knime.pytorch.linux.x86_64_*.jar)" | grep -q "lib/pytorch-native-cpu-linux-x86_64.jar" \
  || fail "natives fragment lacks the libtorch jar"
echo "check-site: $(basename "$zip") OK: $(ls "$tmp/plugins" | tr '\n' ' ')"
