//! Today: the day's episodes, its check-in (or a prompt for it), the last 14 days at a glance,
//! and, where there is room, the body map of the last 90 days. Above the check-in, one line
//! with the number of active flags and the most serious level, when any is active; beside the
//! date, "experiment day 5 of 14" while an experiment runs. The episodes are a list: Up/Down
//! pick one, `e` changes it and `x` deletes it, as in History.

use chrono::{Days, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::action::Action;
use super::banner;
use super::clock::AppClock;
use super::episodes;
use super::fit::wrap;
use super::keymap::Keymap;
use super::select;
use super::theme::Theme;
use super::widgets::body_map::BodyMap;
use super::widgets::day_strip::{DayStrip, StripDay};
use crate::domain::experiment::running;
use crate::domain::{CheckIn, Episode};
use crate::patterns::banner::ActiveFlags;
use crate::patterns::charts::{self, SiteCount};
use crate::patterns::{Level, Settings};
use crate::store::{DatedAfter, Diary, EpisodeFilter, StoreError};

pub const STRIP_DAYS: u64 = 14;
pub const MAP_DAYS: u64 = 90;
/// More episodes than this in one day are counted, not listed.
const LIST_LIMIT: u32 = 200;

#[derive(Debug, Clone, Default)]
pub struct Today {
    date: NaiveDate,
    episodes: Vec<Episode>,
    episodes_total: u64,
    checkin: Option<CheckIn>,
    strip: Vec<StripDay>,
    site_counts: Vec<SiteCount>,
    empty_diary: bool,
    flags: Option<ActiveFlags>,
    /// Entries dated after today (a clock set ahead when they were logged): nothing here or on
    /// Patterns counts them, so the title says so.
    dated_after: Option<DatedAfter>,
    /// The experiment running today: its name, the day it is on and its planned days.
    experiment: Option<(String, u32, u32)>,
    /// The episode picked in the list.
    selected: usize,
}

impl Today {
    pub fn load(diary: &Diary, clock: &AppClock, settings: &Settings) -> Result<Today, StoreError> {
        let date = clock.today();
        let start = clock.day_start_utc(date);
        let end = clock.day_start_utc(date + Days::new(1));
        let filter = EpisodeFilter {
            since: Some(start),
            until: Some(end),
            limit: Some(LIST_LIMIT),
            ..EpisodeFilter::default()
        };
        let episodes = diary.episodes(&filter)?;
        let episodes_total = if episodes.len() as u32 >= LIST_LIMIT {
            diary.count_episodes(&filter)?
        } else {
            episodes.len() as u64
        };
        // The strip and the map count what the Patterns screen and the report count.
        let recent_from = date - Days::new(MAP_DAYS - 1);
        let recent = diary.summary_slice(Some(recent_from), Some(date))?;
        let days = charts::by_day_summed(&recent.days);
        let strip = (date - Days::new(STRIP_DAYS - 1))
            .iter_days()
            .take(STRIP_DAYS as usize)
            .map(|d| {
                let n = days.get(&d).copied().unwrap_or_default();
                StripDay {
                    date: d,
                    twitches: n.twitches,
                    cramps: n.cramps,
                }
            })
            .collect();
        let site_counts =
            charts::by_site_summed(&diary.side_totals(Some(recent_from), Some(date))?);
        let empty_diary = episodes.is_empty() && diary.counts()?.is_empty();
        let flags = if empty_diary {
            None
        } else {
            banner::active_flags_with(diary, settings, date, &recent, recent_from)?
        };
        let experiment = running(&diary.experiments()?, date)
            .and_then(|e| e.day_of(date).map(|(n, of)| (e.name.clone(), n, of)));
        Ok(Today {
            experiment,
            date,
            episodes,
            episodes_total,
            checkin: diary.checkin(date)?,
            strip,
            site_counts,
            empty_diary,
            flags,
            dated_after: diary.dated_after(date)?,
            selected: 0,
        })
    }

    /// Keeps the episode `old` had picked picked, when it is still listed (else the one in
    /// its place).
    pub fn keep_selection(&mut self, old: &Today) {
        let id = old.selected_episode().map(|e| e.id);
        self.selected = self
            .episodes
            .iter()
            .position(|e| Some(e.id) == id)
            .unwrap_or(old.selected)
            .min(self.episodes.len().saturating_sub(1));
    }

    /// Up, Down and the page keys move through today's episodes.
    pub fn navigate(&mut self, action: Action) {
        let last = self.episodes.len().saturating_sub(1);
        self.selected = select::moved(self.selected, last, action, 5);
    }

    /// The episode picked in the list, which `e` and `x` act on.
    pub fn selected_episode(&self) -> Option<&Episode> {
        self.episodes.get(self.selected)
    }

    pub fn is_empty_diary(&self) -> bool {
        self.empty_diary
    }

    /// The active flags the banner counts.
    pub fn active_flags(&self) -> Option<ActiveFlags> {
        self.flags
    }

    pub fn site_counts(&self) -> &[SiteCount] {
        &self.site_counts
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, keys: &Keymap, theme: &Theme) {
        let map = BodyMap::size();
        let (main, map_area) = if area.width >= 100 && area.height >= map.1 + 4 {
            let [m, b] = Layout::horizontal([Constraint::Min(60), Constraint::Length(map.0 + 3)])
                .areas(area);
            (m, Some(b))
        } else {
            (area, None)
        };
        // The date and the flags banner run across the whole width, above the body map.
        let wide = area.inner(Margin::new(1, 0));
        let main = main.inner(Margin::new(1, 0));
        let width = usize::from(main.width.max(1));
        let title_lines = self.title_lines(usize::from(wide.width.max(1)), keys, theme);
        // A blank line under the date when there is no banner and room for one.
        let title_height = if area.height >= 20 {
            title_lines.len().max(2) as u16
        } else {
            title_lines.len() as u16
        };
        let checkin_lines = self.checkin_lines(keys, theme);
        let checkin_full = wrapped_height(&checkin_lines, width);
        let strip_days = (usize::from(main.width) / 3).min(STRIP_DAYS as usize);
        // What the room left is spent on, most important first: today's episodes (up to a
        // few rows), the check-in, then the strip of the last days.
        let listed = self.episodes.len().min(4) as u16;
        let list_min = 1 + listed.max(1);
        let room = area.height.saturating_sub(title_height);
        let strip_height = 5;
        let (checkin_height, strip) = if room >= checkin_full + 1 + strip_height + list_min {
            (checkin_full + 1, true)
        } else if room >= checkin_full + list_min {
            (checkin_full, false)
        } else {
            (room.saturating_sub(list_min).clamp(1, checkin_full), false)
        };
        let [title, checkin, strip_area, list] = Layout::vertical([
            Constraint::Length(title_height),
            Constraint::Length(checkin_height),
            Constraint::Length(if strip { strip_height } else { 0 }),
            Constraint::Min(0),
        ])
        .areas(Rect {
            x: main.x,
            width: main.width,
            ..area
        });
        frame.render_widget(
            Paragraph::new(title_lines),
            Rect {
                x: wide.x,
                width: wide.width,
                ..title
            },
        );
        frame.render_widget(
            Paragraph::new(checkin_lines).wrap(Wrap { trim: true }),
            checkin,
        );
        if strip {
            let [strip_title, days] =
                Layout::vertical([Constraint::Length(1), Constraint::Length(4)]).areas(strip_area);
            frame.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::styled(format!("Last {strip_days} days "), theme.title()),
                    Span::styled("T twitch  C cramp  B both  . neither", theme.dim()),
                ])),
                strip_title,
            );
            frame.render_widget(DayStrip::new(&self.strip, theme), days);
        }
        frame.render_widget(
            Paragraph::new(self.episode_lines(
                list.width as usize,
                list.height as usize,
                keys,
                theme,
            )),
            list,
        );
        if let Some(m) = map_area {
            let m = Rect {
                y: m.y + title_height,
                height: m.height.saturating_sub(title_height),
                ..m
            };
            let block = Block::new().borders(Borders::LEFT);
            let inner = block.inner(m).inner(Margin::new(1, 0));
            frame.render_widget(block, m);
            frame.render_widget(
                BodyMap::new(&self.site_counts, &[], theme, "Where, last 90 days"),
                inner,
            );
        }
    }

    /// "experiment day 5 of 14: caffeine cut" after the date, the name only where it fits; on
    /// a line of its own (`true`) when even the day does not fit beside the date.
    fn experiment_spans(
        &self,
        width: usize,
        before: &[Span<'static>],
        theme: &Theme,
    ) -> (Vec<Span<'static>>, bool) {
        let Some((name, n, of)) = &self.experiment else {
            return (Vec::new(), false);
        };
        let used: usize = before.iter().map(|s| s.content.chars().count()).sum();
        let day = format!("experiment day {n} of {of}");
        let name = format!(": {name}");
        let own_line = used + 2 + day.chars().count() > width;
        let (day, used) = if own_line {
            (day, 0)
        } else {
            (format!("  {day}"), used)
        };
        let mut spans = vec![Span::styled(day.clone(), theme.title())];
        if used + day.chars().count() + name.chars().count() <= width {
            spans.push(Span::styled(name, theme.dim()));
        }
        (spans, own_line)
    }

    /// The date, and the flags banner wrapped (it matters too much to be cut).
    fn title_lines(&self, width: usize, keys: &Keymap, theme: &Theme) -> Vec<Line<'static>> {
        let long = self.date.format("%A %-d %B %Y").to_string();
        let date = if long.len() + 14 <= width {
            vec![
                Span::styled(long, theme.title()),
                Span::styled(format!("  ({})", self.date), theme.dim()),
            ]
        } else {
            vec![Span::styled(
                self.date.format("%a %-d %b %Y").to_string(),
                theme.title(),
            )]
        };
        let (experiment, own_line) = self.experiment_spans(width, &date, theme);
        let mut lines = if own_line {
            vec![Line::from(date), Line::from(experiment)]
        } else {
            vec![Line::from([date, experiment].concat())]
        };
        if let Some(flags) = self.flags {
            let style = match flags.worst {
                Level::Urgent => theme.error(),
                _ => theme.title(),
            };
            lines.extend(
                wrap(&banner::line(flags, keys), width)
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, style))),
            );
        }
        if let Some(later) = self.dated_after {
            lines.extend(
                wrap(&not_counted(&later, keys), width)
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, theme.error()))),
            );
        }
        lines
    }

    fn checkin_lines(&self, keys: &Keymap, theme: &Theme) -> Vec<Line<'static>> {
        match &self.checkin {
            Some(c) => vec![Line::from(vec![
                Span::styled("Check-in ", theme.title()),
                Span::raw(
                    c.summary()
                        .split_once(": ")
                        .map_or_else(String::new, |(_, rest)| rest.to_string()),
                ),
                Span::styled(
                    format!("  ({} changes it)", keys.first_key("checkin")),
                    theme.dim(),
                ),
            ])],
            None => vec![Line::from(vec![
                Span::styled("No check-in yet today. ", theme.title()),
                Span::raw(format!(
                    "Press {} for it: sleep, caffeine, stress, water, alcohol, exercise, magnesium, stretching; any field may stay unknown.",
                    keys.first_key("checkin")
                )),
            ])],
        }
    }

    fn episode_lines(
        &self,
        width: usize,
        height: usize,
        keys: &Keymap,
        theme: &Theme,
    ) -> Vec<Line<'static>> {
        let heading = format!("Today's episodes ({})", self.episodes_total);
        let hint = format!(
            "  {} changes, {} deletes",
            keys.first_key("edit"),
            keys.first_key("delete")
        );
        let mut title = vec![Span::styled(heading.clone(), theme.title())];
        if !self.episodes.is_empty() && heading.len() + hint.len() <= width {
            title.push(Span::styled(hint, theme.dim()));
        }
        let mut lines = vec![Line::from(title)];
        if self.episodes.is_empty() {
            lines.push(Line::from(format!(
                "Nothing logged today. {} logs a twitch, {} a cramp.",
                keys.first_key("new_twitch"),
                keys.first_key("new_cramp")
            )));
            return lines;
        }
        let room = height.saturating_sub(1);
        let total = self.episodes_total as usize;
        // When they do not all fit, the last line says where the rest are.
        let shown = if total > room {
            room.saturating_sub(1).max(1)
        } else {
            total
        };
        // The picked one stays in view.
        let first = (self.selected + 1).saturating_sub(shown);
        for (i, e) in self.episodes.iter().enumerate().skip(first).take(shown) {
            lines.push(row(
                episodes::line(e, width.saturating_sub(2), theme),
                i == self.selected,
                theme,
            ));
        }
        let rest = total.saturating_sub(first + shown);
        if rest > 0 && room > shown {
            lines.push(Line::from(Span::styled(
                format!(
                    "... and {rest} more, all in History ({})",
                    keys.first_key("history")
                ),
                theme.dim(),
            )));
        }
        lines
    }
}

