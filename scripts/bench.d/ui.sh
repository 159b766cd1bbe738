# Sourced by scripts/bench: the UI rows of issue 13, from the divan benches (benches/tui.rs) on
# the same demo seed: a key handled plus a frame drawn on a TestBackend, medians; the ratio is
# to the target. UI=0 leaves them out.
if [ "${UI:-1}" != 0 ]; then
  MYOLOG_BENCH_SEED=$seed cargo bench --quiet --bench tui -- \
    save_an_episode delete_an_episode undo_a_delete history_filter_cramp_calf history_filter_note_word \
    patterns_period_365_days patterns_period_all first_frame > "$work/divan.txt" 2>/dev/null
  python3 - "$work/divan.txt" <<'PY'
import re, sys
rows = {
    "save_an_episode": ("UI: save an episode (Ctrl-S in the log form)", 50),
    "delete_an_episode": ("UI: delete (x in History)", 50),
    "undo_a_delete": ("UI: undo (u in History)", 50),
    "history_filter_cramp_calf": ("UI: History filter `cramp calf`", 50),
    "history_filter_note_word": ("UI: History filter `note:ärger` (in no note: every episode read)", 50),
    "patterns_period_365_days": ("UI: Patterns period 365 days", 50),
    "patterns_period_all": ("UI: Patterns period all", 100),
    "first_frame": ("UI: first full frame (opening the diary, TestBackend)", 30),
}
units = {"ns": 1e-6, "µs": 1e-3, "us": 1e-3, "ms": 1.0, "s": 1e3}
for line in open(sys.argv[1], encoding="utf-8"):
    cells = [c.strip() for c in line.split("│")]
    name = re.sub(r"^[├╰─\s]+", "", cells[0]).split()[0] if cells and cells[0] else ""
    if name in rows and len(cells) >= 3:
        value, unit = cells[2].split()
        median = float(value) * units[unit]
        label, target = rows[name]
        print(f"| {label} | {median:.1f} ms | — | — | {median / target:.2f}x of {target} ms | under {target} ms |")
PY
fi
