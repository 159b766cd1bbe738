//! The report as a PDF, made with printpdf: real, selectable text in the embedded DejaVu Sans
//! (embedded whole: printpdf subsets only with its heavy layout feature), the chart as vector
//! rectangles, A4 pages. The summary starts
//! on page 1 and the detail on a page of its own; tables repeat their header on each page.
//!
//! printpdf gives its resources random names and the file a random id; here the font gets a
//! fixed name and the id and dates come from the made-on date, so the bytes depend only on
//! the report.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::NaiveTime;
use printpdf::{
    Color, FontId, Line, LinePoint, OffsetDateTime, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
};

use super::tables::{self, Table};
use super::text::{self, date};
use super::{NOT_A_DIAGNOSIS, Report, Summary, TITLE};
use crate::patterns::{Level, NOT_ADVICE};

const FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// The font's resource name; its first six letters are also the subset tag.
const FONT_ID: &str = "MYOLOGDEJAVU";

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 40.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;
const BOTTOM: f32 = MARGIN + 14.0;

const INK: (f32, f32, f32) = (0.1, 0.1, 0.1);
const MUTED: (f32, f32, f32) = (0.35, 0.35, 0.35);
const TWITCH: (f32, f32, f32) = (0.18, 0.44, 0.69);
const CRAMP: (f32, f32, f32) = (0.75, 0.22, 0.17);

/// The font and a width table for laying text out.
struct Font {
    parsed: ParsedFont,
    /// Advance widths per 1 pt of size, for the first 0x600 code points.
    ascii: Vec<f32>,
}

#[expect(clippy::panic, reason = "compiled in; the PDF tests render with it")]
fn font() -> &'static Font {
    static FONT: OnceLock<Font> = OnceLock::new();
    FONT.get_or_init(|| {
        // The font is part of the binary and a test renders a PDF, so a failure is a build
        // mistake, never something a user causes.
        let mut parsed = ParsedFont::from_bytes(FONT_BYTES, 0, &mut Vec::new())
            .unwrap_or_else(|| panic!("assets/fonts/DejaVuSans.ttf does not parse"));
        parsed.font_name = Some("DejaVuSans".into());
        let ascii = (0u32..0x600).map(|c| advance(&parsed, c)).collect();
        Font { parsed, ascii }
    })
}

fn advance(font: &ParsedFont, c: u32) -> f32 {
    let upem = f32::from(font.units_per_em.max(1));
    font.lookup_glyph_index(c)
        .and_then(|g| font.get_glyph_width(g))
        .map_or(0.5, |w| f32::from(w) / upem)
}

/// `s` with each character the font has no glyph for (emoji, CJK) shown as U+FFFD: printpdf
/// would otherwise drop it and the rest of the line from the text layer.
fn printable(s: &str) -> String {
    let f = font();
    s.chars()
        .map(|c| {
            if c == ' '
                || f.parsed
                    .lookup_glyph_index(c as u32)
                    .is_some_and(|g| g != 0)
            {
                c
            } else {
                '\u{FFFD}'
            }
        })
        .collect()
}

fn width(s: &str, size: f32) -> f32 {
    let f = font();
    s.chars()
        .map(|c| {
            f.ascii
                .get(c as usize)
                .copied()
                .unwrap_or_else(|| advance(&f.parsed, c as u32))
        })
        .sum::<f32>()
        * size
}

