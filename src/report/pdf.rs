//! The report as a PDF, made with printpdf: real, selectable text in the embedded DejaVu Sans
//! and DejaVu Sans Bold (embedded whole: printpdf subsets only with its heavy layout feature),
//! the chart as vector rectangles, A4 pages. It lays out the blocks of [`super::document`];
//! every word comes from there. Page one is the summary; the whole period and the detail start
//! on pages of their own; tables repeat their header on each page; a heading is never left at
//! the foot of a page without what follows it.
//!
//! A character neither face has (CJK, emoji) is shown as a visible placeholder, `□`, and named
//! once, in a footnote on the first page where it appears: printpdf would otherwise drop it
//! and the rest of the line from the text layer.
//!
//! printpdf gives its resources random names and the file a random id; here the fonts get
//! fixed names and the id and dates come from the made-on date, so the bytes depend only on
//! the report.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::NaiveTime;
use printpdf::{
    Color, FontId, Line, LinePoint, OffsetDateTime, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
};

use super::Report;
use super::document::{self, Block, FlagItem, TITLE};
use super::model::Chart;
use super::tables::{Col, Table};
use super::text::date;

const REGULAR_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
/// The fonts' resource names.
const REGULAR_ID: &str = "MYOLOGDEJAVU";
const BOLD_ID: &str = "MYOLOGDEJAVUBOLD";

/// What stands for a character the fonts lack, and the footnote that says so.
const PLACEHOLDER: char = '□';
pub const PLACEHOLDER_NOTE: &str =
    "□ marks a character this PDF's font cannot show; the HTML and Markdown show it.";

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 40.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;
const BOTTOM: f32 = MARGIN + 14.0;
const TOP: f32 = PAGE_H - MARGIN;

const INK: (f32, f32, f32) = (0.1, 0.1, 0.1);
const MUTED: (f32, f32, f32) = (0.35, 0.35, 0.35);
const TWITCH: (f32, f32, f32) = (0.18, 0.44, 0.69);
const CRAMP: (f32, f32, f32) = (0.75, 0.22, 0.17);
const URGENT: (f32, f32, f32) = (0.69, 0.0, 0.13);
const SEE_DOCTOR: (f32, f32, f32) = (0.84, 0.5, 0.0);
const PALE: (f32, f32, f32) = (0.8, 0.8, 0.8);

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Face {
    Regular,
    Bold,
}

impl Face {
    fn id(self) -> &'static str {
        match self {
            Face::Regular => REGULAR_ID,
            Face::Bold => BOLD_ID,
        }
    }

    fn font(self) -> &'static Font {
        let [regular, bold] = fonts();
        match self {
            Face::Regular => regular,
            Face::Bold => bold,
        }
    }
}

/// A font and a width table for laying text out.
struct Font {
    parsed: ParsedFont,
    /// Advance widths per 1 pt of size, for the first 0x600 code points.
    ascii: Vec<f32>,
}

impl Font {
    fn has(&self, c: char) -> bool {
        c == ' '
            || self
                .parsed
                .lookup_glyph_index(c as u32)
                .is_some_and(|g| g != 0)
    }
}

#[expect(clippy::panic, reason = "compiled in; the PDF tests render with them")]
fn fonts() -> &'static [Font; 2] {
    static FONTS: OnceLock<[Font; 2]> = OnceLock::new();
    FONTS.get_or_init(|| {
        // The fonts are part of the binary and a test renders a PDF, so a failure is a build
        // mistake, never something a user causes.
        let load = |bytes: &[u8], name: &str| {
            let mut parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
                .unwrap_or_else(|| panic!("the font {name} in assets/fonts does not parse"));
            parsed.font_name = Some(name.into());
            let ascii = (0u32..0x600).map(|c| advance(&parsed, c)).collect();
            Font { parsed, ascii }
        };
        [
            load(REGULAR_BYTES, "DejaVuSans"),
            load(BOLD_BYTES, "DejaVuSans-Bold"),
        ]
    })
}

fn advance(font: &ParsedFont, c: u32) -> f32 {
    let upem = f32::from(font.units_per_em.max(1));
    font.lookup_glyph_index(c)
        .and_then(|g| font.get_glyph_width(g))
        .map_or(0.5, |w| f32::from(w) / upem)
}

