//! Text written out as it is made, a chunk at a time, so a report of a long diary is never
//! held whole in memory on its way to the file.

use std::fmt;
use std::io;

/// Bytes gathered before they go to the writer.
const CHUNK: usize = 64 * 1024;

/// A `String`-like sink that hands its text to a writer every [`CHUNK`] bytes. The first write
/// error is kept, later text dropped, and [`Out::finish`] returns it.
pub struct Out<'w> {
    buf: String,
    w: &'w mut dyn io::Write,
    err: Option<io::Error>,
}

impl<'w> Out<'w> {
    pub fn new(w: &'w mut dyn io::Write) -> Out<'w> {
        Out {
            buf: String::with_capacity(CHUNK + 1024),
            w,
            err: None,
        }
    }

    pub fn push_str(&mut self, s: &str) {
        self.buf.push_str(s);
        if self.buf.len() >= CHUNK {
            self.flush();
        }
    }

    pub fn push(&mut self, c: char) {
        self.push_str(c.encode_utf8(&mut [0; 4]));
    }

    fn flush(&mut self) {
        if self.err.is_none()
            && let Err(e) = self.w.write_all(self.buf.as_bytes())
        {
            self.err = Some(e);
        }
        self.buf.clear();
    }

    /// Writes what is left; the first error met, if any.
    pub fn finish(mut self) -> io::Result<()> {
        self.flush();
        match self.err.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

impl fmt::Write for Out<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

/// The text `write` writes, as a `String`.
pub fn to_string(write: impl FnOnce(&mut dyn io::Write) -> io::Result<()>) -> String {
    let mut bytes = Vec::new();
    // Writing to a Vec cannot fail, and only whole `str`s are written.
    let _ = write(&mut bytes);
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    /// Accepts `room` bytes, then fails.
    struct Full {
        room: usize,
        got: Vec<u8>,
    }

    impl io::Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.got.len() + buf.len() > self.room {
                return Err(io::Error::other("disk full"));
            }
            self.got.extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn lines(out: &mut Out) {
        for i in 0..20_000 {
            let _ = writeln!(out, "| row {i} | ünïcödé ✓ |");
            out.push('.');
        }
    }

    #[test]
    fn text_written_in_chunks_is_the_text_made() {
        let mut whole = String::new();
        for i in 0..20_000 {
            let _ = writeln!(whole, "| row {i} | ünïcödé ✓ |");
            whole.push('.');
        }
        assert!(whole.len() > 4 * CHUNK);
        assert_eq!(
            to_string(|w| {
                let mut out = Out::new(w);
                lines(&mut out);
                out.finish()
            }),
            whole
        );
    }

    #[test]
    fn the_first_write_error_comes_back_from_finish() {
        let mut full = Full {
            room: CHUNK * 2,
            got: Vec::new(),
        };
        let mut out = Out::new(&mut full);
        lines(&mut out);
        let err = out.finish().unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert!(full.got.len() <= CHUNK * 2);
    }
}
