//! Meds & checks (tab 3): the medications, those still taken first, and the self-checks,
//! newest first. Adding a medication and recording a self-check are forms of their own.

mod med_form;
mod self_check_form;

pub use med_form::MedForm;
pub use self_check_form::SelfCheckForm;

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::action::Action;
use super::fit::cell;
use super::keymap::Keymap;
use super::select;
use super::theme::Theme;
use crate::catalog::catalog;
use crate::domain::{Medication, SelfCheck, TestResult};
use crate::store::{Diary, StoreError};

/// The Meds & checks screen.
#[derive(Debug, Default)]
pub struct Meds {
    loaded: bool,
    meds: Vec<Medication>,
    /// Newest first.
    checks: Vec<SelfCheck>,
    selected: usize,
    /// The first row of the medication list as last drawn, for clicks.
    rows_top: Cell<u16>,
}

impl Meds {
    pub fn loaded(&self) -> bool {
        self.loaded
    }

    pub fn reload(&mut self, diary: &Diary) -> Result<(), StoreError> {
        self.meds = diary.medications()?;
        // Those still taken first, then by start date, newest first.
        self.meds.sort_by(|a, b| {
            a.stop
                .is_some()
                .cmp(&b.stop.is_some())
                .then(b.start.cmp(&a.start))
        });
        self.checks = diary.self_checks()?;
        self.checks.reverse();
        self.selected = self.selected.min(self.meds.len().saturating_sub(1));
        self.loaded = true;
        Ok(())
    }

    pub fn navigate(&mut self, action: Action) {
        let last = self.meds.len().saturating_sub(1);
        // A page holds every medication.
        self.selected = select::moved(self.selected, last, action, last);
    }

    pub fn click(&mut self, row: u16) {
        let top = self.rows_top.get();
        if row >= top {
            let i = (row - top) as usize;
            if i < self.meds.len() {
                self.selected = i;
            }
        }
    }

    /// The selected medication, when it is still being taken.
    pub fn selected_active(&self) -> Option<&Medication> {
        self.meds.get(self.selected).filter(|m| m.stop.is_none())
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, keys: &Keymap, theme: &Theme) {
        let area = area.inner(Margin::new(1, 0));
        let med_rows = (self.meds.len().max(1) + 3) as u16;
        let [meds, checks] = Layout::vertical([
            Constraint::Length(med_rows.min(area.height / 2 + 1)),
            Constraint::Min(0),
        ])
        .areas(area);
        let mut lines = vec![
            Line::from(vec![
                Span::styled("Medications ", theme.title()),
                Span::styled(
                    format!(
                        "{} adds, {} stops the selected one today",
                        keys.first_key("add_medication"),
                        keys.first_key("delete")
                    ),
                    theme.dim(),
                ),
            ]),
            Line::from(Span::styled(
                format!(
                    "  {:<18} {:<22} {:<10} {:<10} {}",
                    "NAME", "CLASS", "DOSE", "START", "STOP"
                ),
                theme.dim(),
            )),
        ];
        self.rows_top.set(meds.y + 2);
        if self.meds.is_empty() {
            lines.push(Line::from(
                "  None yet. Medicines matter: some classes are tied to cramps and twitching.",
            ));
        }
        for (i, m) in self.meds.iter().enumerate() {
            let text = format!(
                "{:<18} {:<22} {:<10} {:<10} {}",
                cell(&m.name, 18),
                cell(
                    catalog()
                        .medication_class(&m.class)
                        .map_or(m.class.as_str(), |c| c.label.as_str()),
                    22
                ),
                cell(m.dose.as_deref().unwrap_or(""), 10),
                m.start,
                m.stop
                    .map_or_else(|| "still taking".to_string(), |d| d.to_string())
            );
            lines.push(select::row(text, i == self.selected, theme));
        }
        frame.render_widget(Paragraph::new(lines), meds);
        let mut lines = vec![Line::from(vec![
            Span::styled("Self-checks ", theme.title()),
            Span::styled(
                format!(
                    "{} records one: heel walk, jar, stairs, symptoms",
                    keys.first_key("self_check")
                ),
                theme.dim(),
            ),
        ])];
        if self.checks.is_empty() {
            lines.push(Line::from(
                "  None yet. A self-check takes a minute and looks for the red flags.",
            ));
        }
        for c in &self.checks {
            let test = |name: &str, r: Option<TestResult>| match r {
                Some(r) => format!("{name} {}", r.as_str()),
                None => format!("{name} ?"),
            };
            let symptoms = if c.symptoms.is_empty() {
                "no symptoms".to_string()
            } else {
                format!("symptoms: {}", c.symptoms.join(", "))
            };
            let level = crate::patterns::self_check_level(c);
            lines.push(Line::from(vec![
                Span::raw(format!(
                    "  {}  {}  {}  {}  {}",
                    c.date,
                    test("heel walk", c.heel_walk),
                    test("jar", c.jar),
                    test("stairs", c.stairs),
                    symptoms
                )),
                match level {
                    Some(crate::patterns::Level::Urgent) => {
                        Span::styled("  !!! red flag", theme.error())
                    }
                    Some(_) => Span::styled("  !! see a doctor", theme.title()),
                    None => Span::raw(""),
                },
            ]));
        }
        frame.render_widget(Paragraph::new(lines), checks);
    }
}
