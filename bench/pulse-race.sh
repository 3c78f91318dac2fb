#!/usr/bin/env bash
# Measures JavaFX pulse times with four runs racing at 60 steps per second on the Himmelblau heat map (the
# "Surface & descent" tab in front), in a real window under Xvfb (software rendering), using JavaFX's own pulse
# logger.
# Usage: bench/pulse-race.sh [seconds]   (needs: xvfb; builds target/losslab.jar first if missing)
# Environment: PULSE_LOG=file keeps the raw pulse log; JAVA_OPTS adds JVM options (for example -Dprism.showdirty=true).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN=${1:-20}
[ -f target/losslab.jar ] || mvn -B -q package -DskipTests
LOG=${PULSE_LOG:-$(mktemp)}
# shellcheck disable=SC2086
xvfb-run -a -s "-screen 0 1600x1000x24" timeout "$((SECONDS_TO_RUN + 8))" \
    java -Djavafx.pulseLogger=true -Djavafx.pulseLogger.threshold=0 -Dlosslab.scenario=race4 ${JAVA_OPTS:-} \
    -jar target/losslab.jar > "$LOG" 2>&1 || true
# JavaFX's pulse logger prints each pulse as "PULSE: n [interval ms:total ms]" (or "[n interval ms:total ms]" when
# short): interval = time since the previous pulse started, total = from the pulse's start until its rendering
# finished (FX-thread work plus painting), followed by its phases ("T14 (start +ms): Painting" is the render
# thread painting the dirty regions). Skip the first 3 s (start-up, first surface).
python3 - "$LOG" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
pulses = []
paint = {}
for block in re.split(r"\n(?=PULSE: |\[\d+ )", text):
    m = re.match(r"(?:PULSE: |\[)(\d+) \[?(\d+)ms:(\d+)ms\]", block)
    if not m:
        continue
    n = int(m.group(1))
    pulses.append((n, int(m.group(2)), int(m.group(3))))
    p = re.search(r"\+(\d+)ms\): Painting", block)
    if p:
        paint[n] = int(p.group(1))
pulses.sort()
pulses = [p for p in pulses if p[0] > 180]
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
PY
[ -n "${PULSE_LOG:-}" ] || rm -f "$LOG"