/// Lines of at most `max` points: breaks at spaces, and inside words too long for a line.
fn wrap(s: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        for word in para.split(' ') {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if width(&candidate, size) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                line.push(c);
                if width(&line, size) > max && line.chars().count() > 1 {
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

/// Pages being laid out top to bottom. Each page, once full, goes to `sink` and is dropped
/// here: the layout holds one page of operations, however long the report.
struct Layout<'s> {
    sink: &'s mut dyn FnMut(Vec<Op>),
    ops: Vec<Op>,
    /// The baseline of the next line, from the bottom of the page.
    y: f32,
}

impl<'s> Layout<'s> {
    fn new(sink: &'s mut dyn FnMut(Vec<Op>)) -> Layout<'s> {
        Layout {
            sink,
            ops: Vec::new(),
            y: PAGE_H - MARGIN,
        }
    }

    fn new_page(&mut self) {
        (self.sink)(std::mem::take(&mut self.ops));
        self.y = PAGE_H - MARGIN;
    }

    /// Starts a new page unless `height` more points fit on this one.
    fn room_for(&mut self, height: f32) {
        if self.y - height < BOTTOM && self.y < PAGE_H - MARGIN {
            self.new_page();
        }
    }

    fn text_at(&mut self, x: f32, y: f32, size: f32, color: (f32, f32, f32), s: &str) {
        if s.is_empty() {
            return;
        }
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFillColor { col: rgb(color) },
            Op::SetFont {
                font: PdfFontHandle::External(FontId(FONT_ID.into())),
                size: Pt(size),
            },
            Op::SetTextCursor { pos: pt(x, y) },
            Op::ShowText {
                items: vec![TextItem::Text(printable(s))],
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
    fn para(&mut self, s: &str, size: f32, color: (f32, f32, f32), indent: f32) {
        let leading = size * 1.3;
        for line in wrap(s, size, CONTENT_W - indent) {
            self.room_for(leading);
            self.y -= leading;
            self.text_at(MARGIN + indent, self.y + size * 0.25, size, color, &line);
        }
    }

    fn gap(&mut self, h: f32) {
        self.y -= h;
    }

    fn h1(&mut self, s: &str) {
        self.para(s, 15.0, INK, 0.0);
        self.gap(3.0);
    }

    fn h2(&mut self, s: &str) {
        self.room_for(40.0);
        self.gap(4.0);
        self.para(s, 12.0, INK, 0.0);
        self.hline(MARGIN, PAGE_W - MARGIN, self.y, 0.6);
        self.gap(3.0);
    }

    fn h3(&mut self, s: &str) {
        self.room_for(30.0);
        self.gap(3.0);
        self.para(s, 9.5, TWITCH, 0.0);
        self.gap(1.0);
    }

    /// A table with columns of the given shares of the width; the header repeats on each page.
    fn table(&mut self, t: &Table, shares: &[f32], size: f32) {
        let total: f32 = shares.iter().sum();
        let widths: Vec<f32> = shares.iter().map(|s| s / total * CONTENT_W).collect();
        let leading = size * 1.25;
        let pad = 2.0;
        self.room_for(leading * 3.0);
        self.table_row(&t.headers, &widths, size, leading, pad, MUTED);
        self.hline(MARGIN, PAGE_W - MARGIN, self.y, 0.6);
        t.each_row(|row| {
            let wrapped: Vec<Vec<String>> = row
                .iter()
                .zip(&widths)
                .map(|(cell, w)| wrap(cell, size, w - 2.0 * pad))
                .collect();
            let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let height = lines as f32 * leading + 1.0;
            if self.y - height < BOTTOM {
                self.new_page();
                self.table_row(&t.headers, &widths, size, leading, pad, MUTED);
                self.hline(MARGIN, PAGE_W - MARGIN, self.y, 0.6);
            }
            self.wrapped_row(&wrapped, &widths, size, leading, pad, INK);
            self.hline(MARGIN, PAGE_W - MARGIN, self.y, 0.85);
        });
        self.gap(4.0);
    }

    /// The table under its heading, after its note; or the line that says there is none.
    fn section(&mut self, t: &Table, shares: &[f32], size: f32) {
        self.h3(&t.title);
        if t.is_empty() {
            self.para(t.empty, 8.0, INK, 0.0);
            return;
        }
        if let Some(note) = t.note {
            self.para(note, 6.5, MUTED, 0.0);
        }
        self.table(t, shares, size);
    }

    fn table_row(
        &mut self,
        cells: &[String],
        widths: &[f32],
        size: f32,
        leading: f32,
        pad: f32,
        color: (f32, f32, f32),
    ) {
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .zip(widths)
            .map(|(cell, w)| wrap(cell, size, w - 2.0 * pad))
            .collect();
        self.wrapped_row(&wrapped, widths, size, leading, pad, color);
    }

    fn wrapped_row(
        &mut self,
        wrapped: &[Vec<String>],
        widths: &[f32],
        size: f32,
        leading: f32,
        pad: f32,
        color: (f32, f32, f32),
    ) {
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let top = self.y;
        let mut x = MARGIN;
        for (cell, w) in wrapped.iter().zip(widths) {
            for (i, line) in cell.iter().enumerate() {
                let baseline = top - leading * (i as f32 + 1.0) + size * 0.25;
                self.text_at(x + pad, baseline, size, color, line);
            }
            x += w;
        }
        self.y = top - lines as f32 * leading - 1.0;
    }

    /// Hands the last page to the sink.
    fn finish(mut self) {
        self.new_page();
    }
}

/// The footer of page `n` of `total`: "page N of M".
fn footer(n: usize, total: usize) -> Vec<Op> {
    let label = format!("{TITLE} — page {n} of {total}");
    let mut ignore = |_: Vec<Op>| {};
    let mut footer = Layout::new(&mut ignore);
    let x = PAGE_W - MARGIN - width(&label, 7.0);
    footer.text_at(x, MARGIN - 12.0, 7.0, MUTED, &label);
    std::mem::take(&mut footer.ops)
}

/// Lays the whole report out, handing each page's operations (without its footer) to `sink`
/// in order.
fn lay_out(r: &Report, sink: &mut dyn FnMut(Vec<Op>)) {
    let mut l = Layout::new(sink);
    header(&mut l, r);
    if r.is_empty() {
        l.h2("Summary");
        l.para(
            "Nothing was logged in this period: no episodes, check-ins, medications or self-checks.",
            9.0,
            INK,
            0.0,
        );
    } else {
        summary(&mut l, r);
        l.new_page();
        detail(&mut l, r);
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
/// A long diary makes thousands of pages, and printpdf wants every page's operations at once
/// (they weigh far more than the file). So the report is laid out twice: once to count the
/// pages for the footers, then again, a batch of pages at a time, each batch turned into its
/// compressed content streams by printpdf and its operations dropped. The document itself is
/// made by printpdf from empty pages that use the same glyphs (the font's widths and ToUnicode
/// map depend on them), and the real content streams are put in place of the empty ones:
/// the same objects, numbered the same, as printpdf makes from all the pages at once.
pub fn write_pdf(r: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut total = 0;
    lay_out(r, &mut |_| total += 1);

    let mut glyphs = BTreeMap::new();
    let mut streams = Vec::with_capacity(total);
    let mut batch = Vec::with_capacity(BATCH);
    let mut n = 0;
    lay_out(r, &mut |mut ops| {
        n += 1;
        ops.extend(footer(n, total));
        note_glyphs(&ops, &mut glyphs);
        batch.push(a4(ops));
        if batch.len() == BATCH {
            streams.extend(content_streams(std::mem::take(&mut batch)));
        }
    });
    streams.extend(content_streams(batch));

    // printpdf notes the glyphs a page shows, each with the last character shown for it.
    let used: String = glyphs.into_values().collect();
    let mut pages = vec![a4(vec![
        Op::StartTextSection,
        Op::SetFont {
            font: PdfFontHandle::External(FontId(FONT_ID.into())),
            size: Pt(7.0),
        },
        Op::ShowText {
            items: vec![TextItem::Text(used)],
        },
        Op::EndTextSection,
    ])];
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

/// Records the glyph of each character shown, as printpdf does to build the font's tables:
/// per glyph, the last character that showed it.
fn note_glyphs(ops: &[Op], glyphs: &mut BTreeMap<u16, char>) {
    let f = font();
    for op in ops {
        if let Op::ShowText { items } = op {
            for item in items {
                if let TextItem::Text(s) = item {
                    for c in s.chars() {
                        if let Some(g) = f.parsed.lookup_glyph_index(c as u32) {
                            glyphs.insert(g, c);
                        }
                    }
                }
            }
        }
    }
}

/// A printpdf document of `pages` in the report's font.
fn printpdf_document(pages: Vec<PdfPage>) -> PdfDocument {
    let mut doc = PdfDocument::new(TITLE);
    doc.resources.fonts.map.insert(
        FontId(FONT_ID.into()),
        printpdf::PdfFont::new(font().parsed.clone()),
    );
    doc.with_pages(pages);
    doc
}

/// The compressed content stream of each page, in order.
fn content_streams(pages: Vec<PdfPage>) -> Vec<lopdf::Stream> {
    if pages.is_empty() {
        return Vec::new();
    }
    let mut lo =
        printpdf_document(pages).to_lopdf_document(&PdfSaveOptions::default(), &mut Vec::new());
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

fn header(l: &mut Layout, r: &Report) {
    l.h1(TITLE);
    for (label, value) in tables::facts(r) {
        l.para(&format!("{label}: {value}"), 9.0, INK, 0.0);
    }
    l.para(NOT_A_DIAGNOSIS, 8.0, MUTED, 0.0);
}

fn summary(l: &mut Layout, r: &Report) {
    let s = &r.summary;
    l.h2("Summary");
    l.para(&tables::totals(s), 9.0, INK, 0.0);

    // Chart on the left, where-and-when tables on the right.
    let top = l.y;
    l.h3("Twitch days and cramp nights per week");
    chart(l, s);
    let left_bottom = l.y;
    l.y = top;
    let half = MARGIN + CONTENT_W / 2.0 + 6.0;
    for t in tables::where_and_when(s) {
        small_counts(l, half, &t);
    }
    l.y = l.y.min(left_bottom);

    l.h3("Flags met in this period");
    if s.flags.is_empty() {
        l.para(
            "No rule was met: nothing here reaches a see-a-doctor threshold.",
            8.0,
            INK,
            0.0,
        );
    }
    for f in &s.flags {
        let color = match f.level {
            Level::Urgent => CRAMP,
            Level::SeeDoctor => (0.75, 0.45, 0.0),
            Level::Notice => MUTED,
        };
        l.room_for(30.0);
        l.rect(MARGIN, l.y - 10.0, 2.5, 9.0, color);
        l.para(
            &format!(
                "{} — {} — first met {}{}",
                f.level.label().to_uppercase(),
                f.title,
                date(f.first_met),
                if f.active { ", still active" } else { "" }
            ),
            8.0,
            INK,
            6.0,
        );
        l.para(&text::clean(&f.detail), 7.0, INK, 6.0);
        l.para(&format!("Rule: {}", f.guidance), 6.5, MUTED, 6.0);
        l.gap(1.5);
    }
    if !s.flags.is_empty() {
        l.para(NOT_ADVICE, 6.5, MUTED, 0.0);
    }

    l.section(
        &tables::self_checks(s, "RED FLAG"),
        &[1.2, 3.0, 3.0, 1.0],
        7.0,
    );
    if let Some(line) = text::self_checks_not_shown(s.self_checks_not_shown) {
        l.para(&line, 6.5, MUTED, 0.0);
    }
    l.section(
        &tables::medications(s),
        &[1.6, 1.8, 1.0, 1.0, 1.8, 1.8],
        7.0,
    );
    l.section(
        &tables::factors(s),
        &[2.2, 1.4, 0.9, 0.9, 0.7, 1.1, 1.6],
        7.0,
    );
    l.section(
        &tables::experiments(s),
        &[1.4, 1.6, 1.5, 1.1, 1.0, 0.6, 1.3, 1.6],
        7.0,
    );

    // The averages as one line, not a table, to keep the summary on the first page.
    let averages = tables::averages(s);
    l.h3(&averages.title);
    let line = if averages.is_empty() {
        averages.empty.to_string()
    } else {
        let mut parts = Vec::new();
        averages
            .each_row(|row| parts.push(format!("{}: {} ({} days known)", row[0], row[1], row[2])));
        parts.join("; ")
    };
    l.para(&line, 8.0, INK, 0.0);
}

/// A three-column count table in the right half of the page, the counts right-aligned.
fn small_counts(l: &mut Layout, x: f32, t: &Table) {
    let size = 7.0;
    let leading = 8.8;
    let right = PAGE_W - MARGIN;
    let cols = [x, right - 60.0, right - 4.0];
    let line = |l: &mut Layout, cells: &[String], color| {
        l.y -= leading;
        l.text_at(cols[0], l.y, size, color, &cells[0]);
        for (s, anchor) in cells[1..].iter().zip(&cols[1..]) {
            l.text_at(anchor - width(s, size), l.y, size, color, s);
        }
    };
    line(l, &t.headers, MUTED);
    l.hline(x, right, l.y - 2.0, 0.6);
    t.each_row(|row| line(l, row, INK));
    l.y -= 4.0;
}

/// Paired bars per week, 0-7 days high, drawn as filled rectangles.
fn chart(l: &mut Layout, s: &Summary) {
    let (x0, w, h) = (MARGIN + 14.0, CONTENT_W / 2.0 - 22.0, 70.0);
    let base = l.y - h - 4.0;
    let n = s.weeks.len().max(1) as f32;
    let step = w / n;
    let bar = (step / 2.0 - 0.4).clamp(0.4, 10.0);
    for days in [0u32, 7] {
        let y = base + h * days as f32 / 7.0;
        l.hline(x0, x0 + w, y, 0.7);
        let label = days.to_string();
        l.text_at(x0 - 3.0 - width(&label, 6.0), y - 2.0, 6.0, MUTED, &label);
    }
    for (i, wk) in s.weeks.iter().enumerate() {
        let x = x0 + step * i as f32 + (step - 2.0 * bar - 0.4).max(0.0) / 2.0;
        if wk.twitch_days > 0 {
            l.rect(x, base, bar, h * wk.twitch_days.min(7) as f32 / 7.0, TWITCH);
        }
        if wk.cramp_nights > 0 {
            l.rect(
                x + bar + 0.4,
                base,
                bar,
                h * wk.cramp_nights.min(7) as f32 / 7.0,
                CRAMP,
            );
        }
    }
    if let (Some(first), Some(last)) = (s.weeks.first(), s.weeks.last()) {
        let (a, b) = (date(first.start), date(last.start));
        l.text_at(x0, base - 8.0, 6.0, MUTED, &a);
        l.text_at(x0 + w - width(&b, 6.0), base - 8.0, 6.0, MUTED, &b);
    }
    l.y = base - 12.0;
    l.rect(x0, l.y - 6.0, 6.0, 6.0, TWITCH);
    l.text_at(x0 + 8.0, l.y - 6.0, 6.5, INK, "twitch days");
    let x = x0 + 8.0 + width("twitch days", 6.5) + 8.0;
    l.rect(x, l.y - 6.0, 6.0, 6.0, CRAMP);
    l.text_at(x + 8.0, l.y - 6.0, 6.5, INK, "cramp nights");
    l.y -= 10.0;
    let note = if (s.weeks.len() as u32) < s.weeks_in_period {
        format!(
            "The last {} of {} weeks; weeks start on Monday; a night counts for the evening it began.",
            s.weeks.len(),
            s.weeks_in_period
        )
    } else {
        "Weeks start on Monday; a night counts for the evening it began.".to_string()
    };
    for line in wrap(&note, 6.0, CONTENT_W / 2.0 - 8.0) {
        l.y -= 7.5;
        l.text_at(MARGIN, l.y, 6.0, MUTED, &line);
    }
}

fn detail(l: &mut Layout, r: &Report) {
    l.h2("Detail");
    let layouts: [(&[f32], f32); 4] = [
        (&[1.35, 0.75, 0.85, 2.3, 1.4, 1.0, 1.6, 1.6, 0.8, 2.4], 6.5),
        (&[1.4, 0.8, 1.0, 0.8, 0.8, 0.8, 1.0, 1.0, 1.0, 3.0], 6.5),
        (&[2.0, 2.0, 2.0, 1.0, 1.0], 7.0),
        (&[1.0, 1.0, 1.0, 1.0, 3.0], 7.0),
    ];
    for (t, (shares, size)) in tables::detail(r).iter().zip(layouts) {
        l.section(t, shares, size);
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
        lay_out(r, &mut |ops| pages.push(ops));
        let total = pages.len();
        let pages = pages
            .into_iter()
            .enumerate()
            .map(|(i, mut ops)| {
                ops.extend(footer(i + 1, total));
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
                let start = (now - TimeDelta::minutes(i * 97)).fixed_offset();
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
                // Characters beyond the width table, and one the font lacks.
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
        let mut pages = 0;
        lay_out(&r, &mut |_| pages += 1);
        assert!(pages > 2 * BATCH, "{pages} pages are not several batches");
        assert!(pdf(&r) == all_at_once(&r));
    }
}