/// `s` with each character `face` has no glyph for shown as the placeholder, and whether any
/// was.
fn printable(s: &str, face: Face) -> (String, bool) {
    let f = face.font();
    let mut replaced = false;
    let text = s
        .chars()
        .map(|c| {
            if f.has(c) {
                c
            } else {
                replaced = true;
                PLACEHOLDER
            }
        })
        .collect();
    (text, replaced)
}

fn width(s: &str, size: f32, face: Face) -> f32 {
    let f = face.font();
    s.chars()
        .map(|c| {
            let c = if f.has(c) { c } else { PLACEHOLDER };
            f.ascii
                .get(c as usize)
                .copied()
                .unwrap_or_else(|| advance(&f.parsed, c as u32))
        })
        .sum::<f32>()
        * size
}

/// Lines of at most `max` points: breaks at spaces, and inside words too long for a line.
fn wrap(s: &str, size: f32, max: f32, face: Face) -> Vec<String> {
    let mut lines = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        for word in para.split(' ') {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if width(&candidate, size, face) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                line.push(c);
                if width(&line, size, face) > max && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
        lines.push(line);
    }
    lines
}

fn rgb((r, g, b): (f32, f32, f32)) -> Color {
    Color::Rgb(Rgb::new(r, g, b, None))
}

fn pt(x: f32, y: f32) -> Point {
    Point { x: Pt(x), y: Pt(y) }
}

/// A finished page: its operations (without the footer), and whether it shows the
/// placeholder.
struct Page {
    ops: Vec<Op>,
    placeholder: bool,
}

/// Pages being laid out top to bottom. Each page, once full, goes to `sink` and is dropped
/// here: the layout holds one page of operations, however long the report.
struct Layout<'s> {
    sink: &'s mut dyn FnMut(Page),
    ops: Vec<Op>,
    placeholder: bool,
    /// The baseline of the next line, from the bottom of the page.
    y: f32,
    /// The colour of the bar beside the lines of the flag being laid out.
    bar: Option<(f32, f32, f32)>,
}

