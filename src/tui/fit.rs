//! Text fitted to the room it has, measured in terminal columns (a CJK character or an emoji
//! takes two): a table cell cut with `~`, a line cut with `..`, words wrapped into lines.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The columns `text` takes on a terminal.
pub fn width(text: &str) -> usize {
    text.width()
}

/// `text` in at most `width` columns, a cut marked `~`: the one mark of a cut in every table
/// cell, so a cell never passes a part off as the whole.
pub fn cell(text: &str, width: usize) -> String {
    cut(text, width, "~")
}

/// [`cell`] padded with spaces to `width` columns, for a column that is not the last.
pub fn padded_cell(text: &str, width: usize) -> String {
    let mut s = cell(text, width);
    let pad = width.saturating_sub(s.width());
    s.extend(std::iter::repeat_n(' ', pad));
    s
}

/// `text` in at most `width` columns, a cut marked `..`.
pub fn clip(text: &str, width: usize) -> String {
    cut(text, width, "..")
}

/// `text` whole when it fits `width` columns; else as much of it as fits beside `mark`, and
/// the mark. A wide character that would straddle the edge is left out whole.
fn cut(text: &str, width: usize, mark: &str) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let room = width.saturating_sub(mark.width());
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    // In less room than the mark itself, as much of the mark as fits.
    out.extend(mark.chars().take(width - used));
    out
}

/// Words into lines of at most `width` characters (a longer word stands alone).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_that_fits_is_whole_and_one_that_does_not_ends_in_the_mark() {
        assert_eq!(cell("calf:left", 9), "calf:left");
        assert_eq!(cell("calf:left,calf:right", 12), "calf:left,c~");
        assert_eq!(width(&cell("calf:left,calf:right", 12)), 12);
        assert_eq!(padded_cell("calf", 6), "calf  ");
        assert_eq!(clip("after the third coffee", 10), "after th..");
    }

    #[test]
    fn a_cut_counts_columns_and_never_splits_a_wide_character() {
        // Each of these takes two columns: 8 in all.
        assert_eq!(cell("小腿抽筋", 8), "小腿抽筋");
        assert_eq!(cell("小腿抽筋", 7), "小腿抽~");
        assert_eq!(cell("小腿抽筋", 6), "小腿~");
        assert_eq!(padded_cell("小腿抽筋", 6), "小腿~ ");
        assert_eq!(width(&padded_cell("小腿抽筋", 6)), 6);
    }

    #[test]
    fn no_room_is_no_text_and_little_room_is_the_mark() {
        assert_eq!(cell("calf", 0), "");
        assert_eq!(cell("calf", 1), "~");
        assert_eq!(clip("calf", 1), ".");
    }
}
