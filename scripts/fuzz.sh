#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, clang with ASan + UBSan, in build-fuzz) and runs each
# for SECONDS_PER_TARGET seconds (default 30) on its corpus. The corpora live in build-fuzz/corpus
# and grow from run to run; each run first copies the seeds from tests/data (and the regression
# inputs from tests/data/fuzz-regressions/<target>) into them.
# Exits non-zero when any target finds a crash, a leak, a timeout or runs out of memory; the
# input is copied to tests/data/fuzz-regressions/<target>/ so that it can be committed and
# replayed by tst_fuzz_regressions.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]      EDGEMAP_FUZZ_TARGETS="fuzz_topology ..." to pick
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=${1:-30}
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
    echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET]" >&2
    exit 2
fi

# Debian 12: the project's packages (unless scripts/test.sh has just installed them), then clang
# and the libFuzzer / sanitizer runtimes.
if [ "${EDGEMAP_DEPS_READY:-0}" != "1" ]; then
    scripts/setup-deps.sh
fi
fuzz_packages=(clang libclang-rt-14-dev)
missing=()
for p in "${fuzz_packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "fuzz: installing ${missing[*]}"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            SUDO="sudo"
        else
            echo "fuzz: need root or sudo to install: ${missing[*]}" >&2
            exit 2
        fi
    fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

build=build-fuzz
jobs=$(nproc)
started=$(date +%s)
echo "== fuzz: build ($build, clang, -fsanitize=fuzzer,address,undefined)"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DEDGEMAP_FUZZ=ON \
    -DEDGEMAP_BUILD_TESTS=OFF -DEDGEMAP_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j "$jobs" --target edgemap_fuzz_targets
built=$(date +%s)
echo "fuzz: build took $((built - started)) s"

