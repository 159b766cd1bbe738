//! The report as a PDF, written with pdf-writer: real, selectable text in DejaVu Sans and
//! DejaVu Sans Bold (each embedded as a subset of the glyphs the report shows), the chart as
//! vector rectangles, A4 pages. It lays out the blocks of [`super::document`]; every word comes
//! from there. Page one is the summary; the whole period and the detail start on pages of their
//! own; tables repeat their header on each page; a heading is never left at the foot of a page
//! without what follows it.
//!
//! The fonts are Type0 fonts over CIDFontType2 descendants, Identity-H: the text shows glyph ids
//! (numbered as in the subset), with a /W array of their widths and a ToUnicode map, so a reader
//! copies and searches the characters, not the ids.
//!
//! A character neither face has (CJK, emoji) is shown as a visible placeholder, `□`, and named
//! once, in a footnote on the first page where it appears.
//!
//! Nothing is random: the objects are numbered in a fixed order, the dates come from the
//! made-on date and the file id from the pages' content, so the bytes depend only on the report.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::Datelike;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::writers::Resources;
use pdf_writer::{Content, Date, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use subsetter::GlyphRemapper;
use unicode_bidi::BidiInfo;
use uuid::Uuid;

use super::Report;
use super::document::{self, Block, FlagItem, TITLE};
use super::model::Chart;
use super::tables::{Col, Table};
use super::text::date;

const REGULAR_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

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
    const BOTH: [Face; 2] = [Face::Regular, Face::Bold];

    fn font(self) -> &'static Font {
        &fonts()[self.index()]
    }

    fn index(self) -> usize {
        match self {
            Face::Regular => 0,
            Face::Bold => 1,
        }
    }
}

/// One of the embedded fonts, with a table for laying text out.
struct Font {
    bytes: &'static [u8],
    face: ttf_parser::Face<'static>,
    /// Its PostScript name, and its name among a page's resources.
    name: &'static str,
    resource: &'static [u8],
    /// The glyph (0 for none) and its advance per 1 pt of size, for the first 0x600 code
    /// points: the characters nearly every line is made of.
    table: Vec<(u16, f32)>,
}

impl Font {
    fn load(bytes: &'static [u8], name: &'static str, resource: &'static [u8]) -> Option<Font> {
        let face = ttf_parser::Face::parse(bytes, 0).ok()?;
        let mut font = Font {
            bytes,
            face,
            name,
            resource,
            table: Vec::new(),
        };
        font.table = (0u32..0x600)
            .map(|c| {
                let glyph = char::from_u32(c).map_or(0, |c| font.lookup(c));
                (glyph, font.advance(glyph))
            })
            .collect();
        Some(font)
    }

    /// The glyph of `c` in the font file, 0 (`.notdef`) for none.
    fn lookup(&self, c: char) -> u16 {
        self.face.glyph_index(c).map_or(0, |g| g.0)
    }

    /// The advance of `glyph` per 1 pt of size; half an em for a character without one.
    fn advance(&self, glyph: u16) -> f32 {
        let upem = f32::from(self.face.units_per_em().max(1));
        match glyph {
            0 => 0.5,
            g => self
                .face
                .glyph_hor_advance(ttf_parser::GlyphId(g))
                .map_or(0.5, |w| f32::from(w) / upem),
        }
    }

    fn glyph(&self, c: char) -> u16 {
        self.table
            .get(c as usize)
            .map_or_else(|| self.lookup(c), |&(g, _)| g)
    }

    fn has(&self, c: char) -> bool {
        c == ' ' || self.glyph(c) != 0
    }

    /// The advance of `c` per 1 pt of size, as the placeholder when the font lacks it.
    fn width_of(&self, c: char) -> f32 {
        let c = if self.has(c) { c } else { PLACEHOLDER };
        self.table
            .get(c as usize)
            .map_or_else(|| self.advance(self.lookup(c)), |&(_, w)| w)
    }

    /// Font units to the thousandths of an em that PDF measures fonts in.
    fn to_pdf(&self, units: impl Into<f32>) -> f32 {
        units.into() * 1000.0 / f32::from(self.face.units_per_em().max(1))
    }
}

