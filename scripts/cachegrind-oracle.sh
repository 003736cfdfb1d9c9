#!/usr/bin/env bash
# Regenerates txsim's cachegrind oracle: traces/oracle/<prog>.lackey.gz (a valgrind lackey
# memory trace of a small deterministic program) and traces/oracle/<prog>.expected.json (the
# nine cachegrind counters for the same program under two cache geometries).
#
# For every program the script runs valgrind three times with the same argv, environment,
# working directory and standard streams: once under lackey (--trace-mem=yes) and once under
# cachegrind per geometry. It then checks that the runs executed the same instruction stream:
# lackey's I lines must equal cachegrind's Ir, its L+M lines Dr and its S lines Dw, in every
# cachegrind run. Any disagreement is fatal and nothing is written for that program.
#
# Determinism, and why each setting is what it is:
#   * cwd is always /tmp/txsim-oracle/run (the shell wrapper exports PWD into the client's
#     environment, so the path is part of the program's input);
#   * the environment is `env -i LD_PRELOAD= PATH=/usr/bin:/bin LC_ALL=C`. The empty
#     LD_PRELOAD matters: without it valgrind appends its own LD_PRELOAD as the last
#     environment string, right below the 16 AT_RANDOM bytes (random in every run), and
#     ld.so's strcspn over that string reads a few bytes past its end and uses them as table
#     indices, so two loads of every trace got run-dependent addresses. With LD_PRELOAD
#     already present valgrind edits it in place and the traces are byte-identical across runs;
#   * stdin is /dev/null and stdout/stderr go to files in the same place for every run
#     (a program's behaviour changes with what its stdout is: sort run with stdout to a file
#     executed 54 fewer instructions than with stdout to /dev/null);
#   * valgrind's own messages go to --log-file, never to the client's stderr;
#   * the inputs are generated here from fixed seeds with bash integer arithmetic.
#
# Usage: scripts/cachegrind-oracle.sh            (all programs)
#        scripts/cachegrind-oracle.sh sort gzip  (a subset)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT="$ROOT/traces/oracle"
WORK=/tmp/txsim-oracle
RUN="$WORK/run"
LOGS="$WORK/logs"
VALGRIND_VERSION=3.19.0
CLIENT_PATH=/usr/bin:/bin

# Geometries as "I1 D1 LL", each size,assoc,line. Constraints cachegrind 3.19 enforces (found
# by trying): the number of sets (size / (assoc * line)) must be a power of two, the line size
# a power of two and at least the host's largest register (32 bytes with AVX); associativity
# need not be a power of two, and LL may be smaller than or have other lines than the L1s.
GEOMETRIES=(
  "32768,8,64 32768,8,64 8388608,16,64"
  "4096,2,32 2048,2,32 16384,4,32"
)
# Geometry 2 is small on purpose: many I1/D1 misses and an LL (16 KiB, 4-way, 128 sets) small
# enough that instruction-side and data-side LL lookups of the same instruction evict each
# other, so the counts depend on the order (the instruction fetch before its data accesses;
# the reverse order is off by one or two in gzip's and awk's DLmr/ILmr).

die() {
  echo "cachegrind-oracle: ERROR: $*" >&2
  exit 1
}

for tool in valgrind gzip sha256sum awk sort; do
  command -v "$tool" >/dev/null || die "$tool not found"
done
vg_version=$(valgrind --version)
[[ "$vg_version" == "valgrind-$VALGRIND_VERSION" ]] ||
  die "expected valgrind-$VALGRIND_VERSION, found $vg_version (the expected counts would change)"

# ---------------------------------------------------------------------------------------------
# Deterministic inputs: a 64-bit LCG (Knuth's MMIX constants), masked to 63 bits so bash's
# signed arithmetic never goes negative.
LCG_X=0
lcg() { LCG_X=$(((LCG_X * 6364136223846793005 + 1442695040888963407) & 0x7fffffffffffffff)); }

