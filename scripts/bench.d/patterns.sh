# Sourced by scripts/bench: `myolog patterns --json` beside the plain aggregate it rests on,
# episodes per local day joined to that day's check-in, by the sqlite3 tool on the same file.
patterns_cmd="$bin patterns --json"
sql_aggregate="sqlite3 $MYOLOG_DB \"WITH per_day AS (SELECT date(start_utc + utc_offset_s, 'unixepoch') AS day, sum(kind = 'twitch') AS twitches, sum(kind = 'cramp') AS cramps FROM episodes WHERE deleted_utc IS NULL GROUP BY day) SELECT c.date, c.caffeine_mg, c.sleep_h, c.stress, c.alcohol, c.magnesium, coalesce(p.twitches, 0), coalesce(p.cramps, 0) FROM checkins c LEFT JOIN per_day p ON p.day = c.date\""
t_patterns=$(median patterns "$patterns_cmd")
t_aggregate=$(median aggregate "$sql_aggregate")
echo "| \`myolog patterns --json\` | $(ms "$t_patterns") ms | \`sqlite3\` episodes per day joined to check-ins | $(ms "$t_aggregate") ms | $(ratio "$t_patterns" "$t_aggregate")x | under 100 ms, within 3x |"