impl<'s> Layout<'s> {
    fn new(sink: &'s mut dyn FnMut(Page)) -> Layout<'s> {
        Layout {
            sink,
            ops: Vec::new(),
            placeholder: false,
            y: TOP,
            bar: None,
        }
    }

    fn at_top(&self) -> bool {
        self.y >= TOP
    }

    fn new_page(&mut self) {
        (self.sink)(Page {
            ops: std::mem::take(&mut self.ops),
            placeholder: std::mem::take(&mut self.placeholder),
        });
        self.y = TOP;
    }

    /// Starts a new page unless `height` more points fit on this one.
    fn room_for(&mut self, height: f32) {
        if self.y - height < BOTTOM && !self.at_top() {
            self.new_page();
        }
    }

    fn text_at(&mut self, x: f32, y: f32, size: f32, color: (f32, f32, f32), face: Face, s: &str) {
        if s.is_empty() {
            return;
        }
        let (text, replaced) = printable(s, face);
        self.placeholder |= replaced;
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFillColor { col: rgb(color) },
            Op::SetFont {
                font: PdfFontHandle::External(FontId(face.id().into())),
                size: Pt(size),
            },
            Op::SetTextCursor { pos: pt(x, y) },
            Op::ShowText {
                items: vec![TextItem::Text(text)],
            },
            Op::EndTextSection,
        ]);
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: (f32, f32, f32)) {
        self.ops.extend([
            Op::SetFillColor { col: rgb(color) },
            Op::DrawRectangle {
                rectangle: Rect {
                    mode: Some(PaintMode::Fill),
                    ..Rect::from_xywh(Pt(x), Pt(y), Pt(w), Pt(h))
                },
            },
        ]);
    }

    fn hline(&mut self, x1: f32, x2: f32, y: f32, grey: f32) {
        self.ops.extend([
            Op::SetOutlineColor {
                col: rgb((grey, grey, grey)),
            },
            Op::SetOutlineThickness { pt: Pt(0.5) },
            Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: pt(x1, y),
                            bezier: false,
                        },
                        LinePoint {
                            p: pt(x2, y),
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            },
        ]);
    }

    /// A wrapped paragraph at `indent`, moving down.
    fn para(&mut self, s: &str, style: Style, indent: f32) {
        let leading = style.leading();
        for line in wrap(s, style.size, CONTENT_W - indent, style.face) {
            self.room_for(leading);
            self.y -= leading;
            if let Some(color) = self.bar {
                // The flag's bar beside each of its lines, so it follows it onto a new page.
                self.rect(MARGIN, self.y, 2.5, leading, color);
            }
            self.text_at(
                MARGIN + indent,
                self.y + style.size * 0.25,
                style.size,
                style.color,
                style.face,
                &line,
            );
        }
    }

    /// The height `s` takes as a paragraph.
    fn para_height(s: &str, style: Style, indent: f32) -> f32 {
        wrap(s, style.size, CONTENT_W - indent, style.face).len() as f32 * style.leading()
    }

    fn gap(&mut self, h: f32) {
        self.y -= h;
    }

    fn h1(&mut self, s: &str) {
        self.para(s, H1, 0.0);
        self.gap(3.0);
    }

    /// A part's heading; on a new page when asked, and never at a page's foot.
    fn h2(&mut self, s: &str, new_page: bool) {
        if new_page && !self.at_top() {
            self.new_page();
        }
        self.room_for(60.0);
        if !self.at_top() {
            self.gap(6.0);
        }
        self.para(s, H2, 0.0);
        self.hline(MARGIN, PAGE_W - MARGIN, self.y, 0.6);
        self.gap(3.0);
    }

    /// A heading, kept with the `following` points after it.
    fn h3(&mut self, s: &str, following: f32) {
        self.room_for(Layout::para_height(s, H3, 0.0) + 3.0 + following);
        self.gap(3.0);
        self.para(s, H3, 0.0);
        self.gap(1.0);
    }

    /// A table; the header repeats on each page.
    fn table(&mut self, t: &Table, size: f32) {
        let widths = column_widths(t, size);
        let leading = size * 1.25;
        let header: Vec<Vec<String>> = t
            .headers
            .iter()
            .zip(&widths)
            .map(|(h, w)| wrap(h, size, w - 2.0 * PAD, Face::Bold))
            .collect();
        self.table_header(&header, &widths, &t.cols, size, leading);
        t.each_row(|row| {
            let wrapped: Vec<Vec<String>> = row
                .iter()
                .zip(&widths)
                .map(|(cell, w)| wrap(cell, size, w - 2.0 * PAD, Face::Regular))
                .collect();
            let height = lines_of(&wrapped) as f32 * leading + 1.0;
            if self.y - height < BOTTOM {
                self.new_page();
                self.table_header(&header, &widths, &t.cols, size, leading);
            }
            self.row(
                &wrapped,
                &widths,
                &t.cols,
                size,
                leading,
                INK,
                Face::Regular,
            );
            self.hline(MARGIN, PAGE_W - MARGIN, self.y, 0.85);
        });
        self.gap(2.0);
    }

    fn table_header(
        &mut self,
        header: &[Vec<String>],
        widths: &[f32],
        cols: &[Col],
        size: f32,
        leading: f32,
    ) {
        self.row(header, widths, cols, size, leading, MUTED, Face::Bold);
        self.hline(MARGIN, PAGE_W - MARGIN, self.y, 0.6);
    }

    #[expect(clippy::too_many_arguments, reason = "one row's whole layout")]
    fn row(
        &mut self,
        wrapped: &[Vec<String>],
        widths: &[f32],
        cols: &[Col],
        size: f32,
        leading: f32,
        color: (f32, f32, f32),
        face: Face,
    ) {
        let top = self.y;
        let mut x = MARGIN;
        for ((cell, w), col) in wrapped.iter().zip(widths).zip(cols) {
            for (i, line) in cell.iter().enumerate() {
                let baseline = top - leading * (i as f32 + 1.0) + size * 0.25;
                let at = if *col == Col::Count {
                    x + w - PAD - width(line, size, face)
                } else {
                    x + PAD
                };
                self.text_at(at, baseline, size, color, face, line);
            }
            x += w;
        }
        self.y = top - lines_of(wrapped) as f32 * leading - 1.0;
    }

    /// The table under its heading, after its note, and its closing line; or the line that
    /// says there is none. The heading stays with the note, the header and the first row.
    fn section(&mut self, t: &Table, size: f32) {
        let first_rows = if t.is_empty() {
            Layout::para_height(&t.empty, PARA, 0.0)
        } else {
            t.note
                .as_deref()
                .map_or(0.0, |n| Layout::para_height(n, NOTE, 0.0))
                + 4.0 * size * 1.25
        };
        self.h3(&t.title, first_rows);
        if t.is_empty() {
            self.para(&t.empty, PARA, 0.0);
            return;
        }
        if let Some(note) = &t.note {
            self.para(note, NOTE, 0.0);
        }
        self.table(t, size);
        if let Some(after) = &t.after {
            self.para(after, NOTE, 0.0);
            self.gap(1.0);
        }
    }

    fn flags(&mut self, items: &[FlagItem]) {
        for item in items {
            let color = match item.class() {
                "urgent" => URGENT,
                "see-doctor" => SEE_DOCTOR,
                "notice" => MUTED,
                _ => PALE,
            };
            let heading = Style {
                face: Face::Bold,
                ..FLAG
            };
            let first = Layout::para_height(&item.heading, heading, 6.0)
                + item
                    .lines
                    .first()
                    .map_or(0.0, |l| Layout::para_height(l, FLAG, 6.0));
            self.room_for(first);
            self.bar = Some(color);
            self.para(&item.heading, heading, 6.0);
            for line in &item.lines {
                self.para(line, FLAG, 6.0);
            }
            for o in &item.occurrences {
                self.para(&format!("• {o}"), NOTE, 12.0);
            }
            self.bar = None;
            self.gap(3.0);
        }
    }

    /// Paired bars per bucket, up to the most days a bucket holds, drawn as filled rectangles.
    fn chart(&mut self, chart: &Chart) {
        let (x0, w, h) = (MARGIN + 16.0, CONTENT_W - 20.0, 90.0);
        self.room_for(h + 30.0);
        let base = self.y - h - 4.0;
        let top = chart.top();
        let n = chart.buckets.len().max(1) as f32;
        let step = w / n;
        let bar = (step / 2.0 - 0.2).clamp(0.3, 10.0);
        for days in [0u32, top] {
            let y = base + h * days as f32 / top as f32;
            self.hline(x0, x0 + w, y, 0.7);
            let label = days.to_string();
            self.text_at(
                x0 - 3.0 - width(&label, 6.0, Face::Regular),
                y - 2.0,
                6.0,
                MUTED,
                Face::Regular,
                &label,
            );
        }
        let scale = |days: u32| h * days.min(top) as f32 / top as f32;
        for (i, b) in chart.buckets.iter().enumerate() {
            let x = x0 + step * i as f32 + (step - 2.0 * bar - 0.2).max(0.0) / 2.0;
            if b.twitch_days > 0 {
                self.rect(x, base, bar, scale(b.twitch_days), TWITCH);
            }
            if b.cramp_nights > 0 {
                self.rect(x + bar + 0.2, base, bar, scale(b.cramp_nights), CRAMP);
            }
        }
        let label = |b: &super::Bucket| match chart.unit {
            super::ChartUnit::Week => date(b.start),
            super::ChartUnit::Month => b.start.format("%Y-%m").to_string(),
        };
        if let (Some(first), Some(last)) = (chart.buckets.first(), chart.buckets.last()) {
            let (a, b) = (label(first), label(last));
            self.text_at(x0, base - 8.0, 6.0, MUTED, Face::Regular, &a);
            let right = x0 + w - width(&b, 6.0, Face::Regular);
            self.text_at(right, base - 8.0, 6.0, MUTED, Face::Regular, &b);
        }
        self.y = base - 12.0;
        self.rect(x0, self.y - 6.0, 6.0, 6.0, TWITCH);
        self.text_at(
            x0 + 8.0,
            self.y - 6.0,
            6.5,
            INK,
            Face::Regular,
            "twitch days",
        );
        let x = x0 + 8.0 + width("twitch days", 6.5, Face::Regular) + 8.0;
        self.rect(x, self.y - 6.0, 6.0, 6.0, CRAMP);
        self.text_at(
            x + 8.0,
            self.y - 6.0,
            6.5,
            INK,
            Face::Regular,
            "cramp nights",
        );
        self.y -= 10.0;
    }

    /// Hands the last page to the sink.
    fn finish(mut self) {
        self.new_page();
    }
}

