//! Meds & checks (tab 3): every dated record that is not an episode, in one list of three
//! sections: the medications (those still taken first), the self-checks and the daily
//! check-ins (newest first). Up/Down pick a record, Left/Right jump between the sections, `e`
//! opens the picked one in its form to change it (a medication's form also records its stop,
//! on any day), `x` deletes it and `u` brings it back, as in History.
//!
//! Past check-ins are listed here rather than in History: History is the episodes' timeline
//! (its filters, counts and paging are about twitches and cramps), while a check-in is a dated
//! record of the day like a self-check, which is what this screen holds.

mod med_form;
mod self_check_form;

pub use med_form::MedForm;
pub use self_check_form::SelfCheckForm;

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::action::Action;
use super::fit::{cell, clip};
use super::keymap::Keymap;
use super::select;
use super::theme::Theme;
use crate::catalog::catalog;
use crate::domain::{CheckIn, Medication, Record, SelfCheck};
use crate::patterns::Level;
use crate::store::{Diary, StoreError};

/// The three sections, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Medications,
    SelfChecks,
    CheckIns,
}

impl Section {
    const ALL: [Section; 3] = [Section::Medications, Section::SelfChecks, Section::CheckIns];
}

/// One record of the list, by its section and its place in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    section: Section,
    index: usize,
}

/// One line of the screen, before it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Heading(Section),
    /// The medication table's column names.
    Columns,
    /// A section with nothing in it yet.
    None(Section),
    Blank,
    Entry(Entry),
}

/// The Meds & checks screen.
#[derive(Debug, Default)]
pub struct Meds {
    loaded: bool,
    meds: Vec<Medication>,
    /// Newest first.
    checks: Vec<SelfCheck>,
    /// Newest first.
    checkins: Vec<CheckIn>,
    /// The picked record, among every section's.
    selected: usize,
    /// The first line shown, and the lines that fit with where they start, as last drawn (for
    /// paging, scrolling and clicks).
    top: Cell<usize>,
    height: Cell<usize>,
    rows_top: Cell<u16>,
}

impl Meds {
    pub fn loaded(&self) -> bool {
        self.loaded
    }

    /// Reads the records again; the same record stays picked when it is still there.
    pub fn reload(&mut self, diary: &Diary) -> Result<(), StoreError> {
        let picked = self.selected_key();
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
        self.checkins = diary.checkins(None, None)?;
        self.checkins.reverse();
        let entries = self.entries();
        self.selected = picked
            .and_then(|(section, key)| {
                entries
                    .iter()
                    .position(|e| e.section == section && self.key_of(*e) == Some(key))
            })
            .unwrap_or(self.selected)
            .min(entries.len().saturating_sub(1));
        self.loaded = true;
        Ok(())
    }

    /// Every record, in the order shown.
    fn entries(&self) -> Vec<Entry> {
        Section::ALL
            .iter()
            .flat_map(|&section| (0..self.len(section)).map(move |index| Entry { section, index }))
            .collect()
    }

    fn len(&self, section: Section) -> usize {
        match section {
            Section::Medications => self.meds.len(),
            Section::SelfChecks => self.checks.len(),
            Section::CheckIns => self.checkins.len(),
        }
    }

    /// The picked record's section and id, to find it again after a reload.
    fn selected_key(&self) -> Option<(Section, uuid::Uuid)> {
        let e = *self.entries().get(self.selected)?;
        Some((e.section, self.key_of(e)?))
    }

    fn key_of(&self, e: Entry) -> Option<uuid::Uuid> {
        match e.section {
            Section::Medications => self.meds.get(e.index).map(|m| m.id),
            Section::SelfChecks => self.checks.get(e.index).map(|c| c.id),
            Section::CheckIns => self.checkins.get(e.index).map(CheckIn::id),
        }
    }

    /// Picks the record of `section` with this id (a check-in's is its date's), when it is
    /// listed: the one just saved.
    pub fn pick(&mut self, section: Section, id: uuid::Uuid) {
        if let Some(i) = self
            .entries()
            .iter()
            .position(|e| e.section == section && self.key_of(*e) == Some(id))
        {
            self.selected = i;
        }
    }

