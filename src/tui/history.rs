//! History: every episode, newest first, paged from the diary with limit and offset, so a
//! diary of 100,000 episodes scrolls as fast as one of ten. Filters by kind, site and side,
//! words in the notes and triggers, id and dates; `e` opens an entry to change it, `x` deletes
//! it, `u` undoes.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::action::Action;
use super::clock::AppClock;
use super::episodes;
use super::fit;
use super::form::{FormKey, TextField, is_typed};
use super::keymap::Keymap;
use super::select;
use super::theme::Theme;
use crate::catalog::catalog;
use crate::domain::episode::parse_trigger;
use crate::domain::{Episode, Kind, SiteRef};
use crate::store::{Diary, EpisodeFilter, PageFrom, StoreError};

/// Rows read at a time.
const PAGE: usize = 200;

#[derive(Debug, Default)]
pub struct History {
    loaded: bool,
    filter: EpisodeFilter,
    filter_text: String,
    total: usize,
    selected: usize,
    /// The first row shown.
    top: usize,
    window_start: usize,
    window: Vec<Episode>,
    filter_input: Option<TextField>,
    filter_error: Option<String>,
    /// Rows that fit, and where the first one is, as last drawn (for paging and clicks).
    viewport: Cell<usize>,
    rows_top: Cell<u16>,
}

impl History {
    pub fn loaded(&self) -> bool {
        self.loaded
    }

    /// The diary changed while History was out of view: read it again when it is shown,
    /// keeping the selection.
    pub fn mark_stale(&mut self) {
        self.loaded = false;
    }

    pub fn filtering(&self) -> bool {
        self.filter_input.is_some()
    }

    /// Rows on screen; before the first frame, a guess.
    fn viewport(&self) -> usize {
        match self.viewport.get() {
            0 => 20,
            n => n,
        }
    }

    /// Counts again and rereads the rows on screen (after a change or a new filter).
    pub fn reload(&mut self, diary: &Diary) -> Result<(), StoreError> {
        self.total = diary.count_episodes(&self.filter)? as usize;
        self.selected = self.selected.min(self.total.saturating_sub(1));
        self.keep_selection_visible();
        self.load_window(diary)?;
        self.loaded = true;
        Ok(())
    }

    fn keep_selection_visible(&mut self) {
        let rows = self.viewport();
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + rows {
            self.top = self.selected + 1 - rows;
        }
        self.top = self.top.min(self.total.saturating_sub(1));
    }

    /// Reads the rows around the first one shown afresh (after a change or a new filter).
    fn load_window(&mut self, diary: &Diary) -> Result<(), StoreError> {
        self.window.clear();
        self.window_start = 0;
        self.ensure_window(diary)
    }

    fn page(
        &self,
        diary: &Diary,
        key: Option<&Episode>,
        from: PageFrom,
        n: usize,
    ) -> Result<Vec<Episode>, StoreError> {
        diary.episode_page(&self.filter, key, from, n as u32)
    }

    /// Makes sure the rows to show are in hand. Rows next to those in hand are read from where
    /// they end (keyset paging, as fast deep in the diary as at its top); the newest and the
    /// oldest rows are read from their end; only a jump into the middle counts rows with an
    /// offset.
    pub fn ensure_window(&mut self, diary: &Diary) -> Result<(), StoreError> {
        if self.total == 0 {
            self.window.clear();
            self.window_start = 0;
            return Ok(());
        }
        let need_start = self.top.min(self.total - 1);
        let need_end = (self.top + self.viewport().max(60)).min(self.total);
        let have_end = self.window_start + self.window.len();
        if !self.window.is_empty() && need_start >= self.window_start && need_end <= have_end {
            return Ok(());
        }
        if !self.window.is_empty() && need_start >= self.window_start && need_start <= have_end {
            // Scrolling down past what is in hand.
            while self.window_start + self.window.len() < need_end {
                let more = self.page(diary, self.window.last(), PageFrom::After, PAGE)?;
                if more.is_empty() {
                    break;
                }
                self.window.extend(more);
            }
            if self.window.len() > 3 * PAGE {
                let drop = (self.window.len() - 3 * PAGE).min(need_start - self.window_start);
                self.window.drain(..drop);
                self.window_start += drop;
            }
        } else if !self.window.is_empty()
            && need_start < self.window_start
            && need_end + PAGE >= self.window_start
        {
            // Scrolling up past what is in hand.
            while self.window_start > need_start {
                let more = self.page(diary, self.window.first(), PageFrom::Before, PAGE)?;
                if more.is_empty() {
                    break;
                }
                self.window_start = self.window_start.saturating_sub(more.len());
                self.window.splice(0..0, more);
            }
            if self.window.len() > 3 * PAGE {
                let keep = (3 * PAGE).max(need_end - self.window_start);
                self.window.truncate(keep);
            }
        } else if need_start < PAGE {
            self.window = self.page(diary, None, PageFrom::After, need_end.max(PAGE))?;
            self.window_start = 0;
        } else if self.total - need_start <= 2 * PAGE {
            self.window = self.page(diary, None, PageFrom::Before, self.total - need_start)?;
            self.window_start = self.total - self.window.len();
        } else {
            let start = need_start.saturating_sub(PAGE / 2);
            let filter = EpisodeFilter {
                limit: Some((2 * PAGE) as u32),
                offset: start as u32,
                ..self.filter.clone()
            };
            self.window = diary.episodes(&filter)?;
            self.window_start = start;
        }
        Ok(())
    }