/// Padding inside a table cell.
const PAD: f32 = 2.0;

/// Column widths: dates and times as wide as their text (so they never wrap), every column at
/// least as wide as the longest word of its header, and as wide as most of its cells on one line
/// when the page has room; when it has not, the text columns give up what they must.
fn column_widths(t: &Table, size: f32) -> Vec<f32> {
    let fixed = |col: Col| match col {
        Col::Date => Some(width("0000-00-00", size, Face::Regular) + 2.0 * PAD + 1.0),
        Col::Time => Some(width("00:00", size, Face::Regular) + 2.0 * PAD + 1.0),
        _ => None,
    };
    let n = t.cols.len();
    let least: Vec<f32> = t
        .headers
        .iter()
        .zip(&t.cols)
        .map(|(h, c)| {
            let word = h
                .split(' ')
                .map(|w| width(w, size, Face::Bold))
                .fold(0.0, f32::max);
            fixed(*c).unwrap_or(word + 2.0 * PAD + 1.0)
        })
        .collect();
    // Each column's cells on one line, the widest but a tenth of them.
    let mut cells: Vec<Vec<f32>> = vec![Vec::new(); n];
    t.each_row(|row| {
        for (i, cell) in row.iter().enumerate().take(n) {
            let line = cell
                .split('\n')
                .map(|l| width(l, size, Face::Regular))
                .fold(0.0, f32::max);
            cells[i].push(line + 2.0 * PAD + 1.0);
        }
    });
    let want: Vec<f32> = (0..n)
        .map(|i| {
            let mut w = std::mem::take(&mut cells[i]);
            w.sort_by(f32::total_cmp);
            let p90 = w.get(w.len() * 9 / 10).copied().unwrap_or(0.0);
            // Free text that is rare but long (a note on a few days) still gets a quarter of
            // the page, not a sliver.
            let longest = w.last().copied().unwrap_or(0.0);
            let rare = if t.cols[i] == Col::Wide {
                longest.min(CONTENT_W / 4.0)
            } else {
                0.0
            };
            fixed(t.cols[i]).unwrap_or(p90.max(rare).max(least[i]))
        })
        .collect();
    let text = |i: usize| matches!(t.cols[i], Col::Text | Col::Wide);
    let total: f32 = want.iter().sum();
    if total <= CONTENT_W {
        // Room to spare: to the text columns by their shares, or to every column.
        let shares: f32 = (0..n).filter(|&i| text(i)).map(|i| t.cols[i].share()).sum();
        let extra = CONTENT_W - total;
        return (0..n)
            .map(|i| {
                if shares > 0.0 {
                    want[i]
                        + if text(i) {
                            extra * t.cols[i].share() / shares
                        } else {
                            0.0
                        }
                } else {
                    want[i] + extra / n as f32
                }
            })
            .collect();
    }
    // Too wide: the text columns shrink towards their least width, in proportion to what
    // they would give up; then, if that is not enough, every other column too.
    let mut widths = want.clone();
    for shrinking in [true, false] {
        let over: f32 = widths.iter().sum::<f32>() - CONTENT_W;
        if over <= 0.0 {
            break;
        }
        let give: f32 = (0..n)
            .filter(|&i| text(i) == shrinking && fixed(t.cols[i]).is_none())
            .map(|i| widths[i] - least[i])
            .sum();
        if give <= 0.0 {
            continue;
        }
        let factor = (over / give).min(1.0);
        for i in (0..n).filter(|&i| text(i) == shrinking && fixed(t.cols[i]).is_none()) {
            widths[i] -= (widths[i] - least[i]) * factor;
        }
    }
    widths
}

