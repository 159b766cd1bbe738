//! A small front and back figure (art in `assets/body-map.txt`), each site's cells shaded by
//! how often episodes happened there; chosen sites are drawn as `@`. Shades are glyphs, so the
//! map reads the same without colour.
//!
//! Left and right stay apart: a cell left of a figure's middle is the body's right on the front
//! figure (it faces the viewer) and its left on the back one, and is shaded by the episodes on
//! that side only ([`SiteCount::touches`]), so a right-calf cramp never shades the left calf.

use std::collections::HashMap;
use std::sync::OnceLock;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::catalog::catalog;
use crate::domain::Side;
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

    /// Episodes at `site` on `side` (`None`: a cell in a figure's middle, or a site without
    /// sides: every episode there).
    fn count(&self, site: &str, side: Option<Side>) -> u32 {
        self.counts
            .iter()
            .filter(|s| s.site == site && side.is_none_or(|side| s.touches(side)))
            .map(|s| s.counts.total())
            .sum()
    }

    fn lines(&self) -> Vec<Line<'static>> {
        let a = art();
        // The most shaded cell sets the scale.
        let max = self
            .counts
            .iter()
            .flat_map(|s| {
                [Side::Left, Side::Right].map(|side| self.count(&s.site, sided(&s.site, side)))
            })
            .max()
            .unwrap_or(0);
        let mut out = vec![
            Line::from(Span::styled(self.title.to_string(), self.theme.title())),
            Line::from(a.caption.clone()),
        ];
        for line in &a.lines {
            let spans: Vec<Span<'static>> = line
                .chars()
                .enumerate()
                .map(|(column, c)| match a.sites.get(&c) {
                    Some(site) if self.picked.contains(site) => {
                        Span::styled(PICKED.to_string(), self.theme.selected())
                    }
                    Some(site) => {
                        let side = cell_side(column).and_then(|side| sided(site, side));
                        let shade = shade(self.count(site, side), max);
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

/// The middle column of the front figure and of the back one in the art.
const FRONT_MIDDLE: usize = 5;
const BACK_MIDDLE: usize = 15;

/// The side of the body a cell in `column` of the art shows: the front figure faces the
/// viewer, so its left half is the body's right; the back figure's left half is the body's
/// left. `None` in a figure's middle.
fn cell_side(column: usize) -> Option<Side> {
    let (middle, left_half) = if column < (FRONT_MIDDLE + BACK_MIDDLE) / 2 {
        (FRONT_MIDDLE, Side::Right)
    } else {
        (BACK_MIDDLE, Side::Left)
    };
    let right_half = if left_half == Side::Right {
        Side::Left
    } else {
        Side::Right
    };
    match column.cmp(&middle) {
        std::cmp::Ordering::Less => Some(left_half),
        std::cmp::Ordering::Greater => Some(right_half),
        std::cmp::Ordering::Equal => None,
    }
}

/// `side` for a site that has sides; `None` (every episode there) for one that has none.
fn sided(site: &str, side: Side) -> Option<Side> {
    catalog()
        .site(site)
        .is_some_and(|s| s.sided)
        .then_some(side)
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

    #[test]
    fn a_sided_site_drawn_off_the_middle_has_cells_on_both_sides() {
        let a = art();
        for (c, site) in &a.sites {
            if !catalog().site(site).is_some_and(|s| s.sided) {
                continue;
            }
            let columns: Vec<usize> = a
                .lines
                .iter()
                .flat_map(|l| {
                    l.chars()
                        .enumerate()
                        .filter(|(_, x)| x == c)
                        .map(|(i, _)| i)
                })
                .collect();
            // The face is one cell in the middle: every face episode shades it.
            if columns.iter().all(|col| cell_side(*col).is_none()) {
                continue;
            }
            for side in [Side::Left, Side::Right] {
                assert!(
                    columns.iter().any(|col| cell_side(*col) == Some(side)),
                    "{site} has no {side:?} cell"
                );
            }
        }
    }
}