# words.txt: 1000 lowercase words of 3-12 letters, one a line (input to sort).
gen_words() {
  local n=$1 i j len w letters=abcdefghijklmnopqrstuvwxyz
  LCG_X=$2
  for ((i = 0; i < n; i++)); do
    lcg
    len=$((3 + (LCG_X >> 40) % 10))
    w=
    for ((j = 0; j < len; j++)); do
      lcg
      w+=${letters:$(((LCG_X >> 33) % 26)):1}
    done
    printf '%s\n' "$w"
  done
}

# access.log: web-server-like log lines, repetitive enough for gzip's LZ77 matching and with
# a few hundred distinct field values for awk's associative arrays.
gen_log() {
  local n=$1 i t host meth path status bytes
  local -a meths=(GET GET GET POST PUT GET DELETE GET)
  local -a paths=(users orders items cart search login logout static/css static/js api/health
    reports export images profile settings)
  local -a statuses=(200 200 200 200 304 200 404 200 500 301)
  LCG_X=$2
  t=1700000000
  for ((i = 0; i < n; i++)); do
    lcg
    t=$((t + (LCG_X >> 50) % 7))
    lcg
    host=$(((LCG_X >> 40) % 24))
    lcg
    meth=${meths[$(((LCG_X >> 33) % 8))]}
    lcg
    path=${paths[$(((LCG_X >> 33) % 15))]}
    lcg
    status=${statuses[$(((LCG_X >> 33) % 10))]}
    lcg
    bytes=$(((LCG_X >> 30) % 40000))
    printf '%d 10.0.%d.%d %s /%s/%d %s %d\n' "$t" "$((host / 8))" "$((host % 8 + 10))" "$meth" "$path" \
      "$(((LCG_X >> 45) % 300))" "$status" "$bytes"
  done
}

# ---------------------------------------------------------------------------------------------
# The programs: name, then argv (run in $RUN).
# awk: requests per path and bytes per status, in associative arrays.
AWK_PROG='{ hits[$4]++; bytes[$5] += $6 } END { for (p in hits) print p, hits[p]; for (s in bytes) print s, bytes[s] }'
PROGRAM_ORDER=(sort gzip awk xsave)

program_argv() {
  # Sets the global arrays ARGV_ARR (argv) and INPUTS_ARR (files in $RUN it depends on).
  case "$1" in
    sort) ARGV_ARR=(sort words.txt) INPUTS_ARR=(words.txt) ;;
    gzip) ARGV_ARR=(gzip -c -n access.log) INPUTS_ARR=(access.log) ;;
    awk) ARGV_ARR=(awk "$AWK_PROG" access.log) INPUTS_ARR=(access.log) ;;
    xsave) ARGV_ARR=(./xsave) INPUTS_ARR=(xsave.c xsave) ;;
    *) die "unknown program $1 (known: ${PROGRAM_ORDER[*]})" ;;
  esac
}

# xsave: a tiny C program whose fxsave/fxrstor/xsave instructions make 160-byte data accesses
# (how VEX describes them), the only way to exercise cachegrind's capping of a data access to
# the smallest line size. Its source is written here; the binary depends on the local gcc.
write_xsave_source() {
  cat <<'C_SOURCE'
/* txsim oracle: data accesses larger than a cache line (fxsave, fxrstor, xsave). */
static char area[8192] __attribute__((aligned(64)));

int main(void) {
  for (int round = 0; round < 200; round++) {
    char *p = area + (round * 1088) % 6144; /* 64-byte aligned, wanders over 6 KiB */
    __asm__ volatile("fxsave (%0)" : : "r"(p) : "memory");
    __asm__ volatile("fxrstor (%0)" : : "r"(p) : "memory");
    __asm__ volatile("xsave (%0)" : : "r"(p + 1024), "a"(7), "d"(0) : "memory");
  }
  return 0;
}
C_SOURCE
}