/// A row of the list: marked `>` and reversed when picked, as [`select::row`] marks them.
fn row(line: Line<'static>, selected: bool, theme: &Theme) -> Line<'static> {
    if !selected {
        let mut spans = vec![Span::raw("  ")];
        spans.extend(line.spans);
        return Line::from(spans);
    }
    let mut spans = vec![Span::raw("> ")];
    spans.extend(
        line.spans
            .into_iter()
            .map(|s| Span::styled(s.content, theme.selected())),
    );
    Line::from(spans)
}

/// The rows `lines` take wrapped at word boundaries in `width` (as [`Wrap`] does, near enough:
/// a word never splits, so the count errs on the side of a row more).
fn wrapped_height(lines: &[Line<'_>], width: usize) -> u16 {
    lines
        .iter()
        .map(|line| {
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            wrap(&text, width).len().max(1) as u16
        })
        .sum()
}

/// The line on entries dated after today, which Today and Patterns count nowhere: History
/// lists the episodes among them, Meds & checks the check-ins and self-checks.
pub(super) fn not_counted(later: &DatedAfter, keys: &Keymap) -> String {
    format!(
        "{}: not counted here; was a clock wrong? History ({}) lists episodes, Meds & checks ({}) check-ins and self-checks.",
        later.describe("today"),
        keys.first_key("history"),
        keys.first_key("meds"),
    )
}