fn lines_of(cells: &[Vec<String>]) -> usize {
    cells.iter().map(Vec::len).max().unwrap_or(1).max(1)
}

/// How a kind of text is set.
#[derive(Debug, Clone, Copy)]
struct Style {
    size: f32,
    color: (f32, f32, f32),
    face: Face,
}

impl Style {
    const fn new(size: f32, color: (f32, f32, f32), face: Face) -> Style {
        Style { size, color, face }
    }

    /// From one baseline to the next: small print set a little closer.
    fn leading(self) -> f32 {
        self.size * if self.size < 8.0 { 1.22 } else { 1.3 }
    }
}

const H1: Style = Style::new(15.0, INK, Face::Bold);
const H2: Style = Style::new(12.0, INK, Face::Bold);
const H3: Style = Style::new(9.5, TWITCH, Face::Bold);
const LEAD: Style = Style::new(9.0, INK, Face::Bold);
const PARA: Style = Style::new(8.5, INK, Face::Regular);
const NOTE: Style = Style::new(6.8, MUTED, Face::Regular);
const FLAG: Style = Style::new(7.5, INK, Face::Regular);

/// The footer of page `n` of `total`: "page N of M", and the placeholder's footnote on the
/// first page that shows one.
fn footer(n: usize, total: usize, footnote: bool) -> Vec<Op> {
    let label = format!("{TITLE} — page {n} of {total}");
    let mut ignore = |_: Page| {};
    let mut footer = Layout::new(&mut ignore);
    let x = PAGE_W - MARGIN - width(&label, 7.0, Face::Regular);
    footer.text_at(x, MARGIN - 12.0, 7.0, MUTED, Face::Regular, &label);
    if footnote {
        footer.text_at(
            MARGIN,
            MARGIN - 3.0,
            7.0,
            INK,
            Face::Regular,
            PLACEHOLDER_NOTE,
        );
    }
    std::mem::take(&mut footer.ops)
}

