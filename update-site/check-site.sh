#!/usr/bin/env bash
# Checks the built p2 site zip: plugin, natives fragment and feature present, category "Flow Matching",
# and no KNIME bundle in it (KNIME provides them; the org.knime.chem.types stand-in of the tests must never ship),
# nor any KNIME class embedded in the plugin.
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
content=$(unzip -p "$tmp/content.jar" content.xml)
grep -q "Flow Matching" <<<"$content" || fail "category 'Flow Matching' missing"
site_files=$(find "$tmp")
if grep -qi standin <<<"$site_files"; then fail "a stand-in bundle is in the site"; fi
if grep -q '/org\.knime\.' <<<"$site_files"; then fail "a KNIME bundle (e.g. the org.knime.chem.types stand-in) is in the site"; fi
# List each jar once: "unzip -l | grep -q" would fail under pipefail when grep stops reading early.
plugin_files=$(unzip -Z1 "$(ls "$tmp"/plugins/dev.flowmatch.knime_*.jar)")
natives_files=$(unzip -Z1 "$(ls "$tmp"/plugins/dev.flowmatch.knime.pytorch.linux.x86_64_*.jar)")
if grep -qi standin <<<"$plugin_files"; then fail "the stand-in is embedded in the plugin"; fi
if grep -q '^org/knime/' <<<"$plugin_files"; then fail "KNIME classes are embedded in the plugin"; fi
for lib in lib/api.jar lib/pytorch-engine.jar lib/pytorch-jni.jar lib/cdk-core.jar lib/cdk-smiles.jar; do
  grep -qx "$lib" <<<"$plugin_files" || fail "plugin lacks $lib"
done
grep -qx "plugin.xml" <<<"$plugin_files" || fail "plugin lacks plugin.xml"
for node in path/Path embed/Embed learner/Learner pretrained/Pretrained sampler/Sampler metrics/Metrics; do
  grep -qx "dev/flowmatch/nodes/${node}NodeFactory.class" <<<"$plugin_files" || fail "plugin lacks ${node}NodeFactory"
  icon="dev/flowmatch/nodes/${node%%/*}/${node%%/*}.png"
  grep -qx "$icon" <<<"$plugin_files" || fail "plugin lacks the icon $icon"
done
grep -qx "dev/flowmatch/nodes/port/FlowModelPortObject.class" <<<"$plugin_files" || fail "plugin lacks the model port object"
grep -qx "dev/flowmatch/engine/pretrained/models.json" <<<"$plugin_files" || fail "plugin lacks the pretrained models index"
grep -qx "lib/pytorch-native-cpu-linux-x86_64.jar" <<<"$natives_files" || fail "natives fragment lacks the libtorch jar"
echo "check-site: $(basename "$zip") OK: $(ls "$tmp/plugins" | tr '\n' ' ')"