# Runs valgrind with the given tool options on program $1 in the fixed environment.
run_valgrind() {
  local prog=$1
  shift
  program_argv "$prog"
  (
    cd "$RUN"
    env -i LD_PRELOAD= PATH="$CLIENT_PATH" LC_ALL=C \
      valgrind "$@" -- "${ARGV_ARR[@]}" <"/dev/null" >"$WORK/client.stdout" 2>"$WORK/client.stderr"
  ) || die "valgrind $* ${ARGV_ARR[*]} failed (rc=$?); see $WORK/client.stderr and $LOGS"
  if [[ -s "$WORK/client.stderr" ]]; then
    die "the client wrote to stderr during valgrind $1: $(head -c 400 "$WORK/client.stderr")"
  fi
}

# One line identifying the program's build, for provenance.
tool_version() {
  case "$1" in
    sort) sort --version | sed -n 1p ;;
    gzip) gzip --version | sed -n 1p ;;
    awk) printf '%s' "$(readlink -f "$(command -v awk)") $(awk -W version 2>&1 | sed -n 1p)" ;;
    xsave) printf 'built with gcc -O1: %s' "$(gcc --version | sed -n 1p)" ;;
  esac
}

json_escape() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  printf '%s' "$s"
}

# ---------------------------------------------------------------------------------------------
rm -rf "$WORK"
mkdir -p "$RUN" "$LOGS" "$OUT"
gen_words 1000 42 >"$RUN/words.txt"
gen_log 200 7 >"$RUN/access.log"

