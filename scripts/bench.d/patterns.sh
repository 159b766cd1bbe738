# Sourced by scripts/bench: `myolog patterns --json` beside the plain aggregate it rests on,
# episodes per local day joined to that day's check-in, by the sqlite3 tool on the same file.
# Days are grouped as integers (date() on every row would make sqlite3 five times slower and
# the comparison flattering).
patterns_cmd="$bin patterns --json"
sql_aggregate="sqlite3 $MYOLOG_DB \"WITH per_day AS (SELECT (start_utc + utc_offset_s) / 86400 AS d, sum(kind = 'twitch') AS twitches, sum(kind = 'cramp') AS cramps FROM episodes WHERE deleted_utc IS NULL GROUP BY d) SELECT c.date, c.caffeine_mg, c.sleep_h, c.stress, c.alcohol, c.magnesium, coalesce(p.twitches, 0), coalesce(p.cramps, 0) FROM checkins c LEFT JOIN per_day p ON p.d = unixepoch(c.date) / 86400\""
t_patterns=$(median patterns "$patterns_cmd")
t_aggregate=$(median aggregate "$sql_aggregate")
echo "| \`myolog patterns --json\` | $(ms "$t_patterns") ms | \`sqlite3\` episodes per day joined to check-ins | $(ms "$t_aggregate") ms | $(ratio "$t_patterns" "$t_aggregate")x | under 100 ms, within 2x |"