    /// The picked record, which `e` and `x` act on.
    pub fn selected(&self) -> Option<Record> {
        let e = *self.entries().get(self.selected)?;
        Some(match e.section {
            Section::Medications => Record::Medication(self.meds.get(e.index)?.clone()),
            Section::SelfChecks => Record::SelfCheck(self.checks.get(e.index)?.clone()),
            Section::CheckIns => Record::CheckIn(self.checkins.get(e.index)?.clone()),
        })
    }

    pub fn navigate(&mut self, action: Action) {
        let last = self.entries().len().saturating_sub(1);
        let page = self.height.get().max(2) - 1;
        self.selected = select::moved(self.selected, last, action, page);
    }

    /// Left/Right: the first record of the previous or next section that has any.
    pub fn jump(&mut self, forward: bool) {
        let entries = self.entries();
        let Some(current) = entries.get(self.selected).map(|e| e.section) else {
            return;
        };
        let at = Section::ALL.iter().position(|s| *s == current).unwrap_or(0);
        let order: Vec<Section> = if forward {
            Section::ALL[at + 1..].to_vec()
        } else {
            Section::ALL[..at].iter().rev().copied().collect()
        };
        for section in order {
            if let Some(i) = entries.iter().position(|e| e.section == section) {
                self.selected = i;
                return;
            }
        }
    }

    pub fn click(&mut self, row: u16) {
        let top = self.rows_top.get();
        if row < top {
            return;
        }
        let line = self.top.get() + usize::from(row - top);
        if let Some(Slot::Entry(e)) = self.slots().get(line)
            && let Some(i) = self.entries().iter().position(|x| x == e)
        {
            self.selected = i;
        }
    }

    /// The lines of the screen, in order.
    fn slots(&self) -> Vec<Slot> {
        let mut slots = Vec::new();
        for section in Section::ALL {
            if section != Section::Medications {
                slots.push(Slot::Blank);
            }
            slots.push(Slot::Heading(section));
            let n = self.len(section);
            if n == 0 {
                slots.push(Slot::None(section));
                continue;
            }
            if section == Section::Medications {
                slots.push(Slot::Columns);
            }
            slots.extend((0..n).map(|index| Slot::Entry(Entry { section, index })));
        }
        slots
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, keys: &Keymap, theme: &Theme) {
        let area = area.inner(Margin::new(1, 0));
        let width = usize::from(area.width);
        let height = usize::from(area.height);
        let slots = self.slots();
        let entries = self.entries();
        let picked = entries.get(self.selected).copied();
        let picked_line = picked
            .and_then(|p| slots.iter().position(|s| *s == Slot::Entry(p)))
            .unwrap_or(0);
        // The picked record in view, with its section's heading when there is room.
        let mut top = self.top.get().min(slots.len().saturating_sub(height));
        if picked_line < top {
            top = picked_line;
            let heading = slots[..picked_line]
                .iter()
                .rposition(|s| matches!(s, Slot::Heading(_)))
                .unwrap_or(0);
            if picked_line - heading < height {
                top = heading;
            }
        } else if picked_line >= top + height.max(1) {
            top = picked_line + 1 - height.max(1);
        }
        self.top.set(top);
        self.height.set(height);
        self.rows_top.set(area.y);
        let columns = MedColumns::fit(width.saturating_sub(2));
        let lines: Vec<Line<'static>> = slots
            .iter()
            .skip(top)
            .take(height)
            .map(|slot| self.line(*slot, picked, &columns, width, keys, theme))
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
    }