/// Lays the whole report out, handing each page (without its footer) to `sink` in order.
fn lay_out(r: &Report, sink: &mut dyn FnMut(Page)) {
    let mut l = Layout::new(sink);
    let (facts, disclaimer) = document::header(r);
    l.h1(TITLE);
    for (label, value) in facts {
        l.para(&format!("{label}: {value}"), PARA, 0.0);
    }
    l.para(disclaimer, NOTE, 0.0);
    for block in document::blocks(r) {
        match block {
            Block::Part { title, new_page } => l.h2(title, new_page),
            Block::Heading(s) => l.h3(&s, 40.0),
            Block::Lead(s) => {
                l.gap(2.0);
                l.para(&s, LEAD, 0.0);
                l.gap(2.0);
            }
            Block::Para(s) => l.para(&s, PARA, 0.0),
            Block::Note(s) if s.is_empty() => {}
            Block::Note(s) => {
                l.para(&s, NOTE, 0.0);
                l.gap(2.0);
            }
            Block::Section(t) => l.section(&t, 6.8),
            Block::Flags(items) => l.flags(&items),
            Block::Chart(chart) => l.chart(chart),
        }
    }
    l.finish();
}

/// Pages turned into content streams at a time: each batch is one small printpdf document.
const BATCH: usize = 4;

/// The report as the bytes of a PDF file.
pub fn pdf(r: &Report) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_pdf(r, &mut bytes);
    bytes
}

