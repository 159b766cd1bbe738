//! Today: the day's episodes, its check-in (or a prompt for it), the last 14 days at a glance,
//! and, where there is room, the body map of the last 90 days. Above the check-in, one line
//! with the number of active flags and the most serious level, when any is active.

use chrono::{Days, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::banner;
use super::clock::AppClock;
use super::episodes;
use super::keymap::Keymap;
use super::theme::Theme;
use super::widgets::body_map::BodyMap;
use super::widgets::day_strip::{DayStrip, StripDay};
use crate::domain::{CheckIn, Episode};
use crate::patterns::banner::ActiveFlags;
use crate::patterns::charts::{self, SiteCount};
use crate::patterns::{Level, Settings};
use crate::store::{Diary, EpisodeFilter, StoreError};

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
        let site_counts = charts::by_site_summed(&recent.sites);
        let empty_diary = episodes.is_empty() && diary.counts()?.is_empty();
        let flags = if empty_diary {
            None
        } else {
            banner::active_flags_with(diary, settings, date, &recent, recent_from)?
        };
        Ok(Today {
            date,
            episodes,
            episodes_total,
            checkin: diary.checkin(date)?,
            strip,
            site_counts,
            empty_diary,
            flags,
        })
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
        // The date and the flags banner run across the whole width, above the body map.
        let [title, area] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(area);
        let title = title.inner(ratatui::layout::Margin::new(1, 0));
        let map = BodyMap::size();
        let (main, map_area) = if area.width >= 100 && area.height >= map.1 + 2 {
            let [m, b] = Layout::horizontal([Constraint::Min(60), Constraint::Length(map.0 + 3)])
                .areas(area);
            (m, Some(b))
        } else {
            (area, None)
        };
        let checkin_lines = self.checkin_lines(keys, theme);
        let checkin_height = if main.width < 90 { 3 } else { 2 };
        let [checkin, strip_title, strip, list] = Layout::vertical([
            Constraint::Length(checkin_height + 1),
            Constraint::Length(1),
            Constraint::Length(4),
            Constraint::Min(0),
        ])
        .areas(main.inner(ratatui::layout::Margin::new(1, 0)));
        let mut title_lines = vec![Line::from(vec![
            Span::styled(self.date.format("%A %-d %B %Y").to_string(), theme.title()),
            Span::styled(format!("  ({})", self.date), theme.dim()),
        ])];
        if let Some(flags) = self.flags {
            let style = match flags.worst {
                Level::Urgent => theme.error(),
                _ => theme.title(),
            };
            title_lines.push(Line::from(Span::styled(banner::line(flags, keys), style)));
        }
        frame.render_widget(Paragraph::new(title_lines), title);
        frame.render_widget(
            Paragraph::new(checkin_lines).wrap(Wrap { trim: true }),
            checkin,
        );
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("Last 14 days ", theme.title()),
                Span::styled("T twitch  C cramp  B both  . neither", theme.dim()),
            ])),
            strip_title,
        );
        frame.render_widget(DayStrip::new(&self.strip, theme), strip);
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
            let block = Block::new().borders(Borders::LEFT);
            let inner = block.inner(m).inner(ratatui::layout::Margin::new(1, 0));
            frame.render_widget(block, m);
            frame.render_widget(
                BodyMap::new(&self.site_counts, &[], theme, "Where, last 90 days"),
                inner,
            );
        }
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
        let mut lines = vec![Line::from(Span::styled(
            format!("Today's episodes ({})", self.episodes_total),
            theme.title(),
        ))];
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
            room.saturating_sub(1)
        } else {
            total
        };
        for e in self.episodes.iter().take(shown) {
            lines.push(episodes::line(e, width, theme));
        }
        if total > shown && room > 0 {
            lines.push(Line::from(Span::styled(
                format!(
                    "... and {} more, all in History ({})",
                    total - shown,
                    keys.first_key("history")
                ),
                theme.dim(),
            )));
        }
        lines
    }
}