    fn line(
        &self,
        slot: Slot,
        picked: Option<Entry>,
        columns: &MedColumns,
        width: usize,
        keys: &Keymap,
        theme: &Theme,
    ) -> Line<'static> {
        let row_width = width.saturating_sub(2);
        match slot {
            Slot::Blank => Line::from(""),
            Slot::Heading(section) => self.heading(section, width, keys, theme),
            Slot::Columns => {
                Line::from(Span::styled(format!("  {}", columns.header()), theme.dim()))
            }
            Slot::None(section) => Line::from(clip(
                match section {
                    Section::Medications => {
                        "  None yet. Medicines matter: some classes are tied to cramps and twitching."
                    }
                    Section::SelfChecks => {
                        "  None yet. A self-check takes a minute and looks for the red flags."
                    }
                    Section::CheckIns => {
                        "  None yet. A daily check-in lets the patterns compare days."
                    }
                },
                width,
            )),
            Slot::Entry(e) => {
                let selected = picked == Some(e);
                match e.section {
                    Section::Medications => {
                        let text = self.meds.get(e.index).map(|m| columns.row(m));
                        select::row(text.unwrap_or_default(), selected, theme)
                    }
                    Section::SelfChecks => {
                        let Some(c) = self.checks.get(e.index) else {
                            return Line::from("");
                        };
                        let mark = match crate::patterns::self_check_level(c) {
                            Some(Level::Urgent) => "!!!",
                            Some(Level::SeeDoctor) => "!! ",
                            _ => "   ",
                        };
                        let text = clip(&format!("{} {mark} {}", c.date, c.summary()), row_width);
                        if mark.trim().is_empty() || selected {
                            return select::row(text, selected, theme);
                        }
                        // A red flag in the error colour (the marks say it without colour).
                        Line::from(vec![Span::raw("  "), Span::styled(text, theme.error())])
                    }
                    Section::CheckIns => {
                        let text = self
                            .checkins
                            .get(e.index)
                            .map(|c| clip(&format!("{}  {}", c.date, c.brief()), row_width));
                        select::row(text.unwrap_or_default(), selected, theme)
                    }
                }
            }
        }
    }

    /// A section's heading: its name and count, and its keys when they fit whole.
    fn heading(
        &self,
        section: Section,
        width: usize,
        keys: &Keymap,
        theme: &Theme,
    ) -> Line<'static> {
        let (name, hint) = match section {
            Section::Medications => (
                "Medications",
                format!(
                    "{} adds, {} changes or stops, {} deletes",
                    keys.first_key("add_medication"),
                    keys.first_key("edit"),
                    keys.first_key("delete")
                ),
            ),
            Section::SelfChecks => (
                "Self-checks",
                format!("{} records one", keys.first_key("self_check")),
            ),
            Section::CheckIns => (
                "Check-ins",
                format!("{} for today's", keys.first_key("checkin")),
            ),
        };
        let heading = format!("{name} ({}) ", self.len(section));
        let mut spans = vec![Span::styled(heading.clone(), theme.title())];
        if heading.chars().count() + hint.chars().count() <= width {
            spans.push(Span::styled(hint, theme.dim()));
        }
        Line::from(spans)
    }
}

/// The medication table's columns that fit a width: the name, the start and the stop always;
/// the dose and the class as room allows, in that order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct MedColumns {
    name: usize,
    dose: usize,
    class: usize,
}

impl MedColumns {
    const START: usize = 10;
    /// "still taking".
    const STOP: usize = 12;

    fn fit(width: usize) -> MedColumns {
        let mut room = width.saturating_sub(Self::START + 1 + Self::STOP + 1);
        // The name keeps 12 before the dose shows, and the class 12 more before it does.
        let dose = if room >= 11 + 12 { 11 } else { 0 };
        room -= dose;
        let class = if room >= 13 + 12 {
            (room - 12).min(23)
        } else {
            0
        };
        room -= class;
        MedColumns {
            name: room.clamp(4, 20),
            dose: dose.saturating_sub(1),
            class: class.saturating_sub(1),
        }
    }

    fn cells(&self, cells: [&str; 5]) -> String {
        let [name, class, dose, start, stop] = cells;
        let mut s = format!("{:<w$} ", cell(name, self.name), w = self.name);
        if self.class > 0 {
            s.push_str(&format!("{:<w$} ", cell(class, self.class), w = self.class));
        }
        if self.dose > 0 {
            s.push_str(&format!("{:<w$} ", cell(dose, self.dose), w = self.dose));
        }
        s.push_str(&format!("{start:<10} {stop}"));
        s.trim_end().to_string()
    }

    fn header(&self) -> String {
        self.cells(["NAME", "CLASS", "DOSE", "START", "STOP"])
    }

    fn row(&self, m: &Medication) -> String {
        let class = catalog()
            .medication_class(&m.class)
            .map_or(m.class.as_str(), |c| c.label.as_str());
        self.cells([
            &m.name,
            class,
            m.dose.as_deref().unwrap_or(""),
            &m.start.to_string(),
            &m.stop
                .map_or_else(|| "still taking".to_string(), |d| d.to_string()),
        ])
    }
}
