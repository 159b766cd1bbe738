//! The log form's Where field: the sites chosen so far, and finding more by typing (matching
//! catalogue sites are offered) or by walking the catalogue, and the body map, with Left/Right.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::{Line, Span};

use crate::catalog::{SiteInfo, catalog};
use crate::domain::episode::split_side;
use crate::domain::{Side, SiteRef};
use crate::tui::form::TextField;
use crate::tui::form::layout::LABEL_WIDTH;
use crate::tui::theme::Theme;

/// What to do about a name that is no site, said where the sites can be walked.
const LIST_HINT: &str = "Ctrl-U clears it, then Left/Right walks every site";

#[derive(Debug, Clone, Default)]
pub struct SitePicker {
    sites: Vec<SiteRef>,
    input: TextField,
    /// The highlighted candidate.
    candidate: usize,
    /// Walking the catalogue (and the body map) with Left/Right instead of typing.
    browsing: bool,
}

impl SitePicker {
    pub fn new(sites: Vec<SiteRef>) -> SitePicker {
        SitePicker {
            sites,
            ..SitePicker::default()
        }
    }

    pub fn sites(&self) -> &[SiteRef] {
        &self.sites
    }

    pub fn input_mut(&mut self) -> &mut TextField {
        &mut self.input
    }

    /// Whether something is typed that is not yet a chosen site.
    pub fn has_input(&self) -> bool {
        !self.input.value().trim().is_empty()
    }

    /// Text was typed: the candidates start again from the best match.
    pub fn typed(&mut self) {
        self.candidate = 0;
        self.browsing = false;
    }

    /// The arrows move through the candidates (Left/Right walk the whole catalogue while
    /// nothing is typed), and Backspace with nothing typed takes back the last site. `None`
    /// when the key is not one of those; else whether the sites changed.
    pub fn key(&mut self, key: &KeyEvent) -> Option<bool> {
        let n = self.candidates().len();
        let empty = self.input.value().is_empty();
        match key.code {
            KeyCode::Right if empty && n > 0 => {
                self.candidate = if self.browsing {
                    (self.candidate + 1) % n
                } else {
                    0
                };
                self.browsing = true;
            }
            KeyCode::Left if empty && n > 0 => {
                self.candidate = if self.browsing {
                    (self.candidate + n - 1) % n
                } else {
                    n - 1
                };
                self.browsing = true;
            }
            KeyCode::Down if n > 0 && !empty => self.candidate = (self.candidate + 1) % n,
            KeyCode::Up if n > 0 && !empty => self.candidate = (self.candidate + n - 1) % n,
            KeyCode::Backspace if empty => return Some(self.sites.pop().is_some()),
            _ => return None,
        }
        Some(false)
    }

    /// Enter: adds the highlighted site of the catalogue walk, or the sites typed. `None` when
    /// there is neither (the focus moves on); else whether the sites changed, or why what is
    /// typed is not a site.
    pub fn choose(&mut self) -> Option<Result<bool, String>> {
        if self.browsing && self.input.value().is_empty() {
            let info = self.candidates().get(self.candidate).copied()?;
            let site = SiteRef {
                site: info.id.clone(),
                side: None,
            };
            let new = !self.sites.contains(&site);
            if new {
                self.sites.push(site);
            }
            return Some(Ok(new));
        }
        self.has_input().then(|| self.take_input().map(|()| true))
    }

    /// Tab, or saving, with something typed: adds the sites typed when each is a site or,
    /// for the last, only one site matches, as Enter would. `None` with nothing typed; else
    /// whether the sites changed, or why what is typed is not yet a site (several match).
    pub fn complete(&mut self) -> Option<Result<bool, String>> {
        if !self.has_input() {
            return None;
        }
        let text = self.input.value().to_string();
        let last = text.rsplit(',').next().unwrap_or("").trim().to_string();
        if !last.is_empty() && SiteRef::read(&last).is_err() {
            let candidates = self.candidates();
            if candidates.len() > 1 {
                let names: Vec<&str> = candidates.iter().take(5).map(|c| c.id.as_str()).collect();
                let more = if candidates.len() > 5 { ", ..." } else { "" };
                return Some(Err(format!(
                    "'{last}' could be {}{more}; type more, or Enter takes the highlighted one",
                    names.join(", ")
                )));
            }
        }
        Some(self.take_input().map(|()| true))
    }

