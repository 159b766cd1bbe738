//! The doctor-visit report of issue 5: a model loaded once from the diary for a period, and
//! three renderers of it (Markdown, HTML, PDF). Every renderer reads the same [`Report`], so
//! the formats say the same thing in the same order: header, one-page summary, detail.
//!
//! Output depends only on the diary, the period, the settings and the "made on" date: lists are
//! sorted explicitly and nothing reads the clock, so two exports of the same period differ only
//! in the made-on line.

mod html;
mod markdown;
mod model;
mod out;
mod pdf;
mod tables;
mod text;

use chrono::NaiveDate;

pub use html::{html, write_html};
pub use markdown::{markdown, write_markdown};
pub use model::{
    Averages, GroupCount, MedicationRow, Patient, Report, ReportSettings, SelfCheckRow, SiteCount,
    Summary, TimeBand, WeekCount,
};
pub use pdf::{pdf, write_pdf};

/// The report's title, the same in every format.
pub const TITLE: &str = "Symptom diary — muscle twitching and cramps";

/// The line that says what the report is and is not.
pub const NOT_A_DIAGNOSIS: &str = "This is a diary kept by the patient, not a diagnosis. Flags show which published guidance the entries meet; they are not medical advice.";

/// A format the report can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportFormat {
    Markdown,
    Html,
    Pdf,
}

impl ReportFormat {
    pub const ALL: [ReportFormat; 3] = [
        ReportFormat::Markdown,
        ReportFormat::Html,
        ReportFormat::Pdf,
    ];

    /// The file extension, which is also the `--format` name of the command line except for
    /// Markdown (`md`).
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Markdown => "md",
            ReportFormat::Html => "html",
            ReportFormat::Pdf => "pdf",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReportFormat::Markdown => "Markdown",
            ReportFormat::Html => "HTML",
            ReportFormat::Pdf => "PDF",
        }
    }

    /// `md`, `markdown`, `html`, `htm`, `pdf`, in any case.
    pub fn parse(name: &str) -> Option<ReportFormat> {
        match name.trim().to_lowercase().as_str() {
            "md" | "markdown" => Some(ReportFormat::Markdown),
            "html" | "htm" => Some(ReportFormat::Html),
            "pdf" => Some(ReportFormat::Pdf),
            _ => None,
        }
    }
}

/// The report in `format`, as the bytes of the file.
pub fn render(report: &Report, format: ReportFormat) -> Vec<u8> {
    match format {
        ReportFormat::Markdown => markdown(report).into_bytes(),
        ReportFormat::Html => html(report).into_bytes(),
        ReportFormat::Pdf => pdf(report),
    }
}

/// Writes the report in `format` to `out` as it is made: the bytes of [`render`], without
/// holding the whole file in memory.
pub fn write(
    report: &Report,
    format: ReportFormat,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        ReportFormat::Markdown => write_markdown(report, out),
        ReportFormat::Html => write_html(report, out),
        ReportFormat::Pdf => write_pdf(report, out),
    }
}

/// The dated file name used when none is given: `myolog-report-2026-11-25.md`.
pub fn default_file_name(format: ReportFormat, made_on: NaiveDate) -> String {
    format!(
        "myolog-report-{}.{}",
        made_on.format("%Y-%m-%d"),
        format.extension()
    )
}
