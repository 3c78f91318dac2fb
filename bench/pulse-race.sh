#!/usr/bin/env bash
# Measures JavaFX pulse times with four runs racing at 60 steps per second on the Himmelblau heat map (the
# "Surface & descent" tab in front), in a real window under Xvfb (software rendering), using JavaFX's own pulse
# logger.
# Usage: bench/pulse-race.sh [seconds]   (needs: xvfb; builds target/losslab.jar first if missing)
# Environment: PULSE_LOG=file keeps the raw pulse log; JAVA_OPTS adds JVM options (for example -Dprism.showdirty=true);
# JAR=path measures another build (to compare two builds under the same load, alternate them).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN=${1:-20}
JAR=${JAR:-target/losslab.jar}
WARMUP=${WARMUP:-6}   # seconds skipped: start-up, first surface, JIT compilation
[ -f "$JAR" ] || mvn -B -q package -DskipTests
LOG=${PULSE_LOG:-$(mktemp)}
CPU=$(mktemp)
GCLOG=$(mktemp)
# Besides the pulse log, the CPU time each thread of the app used from the warm-up to the end of the measurement
# (from /proc, in clock ticks): wall times swing with whatever else runs on the machine, CPU times much less.
export SECONDS_TO_RUN CPU JAVA_OPTS JAR WARMUP GCLOG
# shellcheck disable=SC2016
xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
    java -Djavafx.pulseLogger=true -Djavafx.pulseLogger.threshold=0 -Dlosslab.scenario=race4 \
        -Xlog:gc:file="$GCLOG" ${JAVA_OPTS:-} \
        -jar "$JAR" &
    pid=$!
    ticks() { for t in /proc/$pid/task/*; do echo "$1 $(cat $t/comm | tr " " _) $(cut -d")" -f2 $t/stat | cut -d" " -f13,14)"; done; }
    sleep "$WARMUP"; ticks start > "$CPU"
    sleep "$SECONDS_TO_RUN"; ticks end >> "$CPU"
    kill $pid; wait $pid' > "$LOG" 2>&1 || true
# JavaFX's pulse logger prints each pulse as "PULSE: n [interval ms:total ms]" (or "[n interval ms:total ms]" when
# short): interval = time since the previous pulse started, total = from the pulse's start until its rendering
# finished (FX-thread work plus painting), followed by its phases ("T14 (start +ms): Painting" is the render
# thread painting the dirty regions; one per dirty region). Skip the pulses of the warm-up.
python3 - "$LOG" "$CPU" "$SECONDS_TO_RUN" "$WARMUP" "$GCLOG" <<'PY'
import collections, os, re, sys
text = open(sys.argv[1]).read()
pulses = []
paint = {}
regions = {}
for block in re.split(r"\n(?=PULSE: |\[\d+ )", text):
    m = re.match(r"(?:PULSE: |\[)(\d+) \[?(\d+)ms:(\d+)ms\]", block)
    if not m:
        continue
    n = int(m.group(1))
    pulses.append((n, int(m.group(2)), int(m.group(3))))
    times = [int(v) for v in re.findall(r"\+(\d+)ms\): Painting", block)]
    paint[n] = sum(times)
    sizes = re.findall(r"Dirty Region \d+: RectBounds \{[^}]*\} \(w:(\d+)\.0, h:(\d+)\.0\)", block)
    if len(sizes) == len(times):
        regions[n] = [(f"{w} x {h}", t) for (w, h), t in zip(sizes, times)]
pulses.sort()
# Pulses start about a second after the JVM: skip those in the first WARMUP - 1 s of pulse time (summed intervals).
elapsed, kept = 0, []
for p in pulses:
    elapsed += p[1]
    if elapsed > 1000 * (int(sys.argv[4]) - 1):
        kept.append(p)
pulses = kept
if not pulses:
    print("no pulses logged"); sys.exit(1)
tot = sorted(p[2] for p in pulses)
iv = sorted(p[1] for p in pulses)
pt = sorted(paint.get(p[0], 0) for p in pulses)
q = lambda a, f: a[min(len(a) - 1, int(len(a) * f))]
over = sum(1 for v in tot if v > 16)
print(f"pulses measured: {len(pulses)} (4 runs at 60 steps/s on the Himmelblau heat map, software rendering)")
print(f"pulse time (FX work + painting): median {q(tot, .5)} ms, 95th percentile {q(tot, .95)} ms, "
      f"99th {q(tot, .99)} ms, max {tot[-1]} ms; over 16 ms: {over} ({100 * over / len(tot):.1f}%)")
print(f"painting alone: median {q(pt, .5)} ms, 95th percentile {q(pt, .95)} ms, max {pt[-1]} ms")
print(f"interval between pulses: median {q(iv, .5)} ms, 99th percentile {q(iv, .99)} ms")
# Painting time per dirty region (the regions JavaFX repainted, by size: trajectory tiles, chart columns, read-outs).
by_size = collections.defaultdict(list)
for p in pulses:
    for size, t in regions.get(p[0], []):
        by_size[size].append(t)
common = sorted(by_size.items(), key=lambda kv: -len(kv[1]))[:5]
print("painting per dirty region (pixels: count, median/max ms): " + "; ".join(
    f"{size}: {len(v)}, {q(sorted(v), .5)}/{max(v)}" for size, v in common))
# Garbage-collection pauses in the measured window (from -Xlog:gc; times since the JVM started).
gc = []
for line in open(sys.argv[5]):
    g = re.match(r"\[(\d+\.\d+)s\].*Pause.* (\d+\.\d+)ms", line)
    if g and float(g.group(1)) > float(sys.argv[4]):
        gc.append(float(g.group(2)))
print(f"GC pauses after the warm-up: {len(gc)}" + (f", longest {max(gc):.1f} ms, total {sum(gc):.0f} ms" if gc else ""))
cpu = collections.defaultdict(lambda: [0, 0])
for line in open(sys.argv[2]):
    fields = line.split()
    if len(fields) != 4:  # a thread that ended while its /proc entry was read
        continue
    when, name, user, system = fields
    cpu[name][when == "end"] += int(user) + int(system)
tick_ms = 1000 / os.sysconf("SC_CLK_TCK")
frames = 60 * float(sys.argv[3])
used = {n: (e - s) * tick_ms for n, (s, e) in cpu.items() if e - s > 0}
top = sorted(used.items(), key=lambda kv: -kv[1])[:5]
print("CPU per frame of 1/60 s (ms), by thread: " + ", ".join(f"{n} {v / frames:.2f}" for n, v in top)
      + f"; whole app {sum(used.values()) / frames:.2f}")
PY
rm -f "$CPU" "$GCLOG"
[ -n "${PULSE_LOG:-}" ] || rm -f "$LOG"