#[expect(clippy::panic, reason = "compiled in; the PDF tests render with them")]
fn fonts() -> &'static [Font; 2] {
    static FONTS: OnceLock<[Font; 2]> = OnceLock::new();
    FONTS.get_or_init(|| {
        // The fonts are part of the binary and a test renders a PDF, so a failure is a build
        // mistake, never something a user causes.
        let load = |bytes, name, resource| {
            Font::load(bytes, name, resource)
                .unwrap_or_else(|| panic!("the font {name} in assets/fonts does not parse"))
        };
        [
            load(REGULAR_BYTES, "DejaVuSans", b"F1"),
            load(BOLD_BYTES, "DejaVuSans-Bold", b"F2"),
        ]
    })
}

/// A line as it stands on the page, left to right: a Hebrew or Arabic run reversed, as it reads
/// (Unicode's bidi algorithm on the line, which was broken in typing order). Arabic letters
/// keep their standalone forms: the fonts are not shaped.
fn visual(s: &str) -> Cow<'_, str> {
    let info = BidiInfo::new(s, None);
    if !info.has_rtl() {
        return Cow::Borrowed(s);
    }
    let mut line = String::with_capacity(s.len());
    for para in &info.paragraphs {
        line.push_str(&info.reorder_line(para, para.range.clone()));
    }
    Cow::Owned(line)
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
    units(0.0, s, face.font()) * size
}

/// `from` plus the advances of `s`'s characters per 1 pt of size, added one by one in order:
/// a line's width measured piece by piece comes out as the same number as measured whole.
fn units(from: f32, s: &str, f: &Font) -> f32 {
    s.chars().fold(from, |sum, c| sum + f.width_of(c))
}

/// Lines of at most `max` points: breaks at spaces, and inside words too long for a line.
/// Each character is measured once (a long note used to be measured again with every word).
fn wrap(s: &str, size: f32, max: f32, face: Face) -> Vec<String> {
    let f = face.font();
    let mut lines = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        // The advances of `line`, per 1 pt.
        let mut line_units = 0.0;
        for word in para.split(' ') {
            let gap = if line.is_empty() { "" } else { " " };
            let with_word = units(units(line_units, gap, f), word, f);
            if with_word * size <= max {
                line.push_str(gap);
                line.push_str(word);
                line_units = with_word;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            line_units = 0.0;
            let mut chars = 0usize;
            for c in word.chars() {
                let with_char = line_units + f.width_of(c);
                if with_char * size > max && chars > 0 {
                    lines.push(std::mem::take(&mut line));
                    line_units = f.width_of(c);
                    chars = 1;
                } else {
                    line_units = with_char;
                    chars += 1;
                }
                line.push(c);
            }
        }
        lines.push(line);
    }
    lines
}

/// The glyphs a font shows: numbered anew in the order first shown (the subset's glyph ids,
/// which the text shows as CIDs), each with the character it stands for.
#[derive(Default)]
struct Glyphs {
    remapper: GlyphRemapper,
    chars: BTreeMap<u16, char>,
}

impl Glyphs {
    /// The CID that shows `c` in `font`.
    fn cid(&mut self, font: &Font, c: char) -> u16 {
        let cid = self.remapper.remap(font.glyph(c));
        self.chars.entry(cid).or_insert(c);
        cid
    }
}

/// A finished page: its content stream (operations, not yet compressed), and whether it shows
/// the placeholder.
struct Page {
    content: Vec<u8>,
    placeholder: bool,
}

/// How the pages are numbered, once their number is known: the footers are drawn only then.
#[derive(Clone, Copy)]
struct Numbering {
    total: usize,
    /// The page that carries the placeholder's footnote.
    footnote_on: Option<usize>,
}

/// Pages being laid out top to bottom. Each page, once full, goes to `sink` and is dropped
/// here: the layout holds one page of operations, however long the report.
struct Layout<'s> {
    sink: &'s mut dyn FnMut(Page),
    content: Content,
    placeholder: bool,
    /// The glyphs shown so far, regular and bold.
    glyphs: [Glyphs; 2],
    numbering: Option<Numbering>,
    /// Pages handed to the sink so far.
    pages: usize,
    /// The baseline of the next line, from the bottom of the page.
    y: f32,
    /// The colour of the bar beside the lines of the flag being laid out.
    bar: Option<(f32, f32, f32)>,
}