/// Writes the report as a PDF file to `out`, the same bytes as [`pdf`].
///
/// A long diary makes many pages, and printpdf wants every page's operations at once (they
/// weigh far more than the file). So the report is laid out twice: once to count the pages
/// for the footers (and find the first that needs the placeholder's footnote), then again, a
/// batch of pages at a time, each batch turned into its compressed content streams by printpdf
/// and its operations dropped. The document itself is made by printpdf from empty pages that
/// use the same glyphs (the fonts' widths and ToUnicode maps depend on them), and the real
/// content streams are put in place of the empty ones: the same objects, numbered the same, as
/// printpdf makes from all the pages at once.
pub fn write_pdf(r: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut total = 0;
    let mut footnote_on = None;
    lay_out(r, &mut |page| {
        total += 1;
        if page.placeholder && footnote_on.is_none() {
            footnote_on = Some(total);
        }
    });

    let mut glyphs = Glyphs::new();
    let mut batches = content_document();
    let mut streams = Vec::with_capacity(total);
    let mut batch = Vec::with_capacity(BATCH);
    let mut n = 0;
    lay_out(r, &mut |page| {
        n += 1;
        let mut ops = page.ops;
        ops.extend(footer(n, total, footnote_on == Some(n)));
        note_glyphs(&ops, &mut glyphs);
        batch.push(a4(ops));
        if batch.len() == BATCH {
            streams.extend(content_streams(&mut batches, std::mem::take(&mut batch)));
        }
    });
    streams.extend(content_streams(&mut batches, batch));
    drop(batches);

    // printpdf notes the glyphs a page shows, font by font, each with the last character shown
    // for it.
    let mut first = Vec::new();
    for (font, used) in glyphs {
        first.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(FontId(font.into())),
                size: Pt(7.0),
            },
            Op::ShowText {
                items: vec![TextItem::Text(used.into_values().collect())],
            },
            Op::EndTextSection,
        ]);
    }
    let mut pages = vec![a4(first)];
    pages.extend((1..streams.len()).map(|_| a4(Vec::new())));
    let mut lo = document(r, pages);
    for (id, stream) in lo.get_pages().into_values().zip(streams) {
        if let Ok(contents) = lo
            .get_dictionary(id)
            .and_then(|page| page.get(b"Contents"))
            .and_then(lopdf::Object::as_reference)
        {
            lo.objects.insert(contents, lopdf::Object::Stream(stream));
        }
    }
    finish_document(r, &mut lo);
    let mut out = out;
    lo.save_to(&mut out)
}

fn a4(ops: Vec<Op>) -> PdfPage {
    PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), ops)
}

/// Per font id, the glyphs shown, each with the last character that showed it.
type Glyphs = BTreeMap<&'static str, BTreeMap<u16, char>>;