    /// The terminal changed size: more rows may now be on screen.
    pub fn resized(&mut self, rows: usize, diary: &Diary) -> Result<(), StoreError> {
        self.viewport.set(rows);
        if self.loaded {
            self.keep_selection_visible();
            self.ensure_window(diary)?;
        }
        Ok(())
    }

    pub fn navigate(&mut self, action: Action, diary: &Diary) -> Result<(), StoreError> {
        if self.total == 0 {
            return Ok(());
        }
        let last = self.total - 1;
        let page = self.viewport();
        self.selected = select::moved(self.selected, last, action, page);
        self.keep_selection_visible();
        self.ensure_window(diary)
    }

    pub fn click(&mut self, row: u16, diary: &Diary) {
        let top = self.rows_top.get();
        if row < top {
            return;
        }
        let i = self.top + (row - top) as usize;
        if i < self.total && (row - top) as usize <= self.viewport() {
            self.selected = i;
            let _ = self.ensure_window(diary);
        }
    }

    pub fn selected_episode(&self) -> Option<&Episode> {
        self.selected
            .checked_sub(self.window_start)
            .and_then(|i| self.window.get(i))
    }

    /// Shows the episode whose id starts with `id` (as the filter `id:ID` does), with the
    /// filter line saying so.
    pub fn show_id(&mut self, id: &str, diary: &Diary) -> Result<(), StoreError> {
        self.filter = EpisodeFilter {
            id_prefix: Some(id.to_lowercase()),
            ..EpisodeFilter::default()
        };
        self.filter_text = format!("id:{id}");
        self.filter_input = None;
        self.filter_error = None;
        self.selected = 0;
        self.top = 0;
        self.reload(diary)
    }

    pub fn start_filter(&mut self) {
        self.filter_input = Some(TextField::new(self.filter_text.clone()));
        self.filter_error = None;
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(input) = &mut self.filter_input {
            input.insert_str(text);
        }
    }

    /// A key while the filter line is open; false when it is not for the filter.
    pub fn filter_key(
        &mut self,
        key: KeyEvent,
        form_key: Option<FormKey>,
        diary: &Diary,
        clock: &AppClock,
    ) -> bool {
        let Some(input) = &mut self.filter_input else {
            return false;
        };
        if is_typed(&key) {
            input.handle(key);
            return true;
        }
        match form_key {
            Some(FormKey::Cancel) => {
                self.filter_input = None;
                self.filter_error = None;
            }
            Some(FormKey::Choose | FormKey::Save) => {
                let text = input.value().trim().to_string();
                match parse_filter(&text, clock) {
                    Ok(filter) => {
                        self.filter = filter;
                        self.filter_text = text;
                        self.filter_input = None;
                        self.filter_error = None;
                        self.selected = 0;
                        self.top = 0;
                        if let Err(e) = self.reload(diary) {
                            self.filter_error = Some(e.to_string());
                        }
                    }
                    Err(m) => self.filter_error = Some(m),
                }
            }
            _ => {
                input.handle(key);
            }
        }
        true
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, keys: &Keymap, theme: &Theme) {
        let area = area.inner(Margin::new(1, 0));
        let filter_rows = match (&self.filter_input, &self.filter_error) {
            (Some(_), Some(_)) => 3,
            (Some(_), None) => 2,
            _ => 0,
        };
        let [title, header, rows, filter] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(filter_rows),
        ])
        .areas(area);
        let shown = if self.filter_text.is_empty() {
            format!(
                "all episodes, newest first; {} filters",
                keys.first_key("filter")
            )
        } else {
            format!("filter: {}", self.filter_text)
        };
        // Where the selection is comes before the hint, so a narrow screen cuts the hint.
        let position = if self.total == 0 {
            String::new()
        } else {
            format!("{} of {}  ", self.selected + 1, self.total)
        };
        let heading = format!("History ({}) ", self.total);
        // The hint whole or not at all; a filter always shows, so a count is never taken for
        // the whole diary's.
        let room = usize::from(title.width).saturating_sub(heading.len() + position.len());
        let shown = if shown.chars().count() <= room || !self.filter_text.is_empty() {
            shown
        } else {
            String::new()
        };
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(heading, theme.title()),
                Span::raw(position),
                Span::styled(shown, theme.dim()),
            ])),
            title,
        );
        let height = rows.height as usize;
        self.viewport.set(height);
        self.rows_top.set(rows.y);
        // Keep the selection on screen even when the terminal shrank since the last key.
        let top = if self.selected >= self.top + height.max(1) {
            self.selected + 1 - height.max(1)
        } else {
            self.top.min(self.selected)
        };
        // No empty rows below the last episode while earlier ones are scrolled away.
        let top = top.min(self.total.saturating_sub(height));
        let on_screen: Vec<&Episode> = (top..(top + height).min(self.total))
            .map_while(|i| {
                i.checked_sub(self.window_start)
                    .and_then(|j| self.window.get(j))
            })
            .collect();
        // Each row after the two columns of the selection mark.
        let width = usize::from(area.width).saturating_sub(2);
        let columns = episodes::Columns::fit(width, &on_screen);
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(
                format!("  {}", episodes::header(&columns)),
                theme.dim(),
            ))),
            header,
        );
        let mut lines = Vec::new();
        if self.total == 0 {
            lines.push(Line::from(if self.filter_text.is_empty() {
                "No episodes yet.".to_string()
            } else {
                "No episode matches the filter.".to_string()
            }));
        }
        for (i, e) in (top..).zip(on_screen) {
            // The columns fit the width; a cut here would still say so.
            let text = fit::cell(&episodes::row(e, &columns), width);
            lines.push(select::row(text, i == self.selected, theme));
        }
        frame.render_widget(Paragraph::new(lines), rows);
        if let Some(input) = &self.filter_input {
            let mut lines = vec![
                Line::from(
                    [Span::styled("/ ", theme.key())]
                        .into_iter()
                        .chain(input.spans(true, theme))
                        .collect::<Vec<_>>(),
                ),
                Line::from(Span::styled(
                    "cramp, calf:left, coffee (notes), id:c1457e1e, since:DAY; Enter applies",
                    theme.dim(),
                )),
            ];
            if let Some(e) = &self.filter_error {
                lines.push(Line::from(Span::styled(format!("! {e}"), theme.error())));
            }
            frame.render_widget(Paragraph::new(lines), filter);
        }
    }
}

