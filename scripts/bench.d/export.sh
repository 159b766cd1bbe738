# Sourced by scripts/bench: the exports on the 10-year diary (issue 13's targets), the data
# formats beside `sqlite3 -json` of the episodes table where that is the fair comparison. Each
# run writes into a fresh folder (--force over the last run's file would time a rename too).
# These take seconds each, so fewer runs.
all_runs=$runs
runs=${SLOW_RUNS:-5}
exports=$work/exports
mkdir -p "$exports"
export_time() {  # NAME FORMAT [--since DAY]: the median seconds
  local name=$1; shift
  median "export-$name" "rm -rf $exports/$name && $bin export -o $exports/$name/ --format $*"
}
t_json=$(export_time json json)
t_sql_json=$(median sqljson "sqlite3 -json $MYOLOG_DB 'SELECT * FROM episodes' > $exports/sqlite3.json")
echo "| \`myolog export --format json\` (whole diary) | $(ms "$t_json") ms | \`sqlite3 -json\` of the episodes table | $(ms "$t_sql_json") ms | $(ratio "$t_json" "$t_sql_json")x | within 2x |"
t_csv=$(export_time csv csv)
echo "| \`myolog export --format csv\` (whole diary) | $(ms "$t_csv") ms | — | — | $(ratio "$t_csv" 1)x of 1 s | under 1 s |"
t_fhir=$(export_time fhir fhir)
echo "| \`myolog export --format fhir\` (whole diary) | $(ms "$t_fhir") ms | — | — | $(ratio "$t_fhir" 2)x of 2 s | under 2 s |"
t_html=$(export_time html html)
echo "| \`myolog export --format html\` (whole diary) | $(ms "$t_html") ms | — | — | — | under 2 s |"
runs=${PDF_RUNS:-3}
t_pdf=$(export_time pdf pdf)
echo "| \`myolog export --format pdf\` (whole diary) | $(ms "$t_pdf") ms | — | — | $(ratio "$t_pdf" 3)x of 3 s | under 3 s |"
t_pdf_year=$(export_time pdf-year pdf --since -365d)
echo "| \`myolog export --format pdf --since -365d\` | $(ms "$t_pdf_year") ms | — | — | — | under 3 s |"
runs=${SLOW_RUNS:-5}
"$bin" export --format json -o "$work/whole.json" >/dev/null
t_import=$(median import "rm -f $work/imported.sqlite3* && $bin --db $work/imported.sqlite3 import $work/whole.json")
echo "| \`myolog import\` (the whole diary as JSON, into a new diary) | $(ms "$t_import") ms | — | — | — | under 5 s |"
runs=$all_runs