programs=("$@")
[[ ${#programs[@]} -gt 0 ]] || programs=("${PROGRAM_ORDER[@]}")
for prog in "${programs[@]}"; do
  if [[ "$prog" == xsave ]]; then
    command -v gcc >/dev/null || die "gcc is needed to build the xsave oracle program"
    write_xsave_source >"$RUN/xsave.c"
    gcc -O1 -o "$RUN/xsave" "$RUN/xsave.c" || die "could not build xsave"
  fi
done

for prog in "${programs[@]}"; do
  program_argv "$prog"
  echo "== $prog: ${ARGV_ARR[*]}"

  # 1. lackey trace.
  lk_log="$LOGS/$prog.lackey.log"
  run_valgrind "$prog" --tool=lackey --trace-mem=yes --log-file="$lk_log"
  cp "$WORK/client.stdout" "$LOGS/$prog.stdout"
  bad=$(grep -Ev '^(==[0-9]+==|I  [0-9a-f]+,[0-9]+$| [LSM] [0-9a-f]+,[0-9]+$)' "$lk_log" | head -3 || true)
  [[ -z "$bad" ]] || die "unexpected lines in lackey output: $bad"
  read -r lk_i lk_l lk_s lk_m < <(awk '
    /^I  / { i++; next } /^ L / { l++; next } /^ S / { s++; next } /^ M / { m++; next }
    END { printf "%d %d %d %d\n", i, l, s, m }' "$lk_log")
  echo "   lackey: I=$lk_i L=$lk_l S=$lk_s M=$lk_m"

  # 2. cachegrind, one run per geometry.
  geo_json=()
  for geo in "${GEOMETRIES[@]}"; do
    read -r i1 d1 ll <<<"$geo"
    cg_out="$LOGS/$prog.cachegrind.${i1}_${d1}_${ll}.out"
    run_valgrind "$prog" --tool=cachegrind --cache-sim=yes --branch-sim=no \
      --I1="$i1" --D1="$d1" --LL="$ll" --cachegrind-out-file="$cg_out" --log-file="$cg_out.log"
    cmp -s "$WORK/client.stdout" "$LOGS/$prog.stdout" || die "$prog: stdout differs between lackey and cachegrind"
    grep -q "^events: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw *$" "$cg_out" ||
      die "$prog: unexpected events line in $cg_out"
    for want in "desc: I1 cache: *${i1%%,*} B, ${i1##*,} B, $(echo "$i1" | cut -d, -f2)-way" \
      "desc: D1 cache: *${d1%%,*} B, ${d1##*,} B, $(echo "$d1" | cut -d, -f2)-way" \
      "desc: LL cache: *${ll%%,*} B, ${ll##*,} B, $(echo "$ll" | cut -d, -f2)-way"; do
      grep -q "^$want" "$cg_out" || die "$prog: cachegrind did not use the geometry asked for ($want)"
    done
    read -r _ ir i1mr ilmr dr d1mr dlmr dw d1mw dlmw < <(grep '^summary:' "$cg_out")
    echo "   cachegrind I1=$i1 D1=$d1 LL=$ll: $ir $i1mr $ilmr $dr $d1mr $dlmr $dw $d1mw $dlmw"

    # 3. The cross-check: the same instruction and data-access stream.
    [[ "$ir" == "$lk_i" ]] || die "$prog: cachegrind Ir=$ir but lackey has $lk_i I lines"
    [[ "$dr" == "$((lk_l + lk_m))" ]] || die "$prog: cachegrind Dr=$dr but lackey L+M=$((lk_l + lk_m))"
    [[ "$dw" == "$lk_s" ]] || die "$prog: cachegrind Dw=$dw but lackey has $lk_s S lines"

    geo_json+=("$(printf '    {\n      "I1": "%s",\n      "D1": "%s",\n      "LL": "%s",\n      "counts": { "Ir": %d, "I1mr": %d, "ILmr": %d, "Dr": %d, "D1mr": %d, "DLmr": %d, "Dw": %d, "D1mw": %d, "DLmw": %d }\n    }' \
      "$i1" "$d1" "$ll" "$ir" "$i1mr" "$ilmr" "$dr" "$d1mr" "$dlmr" "$dw" "$d1mw" "$dlmw")")
  done
  echo "   cross-check OK: I lines = Ir, L+M lines = Dr, S lines = Dw"

  # 4. Write the trace (valgrind's == lines dropped) and the expected counts.
  grep -v '^==' "$lk_log" | gzip -n -9 >"$OUT/$prog.lackey.gz.tmp"
  mv "$OUT/$prog.lackey.gz.tmp" "$OUT/$prog.lackey.gz"

  inputs_json=""
  for f in "${INPUTS_ARR[@]}"; do
    [[ -n "$inputs_json" ]] && inputs_json+=", "
    inputs_json+="\"$f\": \"sha256:$(sha256sum "$RUN/$f" | cut -d' ' -f1)\""
  done
  tools_json="\"$(command -v "${ARGV_ARR[0]}" 2>/dev/null || echo "${ARGV_ARR[0]}")\": \"$(json_escape "$(tool_version "$prog")")\""
  argv_json=""
  for a in "${ARGV_ARR[@]}"; do
    [[ -n "$argv_json" ]] && argv_json+=", "
    argv_json+="\"$(json_escape "$a")\""
  done
  quoted_cmd=$(printf '%q ' "${ARGV_ARR[@]}")
  quoted_cmd=${quoted_cmd% }
  {
    printf '{\n'
    printf '  "program": "%s",\n' "$prog"
    printf '  "command": "%s",\n' "$(json_escape "$quoted_cmd")"
    printf '  "argv": [%s],\n' "$argv_json"
    printf '  "cwd": "%s",\n' "$RUN"
    printf '  "env": "env -i LD_PRELOAD= PATH=%s LC_ALL=C",\n' "$CLIENT_PATH"
    printf '  "inputs": { %s },\n' "$inputs_json"
    printf '  "programVersion": { %s },\n' "$tools_json"
    printf '  "valgrind": "%s",\n' "$VALGRIND_VERSION"
    printf '  "trace": "%s.lackey.gz",\n' "$prog"
    printf '  "traceLines": { "I": %d, "L": %d, "S": %d, "M": %d },\n' "$lk_i" "$lk_l" "$lk_s" "$lk_m"
    printf '  "geometries": [\n'
    for ((k = 0; k < ${#geo_json[@]}; k++)); do
      printf '%s' "${geo_json[$k]}"
      ((k + 1 < ${#geo_json[@]})) && printf ',\n' || printf '\n'
    done
    printf '  ]\n}\n'
  } >"$OUT/$prog.expected.json"
  echo "   wrote $OUT/$prog.lackey.gz ($(wc -c <"$OUT/$prog.lackey.gz") bytes) and $prog.expected.json"
done
