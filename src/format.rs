//! The formats myolog writes: the doctor's report (md, html, pdf) and the data for other
//! programs (csv, json, fhir). `myolog export --format`, the Export screen and the report's
//! renderers all name them with this one type.

use chrono::NaiveDate;

/// A format of `myolog export --format`; the names are the variants' in lower case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    Md,
    Html,
    Pdf,
    Csv,
    Json,
    Fhir,
}

impl Format {
    /// The reports first, then the data, as the Export screen lists them.
    pub const ALL: [Format; 6] = [
        Format::Md,
        Format::Html,
        Format::Pdf,
        Format::Csv,
        Format::Json,
        Format::Fhir,
    ];

    /// The formats of the doctor's report.
    pub const REPORTS: [Format; 3] = [Format::Md, Format::Html, Format::Pdf];

    /// The `--format` name, which is also a report's file extension.
    pub fn name(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Fhir => "fhir",
        }
    }

    /// The name a person knows it by.
    pub fn label(self) -> &'static str {
        match self {
            Format::Md => "Markdown",
            Format::Html => "HTML",
            Format::Pdf => "PDF",
            Format::Csv => "CSV",
            Format::Json => "JSON",
            Format::Fhir => "FHIR",
        }
    }

    /// Whether the format carries experiments: every data format but FHIR, which has no
    /// resource for one (the report lists them in a table of its own).
    pub fn carries_experiments(self) -> bool {
        self != Format::Fhir
    }

    /// Whether it is a format of the doctor's report, rather than of the data.
    pub fn is_report(self) -> bool {
        matches!(self, Format::Md | Format::Html | Format::Pdf)
    }

    /// The `--format` name in any case; also `markdown` and `htm`.
    pub fn parse(name: &str) -> Option<Format> {
        match name.trim().to_lowercase().as_str() {
            "markdown" => Some(Format::Md),
            "htm" => Some(Format::Html),
            name => Format::ALL.into_iter().find(|f| f.name() == name),
        }
    }

    /// The dated name the export goes by when no target is named: the file's, or for CSV the
    /// folder's that holds its four tables (`myolog-csv-2026-11-25`).
    pub fn dated_name(self, today: NaiveDate) -> String {
        match self {
            Format::Md | Format::Html | Format::Pdf => {
                format!("myolog-report-{today}.{}", self.name())
            }
            Format::Json => format!("myolog-{today}.json"),
            Format::Fhir => format!("myolog-fhir-{today}.json"),
            Format::Csv => format!("myolog-csv-{today}"),
        }
    }
}
