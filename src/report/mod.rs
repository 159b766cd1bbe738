//! The doctor-visit report (DOMAIN.md section 8): a model loaded once from the diary for a
//! period, its words decided once as a list of blocks ([`document`]), and three renderers that
//! lay those blocks out (Markdown, HTML, PDF). So the formats say the same thing in the same
//! order: header, page one for a GP, the whole period, each flag in detail, every entry.
//!
//! Output depends only on the diary, the period, the settings and the "made on" date: lists are
//! sorted explicitly and nothing reads the clock, so two exports of the same period differ only
//! in the made-on line.

pub mod document;
mod html;
mod markdown;
mod model;
mod out;
mod pdf;
mod tables;
mod text;

pub use html::{html, write_html};
pub use markdown::{markdown, write_markdown};
pub use model::{
    Averages, Bucket, Chart, ChartUnit, DayRow, GroupCount, KindSummary, MedicationRow, Patient,
    ReliefRow, Report, ReportSettings, SelfCheckRow, SiteCount, Spread, Summary, TimeBand, Trend,
    Window,
};
pub use pdf::{pdf, write_pdf};

use crate::format::Format;

/// The report's title, the same in every format.
pub const TITLE: &str = "Symptom diary — muscle twitching and cramps";

/// The line that says what the report is and is not.
pub const NOT_A_DIAGNOSIS: &str = "This is a diary kept by the patient, not a diagnosis. Flags show which published guidance the entries meet; they are not medical advice.";

/// The report in `format`, as the bytes of the file; `None` for the data formats, which are
/// not a report.
pub fn render(report: &Report, format: Format) -> Option<Vec<u8>> {
    match format {
        Format::Md => Some(markdown(report).into_bytes()),
        Format::Html => Some(html(report).into_bytes()),
        Format::Pdf => Some(pdf(report)),
        Format::Csv | Format::Json | Format::Fhir => None,
    }
}

/// Writes the report in `format` to `out` as it is made: the bytes of [`render`], without
/// holding the whole file in memory. A data format is refused (`InvalidInput`).
pub fn write(report: &Report, format: Format, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    match format {
        Format::Md => write_markdown(report, out),
        Format::Html => write_html(report, out),
        Format::Pdf => write_pdf(report, out),
        Format::Csv | Format::Json | Format::Fhir => Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{} is a data format, not a report", format.label()),
        )),
    }
}