/// Records the glyph of each character shown, font by font, as printpdf does to build the
/// fonts' tables.
fn note_glyphs(ops: &[Op], glyphs: &mut Glyphs) {
    let mut face = Face::Regular;
    for op in ops {
        match op {
            Op::SetFont {
                font: PdfFontHandle::External(FontId(id)),
                ..
            } => {
                face = if id == BOLD_ID {
                    Face::Bold
                } else {
                    Face::Regular
                };
            }
            Op::ShowText { items } => {
                let f = face.font();
                let used = glyphs.entry(face.id()).or_default();
                for item in items {
                    if let TextItem::Text(s) = item {
                        for c in s.chars() {
                            if let Some(g) = f.parsed.lookup_glyph_index(c as u32) {
                                used.insert(g, c);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// A printpdf document of `pages` in the report's fonts.
fn printpdf_document(pages: Vec<PdfPage>) -> PdfDocument {
    let mut doc = PdfDocument::new(TITLE);
    for face in [Face::Regular, Face::Bold] {
        doc.resources.fonts.map.insert(
            FontId(face.id().into()),
            printpdf::PdfFont::new(face.font().parsed.clone()),
        );
    }
    doc.with_pages(pages);
    doc
}

/// The printpdf document [`content_streams`] lays each batch of pages out in: the report's
/// fonts without the font files themselves. Only the pages' content streams are kept, which
/// show glyphs by the fonts' tables; the file printpdf would embed (1.4 MB for the two) would
/// be copied three times over for each batch, only to be thrown away.
fn content_document() -> PdfDocument {
    let mut doc = printpdf_document(Vec::new());
    for font in doc.resources.fonts.map.values_mut() {
        font.parsed_font.original_bytes = Vec::new();
    }
    doc
}

/// The compressed content stream of each page, in order, laid out in `doc`
/// ([`content_document`]).
fn content_streams(doc: &mut PdfDocument, pages: Vec<PdfPage>) -> Vec<lopdf::Stream> {
    if pages.is_empty() {
        return Vec::new();
    }
    doc.with_pages(pages);
    let mut lo = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut Vec::new());
    doc.with_pages(Vec::new());
    let mut streams = Vec::new();
    for id in lo.get_pages().into_values() {
        let contents = lo
            .get_dictionary(id)
            .and_then(|page| page.get(b"Contents"))
            .and_then(lopdf::Object::as_reference);
        if let Ok(contents) = contents
            && let Some(lopdf::Object::Stream(mut stream)) = lo.objects.remove(&contents)
        {
            // As lopdf's Document::compress would; a compressed stream is left alone there.
            let _ = stream.compress();
            streams.push(stream);
        }
    }
    streams
}

/// The document of `pages` with the report's metadata, before compression.
fn document(r: &Report, pages: Vec<PdfPage>) -> lopdf::Document {
    let mut doc = printpdf_document(pages);
    let made = r.made_on.and_time(NaiveTime::MIN).and_utc().timestamp();
    let info = &mut doc.metadata.info;
    // Dates out of printpdf's range keep its default (the Unix epoch), still fixed.
    if let Ok(when) = OffsetDateTime::from_unix_timestamp(made) {
        info.creation_date = when;
        info.modification_date = when;
        info.metadata_date = when;
    }
    info.producer = "myolog".into();
    info.creator = "myolog".into();
    info.subject = format!("Symptom diary, {}", r.period());
    info.identifier = report_id(r);
    doc.to_lopdf_document(&PdfSaveOptions::default(), &mut Vec::new())
}

fn report_id(r: &Report) -> String {
    format!("myolog-report-{}", date(r.made_on))
}

/// Compresses the document and fixes what printpdf draws at random or adds unasked.
fn finish_document(r: &Report, lo: &mut lopdf::Document) {
    lo.compress();
    let id = report_id(r);
    // printpdf draws the file id at random; the report's own id keeps exports reproducible.
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(id.clone().into_bytes(), lopdf::StringFormat::Literal),
            lopdf::Object::String(id.into_bytes(), lopdf::StringFormat::Literal),
        ]),
    );
    // printpdf always writes a PDF/X version into the info dictionary; this file is plain PDF.
    if let Ok(info) = lo
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        && let Ok(dict) = lo.get_object_mut(info).and_then(lopdf::Object::as_dict_mut)
    {
        dict.remove(b"GTS_PDFXVersion");
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

    use super::*;
    use crate::domain::{DiarySlice, Episode, Kind, SiteRef};
    use crate::patterns::Settings;
    use crate::report::Patient;

    /// The file as printpdf makes it from every page at once, as the report once was made.
    fn all_at_once(r: &Report) -> Vec<u8> {
        let mut pages = Vec::new();
        lay_out(r, &mut |page| pages.push(page));
        let total = pages.len();
        let first_footnote = pages.iter().position(|p| p.placeholder);
        let pages = pages
            .into_iter()
            .enumerate()
            .map(|(i, page)| {
                let mut ops = page.ops;
                ops.extend(footer(i + 1, total, first_footnote == Some(i)));
                a4(ops)
            })
            .collect();
        let mut lo = document(r, pages);
        finish_document(r, &mut lo);
        let mut bytes = Vec::new();
        lo.save_to(&mut bytes).unwrap();
        bytes
    }

    #[test]
    fn pages_made_a_batch_at_a_time_give_the_bytes_of_all_pages_at_once() {
        let now: DateTime<Utc> = "2026-11-25T10:00:00Z".parse().unwrap();
        let sites = ["calf:left", "eyelid:right", "thigh:left", "foot:right"];
        let episodes = (0..4000)
            .map(|i| {
                let start = (now - TimeDelta::minutes(i * 29)).fixed_offset();
                let kind = if i % 5 == 0 {
                    Kind::Cramp
                } else {
                    Kind::Twitch
                };
                let mut e = Episode::new(
                    kind,
                    start,
                    vec![SiteRef::parse(sites[i as usize % 4]).unwrap()],
                    now,
                );
                // Characters beyond the width table, and one the fonts lack.
                e.note = (i % 7 == 0).then(|| format!("note {i}: Ωμέγα ‰ 漢"));
                e
            })
            .collect();
        let slice = DiarySlice {
            episodes,
            ..DiarySlice::default()
        };
        let until = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let r = Report::from_slice(
            slice,
            None,
            until,
            until,
            Patient::default(),
            &Settings::default(),
            &[],
        );
        assert!(r.lists_every_episode(), "every episode, one row each");
        let mut pages = 0;
        lay_out(&r, &mut |_| pages += 1);
        assert!(pages > 2 * BATCH, "{pages} pages are not several batches");
        assert!(pdf(&r) == all_at_once(&r));
    }
}
