#!/usr/bin/env bash
# Uses ModelAudit the way a new user does, outside this repository: packs the libraries, the tool and the template into
# a local feed, installs the tool into a private tool path and the template into a private template cache, creates an
# audit project in a temporary folder from `dotnet new modelaudit-tests`, and runs the normal baseline workflow on the
# shapes fixture model:
#   1. the first `dotnet test` fails on the baselines it has not seen, and its message says how to accept them;
#   2. the accept command printed in that message, run as written from the project's folder, and the installed
#      `modelaudit baselines accept` for the rest, approve them;
#   3. the second `dotnet test` passes;
#   4. after one input picture is replaced by another, `dotnet test` fails on the occlusion baseline and leaves a diff.
# Exit 0 when every step went as described. Prints the time of each step.
#
# The packages get a version of their own (VERSION-oot.TIME.PID), so restore takes them from the local feed while every
# other package comes from the normal cache; those versions are removed from the cache again at the end.
# OOT_KEEP=1 keeps the temporary folder for a look; OOT_ALL_PLATFORMS=1 packs the tool for every platform it ships for,
# not only this machine's.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/modelaudit-oot.XXXXXX")
base_version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props" | head -1)
version="$base_version-oot.$(date +%s).$$"
packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)
project="$work/ShapesAudits"
tool="$work/tools/modelaudit"
hive="$work/template-cache"
log="$work/log"
started=$SECONDS
step_started=$SECONDS