netstat_text=(
    tests/data/netstat/de-DE_netzwerk-analyse_netstat-an_excerpt.txt
    tests/data/netstat/exender_TPReseaux_TP6_netstat-ano_fr-FR.txt
    tests/data/netstat/flair_readme_netstat-ano_de-DE_cp850-mojibake_snippet.txt
    tests/data/netstat/flair_readme_netstat-ano_fr-FR_snippet.txt
    tests/data/netstat/inspec_netstat-anbo-pipe-select-string-pattern.utf8
    tests/data/netstat/jc_windows-10_netstat-an.out
    tests/data/netstat/jc_windows-10_netstat-aon.out
    tests/data/netstat/jc_windows-10_netstat-aonb.out
    tests/data/netstat/jc_windows-10_netstat.out
    tests/data/netstat/written_netstat-ano_zh-CN.txt
)
powershell=(
    tests/data/netstat/inspec_get-net-tcpconnection.json
    tests/data/netstat/written_get-nettcpconnection.csv
    tests/data/netstat/written_get-nettcpconnection_list.txt
    tests/data/netstat/written_get-nettcpconnection_table.txt
)
capture_json=(tests/data/netstat/written_edgemap-capture_edge01.json)
topology=(tests/data/topology/*.json resources/topologies/default.edgemap.json)
topology_xml=(tests/data/import/*.xml tests/data/import/*.tbxml)

# seed TARGET FILE...: copies seeds into the target's corpus as they are.
seed() {
    local dir="$build/corpus/$1"
    shift
    mkdir -p "$dir"
    for f in "$@"; do
        [ -f "$f" ] && cp "$f" "$dir/seed-$(basename "$f")"
    done
    return 0
}

# seed_converted TARGET ICONV_TO FILE...: seeds re-encoded (UTF-8 -> ICONV_TO, BOMs stripped:
# the target adds the one of its encoding path). Files iconv cannot convert are skipped.
seed_converted() {
    local dir="$build/corpus/$1" to="$2"
    shift 2
    mkdir -p "$dir"
    for f in "$@"; do
        sed '1s/^\xEF\xBB\xBF//' "$f" | iconv -f UTF-8 -t "$to" >"$dir/seed-$(basename "$f")" 2>/dev/null ||
            rm -f "$dir/seed-$(basename "$f")"
    done
    return 0
}

utf16_sample="$build/corpus/fuzz_netstat_utf16le/seed-edge01-netstat-anob.txt"
seed_converted fuzz_netstat_utf16le UTF-16LE "${netstat_text[@]}"
tail -c +3 resources/samples/edge01-netstat-anob.txt >"$utf16_sample" # the sample without its BOM
seed fuzz_netstat_utf8 "${netstat_text[@]}"
seed_converted fuzz_netstat_oem CP850//TRANSLIT "${netstat_text[@]}"
seed fuzz_netstat_oem tests/data/netstat/flair_readme_netstat-ano_de-DE_cp850-mojibake_snippet.txt
seed fuzz_powershell "${powershell[@]}"
seed fuzz_capture_json "${capture_json[@]}"
seed fuzz_topology "${topology[@]}"
seed fuzz_topologyimport "${topology_xml[@]}"
# The form Windows PowerShell writes Get-CsTopology -AsXml in: UTF-16LE with a BOM.
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE tests/data/import/ibenbouzid_lab_V3_DefaultTopology_Skype.xml; } \
    >"$build/corpus/fuzz_topologyimport/seed-utf16le-ibenbouzid.xml"
seed fuzz_filekind "${netstat_text[@]}" "${powershell[@]}" "${capture_json[@]}" "${topology[@]}" \
    resources/samples/edge01-netstat-anob.txt

# max_len per target: netstat lines are capped at 64 KiB (kMaxLineBytes), so the netstat targets
# may go past that; the classifier reads a 64 KiB head; topologies and PowerShell output are
# structured, a few tens of KiB in the seeds.
declare -A max_len=(
    [fuzz_netstat_utf16le]=140000
    [fuzz_netstat_utf8]=70000
    [fuzz_netstat_oem]=70000
    [fuzz_powershell]=65536
    [fuzz_capture_json]=65536
    [fuzz_topology]=65536
    [fuzz_topologyimport]=65536
    [fuzz_filekind]=70000
)
targets=(${EDGEMAP_FUZZ_TARGETS:-fuzz_netstat_utf16le fuzz_netstat_utf8 fuzz_netstat_oem
    fuzz_powershell fuzz_capture_json fuzz_topology fuzz_topologyimport fuzz_filekind})

# Set here, not inherited: scripts/test.sh turns leak checking off for its Qt GUI tests, but the
# readers run without Qt's plugins and a leak in them is a finding.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
mkdir -p "$build/logs" "$build/artifacts"
failed=()
summary=()
for t in "${targets[@]}"; do
    # Regression inputs are seeds too: a fixed crash must stay fixed under fuzzing.
    if [ -d "tests/data/fuzz-regressions/$t" ]; then
        seed "$t" tests/data/fuzz-regressions/"$t"/*
    fi
    corpus="$build/corpus/$t"
    artifacts="$root/$build/artifacts/$t/"
    log="$build/logs/$t.log"
    mkdir -p "$artifacts"
    echo "== fuzz: $t, ${seconds} s, -max_len=${max_len[$t]}"
    status=0
    "$build/tests/fuzz/$t" "$corpus" -max_total_time="$seconds" -max_len="${max_len[$t]}" \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts" \
        >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
    cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || true)
    files=$(find "$corpus" -type f | wc -l)
    line=$(printf '%-22s %10s execs %7s exec/s  %-22s corpus %5s files  rss %s MB' \
        "$t" "${runs:-?}" "${rate:-?}" "${cov:-cov: ?}" "$files" "${rss:-?}")
    echo "$line"
    if [ "$status" -ne 0 ]; then
        echo "fuzz: $t FAILED (exit $status); the end of $log:" >&2
        tail -n 60 "$log" >&2
        mkdir -p "tests/data/fuzz-regressions/$t"
        for a in "$artifacts"*; do
            [ -f "$a" ] || continue
            cp "$a" "tests/data/fuzz-regressions/$t/"
            echo "fuzz: input saved as tests/data/fuzz-regressions/$t/$(basename "$a")" >&2
        done
        failed+=("$t")
        line="$line  FAILED"
    fi
    summary+=("$line")
done

echo "== fuzz: summary (${seconds} s per target; build $((built - started)) s, total $(($(date +%s) - started)) s)"
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: failed: ${failed[*]} (logs in $build/logs)" >&2
    exit 1
fi