/// Parses the filter line: `twitch` or `cramp`, a site as the lists write it (`calf`,
/// `calf:left`, which takes in `calf:both`), words searched for in the notes and the triggers
/// (`coffee` finds "after the third coffee"; several words are one phrase), `id:c1457e1e`,
/// `since:DAY`, `until:DAY` (also `kind:`, `site:`, `trigger:`, `note:`).
pub fn parse_filter(text: &str, clock: &AppClock) -> Result<EpisodeFilter, String> {
    let mut filter = EpisodeFilter::default();
    let mut words: Vec<&str> = Vec::new();
    let site = |filter: &mut EpisodeFilter, value: &str| -> Result<(), String> {
        let parsed = SiteRef::parse(value)?;
        filter.site = Some(parsed.site);
        filter.side = parsed.side;
        Ok(())
    };
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut at = 0;
    while at < tokens.len() {
        // A site as people write it in words (`left calf`, `calf right`, `upper arm left`):
        // the longest run of two to four words that reads as one.
        let run = (2..=4.min(tokens.len() - at))
            .rev()
            .find(|n| SiteRef::read(&tokens[at..at + n].join(" ")).is_ok());
        if let Some(n) = run {
            site(&mut filter, &tokens[at..at + n].join(" "))?;
            at += n;
            continue;
        }
        let token = tokens[at];
        at += 1;
        // A site as the lists print it, side and all.
        if token.contains(':') && SiteRef::parse(token).is_ok() {
            site(&mut filter, token)?;
            continue;
        }
        let (key, value) = match token.split_once(':') {
            Some((k, v)) => (k.to_lowercase(), v),
            None => (String::new(), token),
        };
        match key.as_str() {
            "since" | "from" => {
                let day = clock.parse_day(value)?;
                filter.since = Some(clock.day_start_utc(day));
            }
            "until" | "to" => {
                let day = clock.parse_day(value)?;
                filter.until = Some(clock.day_start_utc(day + chrono::Days::new(1)));
            }
            "kind" => filter.kind = Some(Kind::parse(value)?),
            "site" => site(&mut filter, value)?,
            "trigger" => filter.trigger = Some(parse_trigger(value)?),
            "note" | "text" => words.push(value),
            "id" => {
                let id = value.trim().to_lowercase();
                if id.len() < 4 || !id.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
                    return Err(format!(
                        "'{value}' is not an id; accepted: its first 4 or more characters (id:c1457e1e)"
                    ));
                }
                filter.id_prefix = Some(id);
            }
            "" => {
                if let Ok(kind) = Kind::parse(value) {
                    filter.kind = Some(kind);
                } else if let Some(found) = catalog().lookup_site(value) {
                    filter.site = Some(found.id.clone());
                    filter.side = None;
                } else {
                    words.push(value);
                }
            }
            other if catalog().lookup_site(other).is_some() => {
                return Err(SiteRef::parse(token).err().unwrap_or_default());
            }
            other => {
                return Err(format!(
                    "'{other}:' is not a filter; accepted: a site such as calf:left, kind:, site:, trigger:, note:, id:, since:, until:"
                ));
            }
        }
    }
    if !words.is_empty() {
        filter.text = Some(words.join(" "));
    }
    Ok(filter)
}