cleanup() {
  for id in modelaudit modelaudit.assertions modelaudit.xunit modelaudit.cli "modelaudit.cli.$rid" modelaudit.templates; do
    rm -rf "${packages%/}/$id/$version"
  done
  if [ "${OOT_KEEP:-}" = 1 ]; then echo "out-of-tree: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

step() {
  printf 'out-of-tree: %-58s %4ds\n' "$1" $((SECONDS - step_started))
  step_started=$SECONDS
}

fail() {
  echo "out-of-tree: FAILED: $1"
  [ -f "$log" ] && tail -n 60 "$log"
  exit 1
}

# What a `dotnet test` run printed as its summary: "<failed> <succeeded>".
counts() {
  echo "$(awk '/^[[:space:]]*failed:/ {print $2}' "$log" | tail -1) $(awk '/^[[:space:]]*succeeded:/ {print $2}' "$log" | tail -1)"
}

echo "out-of-tree: version $version, platform $rid, in $work"

# 1. Packages, as a release would make them, into a local feed.
tool_rids=$rid
[ "${OOT_ALL_PLATFORMS:-}" = 1 ] && tool_rids=""
dotnet pack "$repo/ModelAudit.sln" -c Release -o "$work/feed" -p:Version="$version" \
  ${tool_rids:+-p:ToolPackageRuntimeIdentifiers=$tool_rids} >"$log" 2>&1 || fail "dotnet pack"
for id in ModelAudit ModelAudit.Assertions ModelAudit.Xunit ModelAudit.Cli "ModelAudit.Cli.$rid" ModelAudit.Templates; do
  [ -f "$work/feed/$id.$version.nupkg" ] || fail "the feed has no $id.$version.nupkg"
done
step "pack $(ls "$work/feed" | grep -c '\.nupkg$') packages"

# The new user's machine: the local feed added to the sources they already have.
cat >"$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="modelaudit-local" value="$work/feed" />
  </packageSources>
</configuration>
EOF

# 2. The tool, the template, a new project.
dotnet tool install ModelAudit.Cli --version "$version" --tool-path "$work/tools" --configfile "$work/nuget.config" >"$log" 2>&1 \
  || fail "dotnet tool install"
"$tool" --version >"$log" 2>&1 || fail "the installed tool does not run"
step "install the tool"
dotnet new install "$work/feed/ModelAudit.Templates.$version.nupkg" --debug:custom-hive "$hive" >"$log" 2>&1 || fail "dotnet new install"
dotnet new modelaudit-tests --debug:custom-hive "$hive" -n ShapesAudits -o "$project" \
  --model models/shapes-clean.onnx --input-size 64 --mean 0.5 --std 0.5 >"$log" 2>&1 || fail "dotnet new modelaudit-tests"
grep -q "Version=\"$version\"" "$project/ShapesAudits.csproj" || fail "the project does not reference version $version"
grep -q 'InputSize = 64;' "$project/AuditFixture.cs" && grep -q 'mean: \[0.5f\], std: \[0.5f\]' "$project/AuditFixture.cs" \
  && grep -q '"models/shapes-clean.onnx"' "$project/AuditFixture.cs" || fail "the template's --input-size, --mean, --std or --model did not reach AuditFixture.cs"
cp "$repo/fixtures/models/shapes-clean.onnx" "$project/models/"
(cd "$project" && "$tool" shapes --out images --count 48) >"$log" 2>&1 || fail "modelaudit shapes"
step "install the template, create the project, write 48 images"

# The release gate from the command line: a drafted audit file, run as written from the project's folder.
(cd "$project" && "$tool" init models/shapes-clean.onnx --images images --out audit.json) >"$log" 2>&1 || fail "modelaudit init"
set +e
(cd "$project" && "$tool" audit --config audit.json --out "$work/audit-report") >"$log" 2>&1
rc=$?
set -e
[ "$rc" -eq 0 ] || fail "modelaudit audit on the drafted audit.json exited $rc, not 0"
[ -f "$work/audit-report/report.html" ] && [ -f "$work/audit-report/junit.xml" ] || fail "modelaudit audit wrote no report.html or junit.xml"
step "modelaudit init, then audit: every drafted check passes"

# 3. First run: nothing approved yet.
cd "$project"
set +e
dotnet test >"$log" 2>&1
rc=$?
set -e
[ "$rc" -ne 0 ] || fail "the first run passed, with no baseline approved"
[ "$(counts)" = "5 2" ] || fail "the first run should fail the 5 baseline tests and pass the 2 others, but failed/succeeded are $(counts)"
[ "$(grep -c 'has no verified files yet' "$log")" -ge 5 ] || fail "the first run does not say the baselines are new"
step "dotnet test #1: 5 new baselines fail, 2 audits pass"

# 4. Accept: the command the message prints, as written, from the project's folder; then the rest.
accept=$(grep -o 'with `modelaudit baselines accept [^`]*Occlusion_map[^`]*`' "$log" | head -1 | sed 's/^with `//; s/`$//')
[ -n "$accept" ] || fail "no accept command in the failure message"
echo "out-of-tree: running the printed command: $accept"
PATH="$work/tools:$PATH" bash -c "$accept" >"$log" 2>&1 || fail "the printed accept command failed"
grep -q "accepted: 1 baseline(s) in $project/baselines" "$log" || fail "the printed accept command did not accept one baseline in $project/baselines"
(cd "$project/images" && "$tool" baselines accept) >"$log" 2>&1 || fail "modelaudit baselines accept"
grep -q "accepted: 4 baseline(s) in $project/baselines" "$log" || fail "modelaudit baselines accept, run in images/, did not accept the other 4"
[ "$(ls "$project/baselines" | grep -c '\.verified\.json$')" = 5 ] || fail "baselines/ does not hold 5 verified baselines"
step "accept with the installed tool"

# 5. Second run: green.
dotnet test >"$log" 2>&1 || fail "the second run failed after accepting"
[ "$(counts)" = "0 7" ] || fail "the second run should pass 7 tests, but failed/succeeded are $(counts)"
step "dotnet test #2: 7 pass"

# 6. One picture changes: the first image (a circle) becomes the second (a square).
first=$(sed -n 2p images/labels.csv | cut -d, -f1)
second=$(sed -n 3p images/labels.csv | cut -d, -f1)
cp "images/$second" "images/$first"
set +e
dotnet test >"$log" 2>&1
rc=$?
set -e
[ "$rc" -ne 0 ] || fail "the run passed although an input picture changed"
grep -q "Baseline 'ModelAudits.Occlusion_map_matches_the_approved_baseline' does not match its verified files" "$log" \
  || fail "the occlusion baseline did not fail on the changed picture"
grep -q "image 'map': SSIM" "$log" || fail "the failure does not give the SSIM of the map"
ls baselines/ModelAudits.Occlusion_map_matches_the_approved_baseline#map.diff.png >/dev/null 2>&1 || fail "no diff picture was written"
step "dotnet test #3: a changed picture fails with its diff"
grep -m1 -A4 "Baseline 'ModelAudits.Occlusion_map_matches_the_approved_baseline' does not match" "$log" | sed 's/^/  | /'

echo "out-of-tree: passed in $((SECONDS - started))s"