    /// Catalogue sites matching what is typed (after the last comma, without a side): ids and
    /// aliases that start with it first, then labels that contain it.
    fn candidates(&self) -> Vec<&'static SiteInfo> {
        let text = self.input.value();
        let query = query(text.rsplit(',').next().unwrap_or(""));
        let sites = &catalog().sites;
        if query.is_empty() {
            return sites.iter().collect();
        }
        let starts = |s: &SiteInfo| {
            s.id.starts_with(&query) || s.aliases.iter().any(|a| a.starts_with(&query))
        };
        let spaced = query.replace('-', " ");
        let mut out: Vec<&SiteInfo> = sites.iter().filter(|s| starts(s)).collect();
        out.extend(
            sites
                .iter()
                .filter(|s| !starts(s) && s.label.to_lowercase().contains(&spaced)),
        );
        out
    }

    /// Adds the sites typed (several with commas); a name that is not a site takes the
    /// highlighted match.
    pub fn take_input(&mut self) -> Result<(), String> {
        let text = self.input.value().to_string();
        let parts: Vec<&str> = text
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let last = parts.len().saturating_sub(1);
        let mut added = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            let site = match SiteRef::read(part) {
                Ok(site) => site,
                Err(error) => {
                    let candidate = if i == last {
                        self.candidates().get(self.candidate).copied()
                    } else {
                        None
                    };
                    let Some(info) = candidate else {
                        return Err(error.message(LIST_HINT));
                    };
                    let side = split_side(part).1.map(Side::parse).transpose()?;
                    if side.is_some() && !info.sided {
                        return Err(format!("{} has no side; write just '{}'", info.id, info.id));
                    }
                    SiteRef {
                        site: info.id.clone(),
                        side,
                    }
                }
            };
            added.push(site);
        }
        for site in added {
            if !self.sites.contains(&site) {
                self.sites.push(site);
            }
        }
        self.input.set("");
        self.candidate = 0;
        Ok(())
    }

    /// The sites to mark on the body map: those chosen and, while picking, the highlighted one.
    pub fn on_the_map(&self, focused: bool) -> Vec<String> {
        let mut ids: Vec<String> = self.sites.iter().map(|s| s.site.clone()).collect();
        if focused
            && self.picking()
            && let Some(c) = self.candidates().get(self.candidate)
        {
            ids.push(c.id.clone());
        }
        ids
    }

    fn picking(&self) -> bool {
        self.browsing || !self.input.value().is_empty()
    }

    /// The chosen sites and what is typed.
    pub fn spans(&self, focused: bool, theme: &Theme) -> Vec<Span<'static>> {
        if self.sites.is_empty() && !focused && self.input.value().is_empty() {
            return vec![Span::styled("(none yet)", theme.dim())];
        }
        let mut spans: Vec<Span<'static>> = self
            .sites
            .iter()
            .map(|s| Span::styled(format!("[{s}] "), theme.title()))
            .collect();
        spans.extend(self.input.spans(focused, theme));
        spans
    }

    /// The candidates on one line under the field, the highlighted one in view.
    pub fn candidate_line(&self, width: usize, theme: &Theme) -> Line<'static> {
        let mut spans = vec![Span::raw(" ".repeat(LABEL_WIDTH))];
        let mut used = LABEL_WIDTH;
        let picking = self.picking();
        let candidates = self.candidates();
        if candidates.is_empty() {
            spans.push(Span::styled("no site matches", theme.error()));
            return Line::from(spans);
        }
        // Start a little before the highlighted site, so it is always in view.
        let first = if picking {
            self.candidate.saturating_sub(3)
        } else {
            0
        };
        if first > 0 {
            spans.push(Span::styled(".. ", theme.dim()));
            used += 3;
        }
        for (i, c) in candidates.iter().enumerate().skip(first) {
            let chosen = picking && i == self.candidate;
            let text = if chosen {
                format!("[{}]", c.id)
            } else {
                c.id.clone()
            };
            if used + text.len() + 3 > width {
                spans.push(Span::styled("..", theme.dim()));
                break;
            }
            used += text.len() + 1;
            let style = if chosen {
                theme.selected()
            } else {
                theme.dim()
            };
            spans.push(Span::styled(text, style));
            spans.push(Span::raw(" "));
        }
        Line::from(spans)
    }
}

/// What a part of the Where field is searched by: its name, without a side written before or
/// after it (`left ca` finds the calf) or after a colon.
fn query(part: &str) -> String {
    let name = part.split(':').next().unwrap_or("");
    let mut words: Vec<&str> = name.split_whitespace().collect();
    let is_side = |w: &str| Side::parse(w).is_ok();
    let typing_on = name.ends_with(char::is_whitespace);
    match words.as_slice() {
        [first, _, ..] if is_side(first) => {
            words.remove(0);
        }
        [.., last] if words.len() > 1 && is_side(last) => {
            words.pop();
        }
        [only] if typing_on && is_side(only) => words.clear(),
        _ => {}
    }
    words.join("-").to_lowercase()
}