impl<'s> Layout<'s> {
    fn new(numbering: Option<Numbering>, sink: &'s mut dyn FnMut(Page)) -> Layout<'s> {
        Layout {
            sink,
            content: Content::new(),
            placeholder: false,
            glyphs: Default::default(),
            numbering,
            pages: 0,
            y: TOP,
            bar: None,
        }
    }

    fn at_top(&self) -> bool {
        self.y >= TOP
    }

    fn new_page(&mut self) {
        self.pages += 1;
        if let Some(numbering) = self.numbering {
            self.footer(self.pages, numbering);
        }
        let content = std::mem::replace(&mut self.content, Content::new()).finish();
        (self.sink)(Page {
            content: content.to_vec(),
            placeholder: std::mem::take(&mut self.placeholder),
        });
        self.y = TOP;
    }

    /// The footer of page `n`: "page N of M", and the placeholder's footnote on the first page
    /// that shows one.
    fn footer(&mut self, n: usize, numbering: Numbering) {
        let label = format!("{TITLE} — page {n} of {}", numbering.total);
        let x = PAGE_W - MARGIN - width(&label, 7.0, Face::Regular);
        self.text_at(x, MARGIN - 12.0, 7.0, MUTED, Face::Regular, &label);
        if numbering.footnote_on == Some(n) {
            self.text_at(
                MARGIN,
                MARGIN - 3.0,
                7.0,
                INK,
                Face::Regular,
                PLACEHOLDER_NOTE,
            );
        }
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
        let (text, replaced) = printable(&visual(s), face);
        self.placeholder |= replaced;
        let font = face.font();
        let glyphs = &mut self.glyphs[face.index()];
        let cids: Vec<u8> = text
            .chars()
            .flat_map(|c| glyphs.cid(font, c).to_be_bytes())
            .collect();
        let (r, g, b) = color;
        self.content
            .begin_text()
            .set_fill_rgb(r, g, b)
            .set_font(Name(font.resource), size)
            .next_line(x, y)
            .show(Str(&cids))
            .end_text();
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, (r, g, b): (f32, f32, f32)) {
        self.content
            .set_fill_rgb(r, g, b)
            .rect(x, y, w, h)
            .fill_nonzero();
    }

    fn hline(&mut self, x1: f32, x2: f32, y: f32, grey: f32) {
        self.content
            .set_stroke_rgb(grey, grey, grey)
            .set_line_width(0.5)
            .move_to(x1, y)
            .line_to(x2, y)
            .stroke();
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
        // The lines of a row that fit above the foot of the page from `y`; on a new page,
        // under the header.
        let room = |y: f32| ((y - 1.0 - BOTTOM) / leading).floor().max(0.0) as usize;
        let fresh = room(TOP - lines_of(&header) as f32 * leading - 1.0);
        // Rows drawn under the header on this page.
        let mut rows_here = 0usize;
        t.each_row(|row| {
            let wrapped: Vec<Vec<String>> = row
                .iter()
                .zip(&widths)
                .map(|(cell, w)| wrap(cell, size, w - 2.0 * PAD, Face::Regular))
                .collect();
            let lines = lines_of(&wrapped);
            let mut from = 0;
            let mut new_page = false;
            while from < lines {
                let left = lines - from;
                let here = room(self.y);
                // A row that fits on a page starts on the next one whole; a taller one (a long
                // note), or the first under the header, fills this page and goes on over the
                // next, so none of it is drawn past the foot of a page.
                let whole_on_next = from == 0 && rows_here > 0 && left <= fresh;
                if here < left && !new_page && (here == 0 || whole_on_next) {
                    self.new_page();
                    self.table_header(&header, &widths, &t.cols, size, leading);
                    rows_here = 0;
                    new_page = true;
                    continue;
                }
                let take = here.clamp(1, left);
                // A row going on from the page before names its date and time again.
                let part: Vec<Vec<String>> = wrapped
                    .iter()
                    .zip(&t.cols)
                    .map(|(cell, col)| match col {
                        Col::Date | Col::Time if from > 0 && from >= cell.len() => {
                            cell.iter().take(1).cloned().collect()
                        }
                        _ => cell.iter().skip(from).take(take).cloned().collect(),
                    })
                    .collect();
                self.row(&part, &widths, &t.cols, size, leading, INK, Face::Regular);
                self.hline(MARGIN, PAGE_W - MARGIN, self.y, 0.85);
                from += take;
                new_page = false;
            }
            rows_here += 1;
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
            if b.cramp_days > 0 {
                self.rect(x + bar + 0.2, base, bar, scale(b.cramp_days), CRAMP);
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
        self.text_at(x + 8.0, self.y - 6.0, 6.5, INK, Face::Regular, "cramp days");
        self.y -= 10.0;
    }

    /// Hands the last page to the sink, and gives back the glyphs shown.
    fn finish(mut self) -> [Glyphs; 2] {
        self.new_page();
        self.glyphs
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
    let mut least: Vec<f32> = t
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
    // Each column's cells on one line, the widest but a tenth of them; and its widest word.
    let mut cells: Vec<Vec<f32>> = vec![Vec::new(); n];
    let mut words = vec![0.0f32; n];
    t.each_row(|row| {
        for (i, cell) in row.iter().enumerate().take(n) {
            let line = cell
                .split('\n')
                .map(|l| width(l, size, Face::Regular))
                .fold(0.0, f32::max);
            cells[i].push(line + 2.0 * PAD + 1.0);
            let word = cell
                .split([' ', '\n'])
                .map(|w| width(w, size, Face::Regular))
                .fold(0.0, f32::max);
            words[i] = words[i].max(word + 2.0 * PAD + 1.0);
        }
    });
    // A column of words (a site, a relief), not free text, keeps its widest word whole, up to
    // a sixth of the page: a long note beside it must not squeeze "hamstring" into "hamstrin"
    // and "g". Unless those words together are wider than the page.
    let whole: Vec<f32> = (0..n)
        .map(|i| match t.cols[i] {
            Col::Wide | Col::Date | Col::Time => least[i],
            _ => least[i].max(words[i].min(CONTENT_W / 6.0)),
        })
        .collect();
    if whole.iter().sum::<f32>() <= CONTENT_W {
        least = whole;
    }
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

/// Lays the whole report out, handing each page to `sink` in order, with its footer when the
/// pages' `numbering` is known; gives back the glyphs shown.
fn lay_out(r: &Report, numbering: Option<Numbering>, sink: &mut dyn FnMut(Page)) -> [Glyphs; 2] {
    let mut l = Layout::new(numbering, sink);
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
    l.finish()
}

/// The report as the bytes of a PDF file.
///
/// A long diary makes many pages, whose operations weigh far more than the file. So the report
/// is laid out twice: once to count the pages for the footers (and find the first that needs
/// the placeholder's footnote), then again, each page's content stream compressed into the file
/// as soon as the page is full and its operations dropped. The fonts come last: they hold the
/// glyphs every page showed.
pub fn pdf(r: &Report) -> Vec<u8> {
    let mut pages = 0;
    let mut footnote_on = None;
    lay_out(r, None, &mut |page| {
        pages += 1;
        if page.placeholder && footnote_on.is_none() {
            footnote_on = Some(pages);
        }
    });
    let numbering = Numbering {
        total: pages,
        footnote_on,
    };
    let mut pdf = Pdf::new();
    let mut n = 0;
    let mut id = Uuid::NAMESPACE_OID;
    let glyphs = lay_out(r, Some(numbering), &mut |page| {
        let (page_id, content_id) = Ids::page(n);
        n += 1;
        // A hash chain over the pages (uuid's v5: SHA-1 of the page after the id so far).
        id = Uuid::new_v5(&id, &page.content);
        pdf.stream(content_id, &deflate(&page.content))
            .filter(Filter::FlateDecode);
        pdf.page(page_id)
            .media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
            .parent(Ids::PAGES)
            .contents(content_id)
            .pair(Name(b"Resources"), Ids::RESOURCES);
    });
    pdf.pages(Ids::PAGES)
        .kids((0..pages).map(|n| Ids::page(n).0))
        .count(i32::try_from(pages).unwrap_or(i32::MAX));
    pdf.catalog(Ids::CATALOG).pages(Ids::PAGES);
    {
        let mut resources = pdf.indirect(Ids::RESOURCES).start::<Resources>();
        let mut fonts = resources.fonts();
        for face in Face::BOTH {
            fonts.pair(Name(face.font().resource), Ids::font(face).type0);
        }
    }
    for (face, used) in Face::BOTH.into_iter().zip(&glyphs) {
        write_font(&mut pdf, face, used);
    }
    write_info(&mut pdf, r);
    // The file's id names what its pages show: two reports made the same day (of two
    // diaries, or two periods) are two files to a reader that remembers files by their id.
    let id = id.simple().to_string().into_bytes();
    pdf.set_file_id((id.clone(), id));
    pdf.finish()
}

/// Writes the report as a PDF file to `out`, the bytes of [`pdf`]: the file is made whole
/// first, as its cross-reference table needs every object's offset (it is far smaller than the
/// operations it was made from).
pub fn write_pdf(r: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(&pdf(r))
}

/// The numbers of the file's objects: fixed ones, then each font's, then each page's.
struct Ids;

/// The objects of one font.
struct FontIds {
    type0: Ref,
    cid: Ref,
    descriptor: Ref,
    file: Ref,
    to_unicode: Ref,
    /// Written only when the font goes in whole.
    cid_to_gid: Ref,
}

impl Ids {
    const CATALOG: Ref = Ref::new(1);
    const PAGES: Ref = Ref::new(2);
    const INFO: Ref = Ref::new(3);
    const RESOURCES: Ref = Ref::new(4);
    const FIRST_FONT: i32 = 5;
    const FIRST_PAGE: i32 = Ids::FIRST_FONT + 6 * 2;

    fn font(face: Face) -> FontIds {
        let base = Ids::FIRST_FONT + 6 * face.index() as i32;
        FontIds {
            type0: Ref::new(base),
            cid: Ref::new(base + 1),
            descriptor: Ref::new(base + 2),
            file: Ref::new(base + 3),
            to_unicode: Ref::new(base + 4),
            cid_to_gid: Ref::new(base + 5),
        }
    }

    /// Page `n` (from 0) and its content stream.
    fn page(n: usize) -> (Ref, Ref) {
        let at = Ids::FIRST_PAGE.saturating_add(i32::try_from(2 * n).unwrap_or(i32::MAX - 1));
        (Ref::new(at), Ref::new(at.saturating_add(1)))
    }
}

/// Compressed as a FlateDecode stream.
fn deflate(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(bytes, 6)
}

/// `face` as a Type0 font of the glyphs `used`: a subset of the font file, their widths, and
/// the characters they show.
fn write_font(pdf: &mut Pdf, face: Face, used: &Glyphs) {
    let font = face.font();
    let ids = Ids::font(face);
    // The subset keeps the glyphs under their new ids, which the pages show as CIDs. Should it
    // fail (it never has on these fonts), the whole file goes in, its glyphs found by a map.
    let (file, cid_to_gid) = match subsetter::subset(font.bytes, 0, &used.remapper) {
        Ok(subset) => (subset, None),
        Err(_) => (
            font.bytes.to_vec(),
            Some(
                used.remapper
                    .remapped_gids()
                    .flat_map(u16::to_be_bytes)
                    .collect::<Vec<u8>>(),
            ),
        ),
    };
    let base = if cid_to_gid.is_some() {
        font.name.to_string()
    } else {
        format!("{}+{}", subset_tag(used), font.name)
    };
    let base = Name(base.as_bytes());

    pdf.type0_font(ids.type0)
        .base_font(base)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(ids.cid)
        .to_unicode(ids.to_unicode);

    {
        let mut cid = pdf.cid_font(ids.cid);
        cid.subtype(CidFontType::Type2)
            .base_font(base)
            .system_info(SystemInfo {
                registry: Str(b"Adobe"),
                ordering: Str(b"Identity"),
                supplement: 0,
            })
            .font_descriptor(ids.descriptor)
            .default_width(0.0);
        if cid_to_gid.is_some() {
            cid.cid_to_gid_map_stream(ids.cid_to_gid);
        } else {
            cid.cid_to_gid_map_predefined(Name(b"Identity"));
        }
        let widths: Vec<f32> = used
            .remapper
            .remapped_gids()
            .map(|g| font.advance(g) * 1000.0)
            .collect();
        cid.widths().consecutive(0, widths);
    }
    if let Some(map) = cid_to_gid {
        pdf.stream(ids.cid_to_gid, &deflate(&map))
            .filter(Filter::FlateDecode);
    }

    let f = &font.face;
    let bbox = f.global_bounding_box();
    pdf.font_descriptor(ids.descriptor)
        .name(base)
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(
            font.to_pdf(bbox.x_min),
            font.to_pdf(bbox.y_min),
            font.to_pdf(bbox.x_max),
            font.to_pdf(bbox.y_max),
        ))
        .italic_angle(f.italic_angle())
        .ascent(font.to_pdf(f.ascender()))
        .descent(font.to_pdf(f.descender()))
        .cap_height(font.to_pdf(f.capital_height().unwrap_or(f.ascender())))
        .stem_v(match face {
            Face::Regular => 80.0,
            Face::Bold => 140.0,
        })
        .font_file2(ids.file);

    let length = i32::try_from(file.len()).unwrap_or(i32::MAX);
    pdf.stream(ids.file, &deflate(&file))
        .filter(Filter::FlateDecode)
        .pair(Name(b"Length1"), length);

    let mut cmap = UnicodeCmap::new(
        Name(b"Custom"),
        SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"UCS"),
            supplement: 0,
        },
    );
    for (&cid, &c) in &used.chars {
        cmap.pair(cid, c);
    }
    pdf.stream(ids.to_unicode, &deflate(&cmap.finish()))
        .filter(Filter::FlateDecode);
}

/// The six capital letters a subset font's name starts with, from the glyphs it keeps: the
/// same glyphs give the same name.
fn subset_tag(used: &Glyphs) -> String {
    let gids: Vec<u8> = used
        .remapper
        .remapped_gids()
        .flat_map(u16::to_be_bytes)
        .collect();
    let mut hash = Uuid::new_v5(&Uuid::NAMESPACE_OID, &gids).as_u128();
    (0..6)
        .map(|_| {
            let letter = char::from(b'A' + (hash % 26) as u8);
            hash /= 26;
            letter
        })
        .collect()
}

/// The title, producer, subject and dates: from the report alone.
fn write_info(pdf: &mut Pdf, r: &Report) {
    let subject = format!("Symptom diary, {}", r.period());
    let mut info = pdf.document_info(Ids::INFO);
    info.title(TextStr(TITLE))
        .subject(TextStr(&subject))
        .creator(TextStr("myolog"))
        .producer(TextStr("myolog"));
    // A year PDF cannot write (before 0 or after 9999) leaves the dates out.
    if let Ok(year) = u16::try_from(r.made_on.year())
        && year <= 9999
    {
        let made = Date::new(year)
            .month(r.made_on.month() as u8)
            .day(r.made_on.day() as u8)
            .hour(0)
            .minute(0)
            .second(0)
            .utc_offset_hour(0)
            .utc_offset_minute(0);
        info.creation_date(made).modified_date(made);
    }
    info.finish();
}

#[cfg(test)]
mod tests {
    use std::process::Command;

    use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

    use super::*;
    use crate::domain::{DiarySlice, Episode, Kind, SiteRef};
    use crate::patterns::Settings;
    use crate::report::Patient;

    /// A report of 4000 episodes, a row each; every seventh has a note with characters beyond
    /// the width table and one the fonts lack.
    fn long_report() -> Report {
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
                e.note = (i % 7 == 0).then(|| format!("note {i}: Ωμέγα ‰ 漢"));
                e
            })
            .collect();
        let slice = DiarySlice {
            episodes,
            ..DiarySlice::default()
        };
        let until = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        Report::from_slice(
            slice,
            None,
            until,
            until,
            Patient::default(),
            &Settings::default(),
            &[],
        )
    }

    /// The text of each page, as poppler's pdftotext reads it through the ToUnicode maps.
    fn pdftotext(bytes: &[u8]) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("report.pdf");
        std::fs::write(&file, bytes).unwrap();
        let out = Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&file)
            .arg("-")
            .output()
            .expect("pdftotext runs (apt package poppler-utils; .ci/run installs it)");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        // Each page ends with a form feed.
        let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
        assert_eq!(
            pages.pop().as_deref(),
            Some(""),
            "the text ends with a page"
        );
        pages
    }

    #[test]
    #[ignore = "needs pdftotext (poppler-utils)"]
    fn a_long_report_keeps_every_row_and_the_pages_the_layout_made() {
        let r = long_report();
        assert!(r.lists_every_episode(), "every episode, one row each");
        let mut laid_out = 0;
        lay_out(&r, None, &mut |_| laid_out += 1);
        let pages = pdftotext(&pdf(&r));
        assert!(laid_out > 20, "{laid_out} pages are not a long report");
        assert_eq!(pages.len(), laid_out);
        for (i, page) in pages.iter().enumerate() {
            let footer = format!("page {} of {laid_out}", i + 1);
            assert!(page.contains(&footer), "page {} lacks {footer:?}", i + 1);
        }
        let words: Vec<&str> = pages.iter().flat_map(|p| p.split_whitespace()).collect();
        for i in (0..4000).step_by(7) {
            assert!(
                words.contains(&format!("{i}:").as_str()),
                "note {i} is missing"
            );
        }
        let count = |w: &str| words.iter().filter(|&&x| x == w).count();
        let notes = (0..4000).step_by(7).count();
        assert_eq!(count("Ωμέγα"), notes, "each note's Greek, read back");
        assert_eq!(count("‰"), notes);
        // Each note's placeholder, and the one that starts the footnote, once.
        assert_eq!(count("□"), notes + 1);
        assert_eq!(
            pages
                .iter()
                .filter(|p| p.contains("marks a character"))
                .count(),
            1
        );
    }
}
