//! A small front and back figure (art in `assets/body-map.txt`), each site's cells shaded by
//! how often episodes happened there; chosen sites are drawn as `@`. Shades are glyphs, so the
//! map reads the same without colour.

use std::collections::HashMap;
use std::sync::OnceLock;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::patterns::charts::SiteCount;
use crate::tui::theme::Theme;

const SOURCE: &str = include_str!("../../../assets/body-map.txt");

/// The glyphs from "never" to "most often"; `@` marks a site picked in a form.
pub const SHADES: [char; 5] = ['.', ':', '+', '#', '%'];
pub const PICKED: char = '@';

struct Art {
    caption: String,
    lines: Vec<String>,
    sites: HashMap<char, String>,
}

fn art() -> &'static Art {
    static ART: OnceLock<Art> = OnceLock::new();
    ART.get_or_init(|| {
        let mut caption = String::new();
        let mut lines = Vec::new();
        let mut sites = HashMap::new();
        let mut legend = false;
        for line in SOURCE.lines() {
            if line.starts_with('#') {
                continue;
            }
            if line == "---" {
                legend = true;
                continue;
            }
            if legend {
                let mut parts = line.split_whitespace();
                if let (Some(code), Some(site)) = (parts.next(), parts.next())
                    && let Some(c) = code.chars().next()
                {
                    sites.insert(c, site.to_string());
                }
            } else if caption.is_empty() {
                caption = line.to_string();
            } else {
                lines.push(line.to_string());
            }
        }
        Art {
            caption,
            lines,
            sites,
        }
    })
}

/// The body map for a set of site counts.
pub struct BodyMap<'a> {
    counts: &'a [SiteCount],
    picked: &'a [String],
    theme: &'a Theme,
    title: &'a str,
}

impl<'a> BodyMap<'a> {
    pub fn new(
        counts: &'a [SiteCount],
        picked: &'a [String],
        theme: &'a Theme,
        title: &'a str,
    ) -> Self {
        BodyMap {
            counts,
            picked,
            theme,
            title,
        }
    }

    /// Width and height the map needs, with its title, caption and legend.
    pub fn size() -> (u16, u16) {
        let a = art();
        let width = a
            .lines
            .iter()
            .map(|l| l.chars().count())
            .chain([a.caption.chars().count(), 22])
            .max()
            .unwrap_or(0);
        (width as u16, a.lines.len() as u16 + 4)
    }

    /// The shade of a site, relative to the most frequent site.
    fn shade(&self, site: &str, max: u32) -> char {
        let n = self
            .counts
            .iter()
            .find(|s| s.site == site)
            .map_or(0, |s| s.counts.total());
        shade(n, max)
    }

    fn lines(&self) -> Vec<Line<'static>> {
        let a = art();
        let max = self
            .counts
            .iter()
            .map(|s| s.counts.total())
            .max()
            .unwrap_or(0);
        let mut out = vec![
            Line::from(Span::styled(self.title.to_string(), self.theme.title())),
            Line::from(a.caption.clone()),
        ];
        for line in &a.lines {
            let spans: Vec<Span<'static>> = line
                .chars()
                .map(|c| match a.sites.get(&c) {
                    Some(site) if self.picked.contains(site) => {
                        Span::styled(PICKED.to_string(), self.theme.selected())
                    }
                    Some(site) => {
                        let shade = self.shade(site, max);
                        Span::styled(shade.to_string(), shade_style(shade, self.theme))
                    }
                    None => Span::raw(c.to_string()),
                })
                .collect();
            out.push(Line::from(spans));
        }
        out.push(Line::from(format!(
            "{} none {}{}{}{} more",
            SHADES[0], SHADES[1], SHADES[2], SHADES[3], SHADES[4]
        )));
        if !self.picked.is_empty() {
            out.push(Line::from(format!("{PICKED} picked")));
        }
        out
    }
}

/// The shade of a count: none, then four steps relative to `max`.
pub fn shade(n: u32, max: u32) -> char {
    if n == 0 || max == 0 {
        return SHADES[0];
    }
    let step = (u64::from(n) * 4).div_ceil(u64::from(max)).clamp(1, 4);
    SHADES[step as usize]
}

fn shade_style(shade: char, theme: &Theme) -> Style {
    if shade == SHADES[0] {
        theme.dim()
    } else {
        theme.title()
    }
}

impl Widget for BodyMap<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Paragraph::new(self.lines()).render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::catalog;

    #[test]
    fn every_letter_of_the_art_is_a_catalogue_site_and_every_site_is_drawn() {
        let a = art();
        for site in a.sites.values() {
            assert!(catalog().site(site).is_some(), "{site}");
        }
        for s in &catalog().sites {
            assert!(
                a.sites.values().any(|v| *v == s.id),
                "{} is not on the map",
                s.id
            );
        }
        for (c, site) in &a.sites {
            assert!(
                a.lines.iter().any(|l| l.contains(*c)),
                "{site} has no cells"
            );
        }
    }
}
