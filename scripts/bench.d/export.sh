# Sourced by scripts/bench: issue 5's budgets for exports and import on the 10-year diary. Each
# run writes into a fresh folder (--force over the last run's file would time a rename too).
# These take seconds each, so fewer runs.
all_runs=$runs
runs=${SLOW_RUNS:-5}
exports=$work/exports
mkdir -p "$exports"
export_row() {  # NAME BUDGET FORMAT [--since DAY]
  local name=$1 budget=$2; shift 2
  local t
  t=$(median "export-$name" "rm -rf $exports/$name && $bin export -o $exports/$name/ --format $*")
  echo "| \`myolog export --format $*\` | $(ms "$t") ms | — | — | — | under $budget |"
}
export_row csv "1 s" csv
export_row json "1 s" json
export_row html "2 s" html
export_row pdf-year "3 s" pdf --since -365d
"$bin" export --format json -o "$work/whole.json" >/dev/null
t_import=$(median import "rm -f $work/imported.sqlite3* && $bin --db $work/imported.sqlite3 import $work/whole.json")
echo "| \`myolog import\` (the whole diary as JSON, into a new diary) | $(ms "$t_import") ms | — | — | — | under 5 s |"
runs=$all_runs
