//! Plain-text tables for the terminal.

use unicode_width::UnicodeWidthStr;

use crate::text::one_line_cell;
pub use crate::text::{one_line, printable};

/// The first 8 characters of an id, as lists show it: enough for `myolog edit ID`.
pub fn short_id(id: &uuid::Uuid) -> String {
    id.to_string()[..8].to_string()
}

/// Columns padded to their widest cell, two spaces apart; the last column is not padded.
pub fn render(headers: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut table = Table::new(headers);
    for row in &rows {
        table.measure(row);
    }
    let mut out = vec![table.header()];
    out.extend(rows.iter().map(|r| table.line(r)));
    out.join("\n")
}

/// A table measured before it is printed, so its rows can be made twice (once to measure, once
/// to print) instead of all held at once.
pub struct Table<'h> {
    headers: &'h [&'h str],
    widths: Vec<usize>,
}

impl<'h> Table<'h> {
    pub fn new(headers: &'h [&'h str]) -> Self {
        // Columns are measured as the terminal shows them: a CJK character or an emoji takes two.
        let widths = headers.iter().map(|h| h.width()).collect();
        Table { headers, widths }
    }

    /// Widens the columns to fit this row.
    pub fn measure(&mut self, row: &[String]) {
        for (w, cell) in self.widths.iter_mut().zip(row) {
            *w = (*w).max(one_line_cell(cell).width());
        }
    }

    pub fn header(&self) -> String {
        let cells: Vec<String> = self.headers.iter().map(|h| h.to_string()).collect();
        self.line(&cells)
    }

    /// One row, each cell on one line and printable, padded to its column.
    pub fn line(&self, row: &[String]) -> String {
        let last = row.len().saturating_sub(1);
        let mut out = String::new();
        for (i, (cell, w)) in row.iter().zip(&self.widths).enumerate() {
            let cell = one_line_cell(cell);
            out.push_str(&cell);
            if i < last {
                out.push_str(&" ".repeat(w.saturating_sub(cell.width()) + 2));
            }
        }
        out.trim_end().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up() {
        let two_by_two = |head: [&str; 2], rows: [[&str; 2]; 2]| {
            let rows = rows.map(|r| r.map(String::from).to_vec()).to_vec();
            render(&head, rows)
        };
        let t = two_by_two(["A", "BB"], [["long", "x"], ["s", "yy"]]);
        assert_eq!(t, "A     BB\nlong  x\ns     yy");
        // Measured as the terminal shows them: a CJK character takes two columns.
        let wide = two_by_two(["A", "B"], [["小腿", "x"], ["ab", "y"]]);
        assert_eq!(wide, "A     B\n小腿  x\nab    y");
        assert_eq!(one_line("a\nb  c", 10), "a b c");
        assert_eq!(one_line("abcdefghijk", 5), "abcd…");
        assert_eq!(
            one_line("red\u{1b}[31m bell\u{7}", 20),
            "red\u{fffd}[31m bell\u{fffd}"
        );
        assert_eq!(printable("a\u{202e}b\tc\nd"), "ab c\nd");
    }
}
