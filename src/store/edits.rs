//! Changing and deleting one record by hand, whatever its kind: [`Diary::edit`],
//! [`Diary::save_edit`] and [`Diary::delete`], each one write transaction with its undo entry.
//! What differs between the kinds (the key, the words, what an edit may not change) is each
//! kind's [`Editable`], beside its table.

use chrono::{DateTime, Utc};
use rusqlite::Transaction;

use super::undo::{Kept, Undo};
use super::{Diary, Result, StoreError};

/// A kind of record changed and deleted by hand: an episode, a check-in, a medication or a
/// self-check (an experiment is stopped, not edited). Sealed: it asks for the store's own
/// `Kept`, which nothing outside the store can name; its `Key` is an id, or a check-in's date.
pub trait Editable: Kept + PartialEq {
    /// A change of it in words, for a refusal ("editing an episode").
    const EDITING: &'static str;

    /// Its removal in words, for a refusal ("deleting a medication").
    const DELETING: &'static str;

    /// The record in words: "the twitch at 2026-11-25 10:00", "Magnesium". Undo names a
    /// change with it ("deleting the check-in of 2026-11-25").
    fn named(&self) -> String;

    /// Puts back from `before` what an edit may not change (what finds it, when it was made),
    /// and counts it changed `now` where it keeps that time; a made time after `now` (a clock
    /// put back since) becomes `now`, so that it is never changed before it was made.
    fn settle(&mut self, before: &Self, now: DateTime<Utc>);

    /// Refuses an edited record that the diary's other records rule out (a medication's name
    /// taken); its own checks have passed.
    fn admit(&self, _tx: &Transaction<'_>) -> Result<()> {
        Ok(())
    }

    /// The edit from `before` to `after` in words, for undo.
    fn edited(before: &Self, _after: &Self) -> String {
        format!("changing {}", before.named())
    }

    /// Copies onto the record as kept now the fields a form opened on `base` changed (where
    /// `edited` differs from `base`); returns those of them changed meanwhile elsewhere.
    fn carry_changes(&mut self, base: &Self, edited: &Self) -> Vec<&'static str>;

    /// What [`Diary::save_edit`] does for this kind: the changes carried onto the record as
    /// it is now, as [`Diary::edit`] makes them (a check-in, kept by date, is made when its
    /// day has none).
    fn save_edit(
        diary: &mut Diary,
        base: &Self,
        edited: &Self,
        now: DateTime<Utc>,
        told: &[String],
    ) -> Result<Self> {
        diary.edit::<Self, StoreError>(base.key(), now, |current| {
            changed_elsewhere(current.carry_changes(base, edited), told)
        })
    }
}

impl Diary {
    /// Changes the record `key` of kind `T` in one write transaction (`BEGIN IMMEDIATE`):
    /// `edit` is handed the record as it is at that moment and changes what it means to, so two
    /// edits of the same record at once both land, field by field, where reading it first and
    /// writing it back later would let the second undo the first. What finds it and when it was
    /// made stay ([`Editable::settle`]); it is validated as a new one is; `myolog undo` restores
    /// it as it was. Returns it as saved.
    pub fn edit<T: Editable, E: From<StoreError>>(
        &mut self,
        key: T::Key,
        now: DateTime<Utc>,
        edit: impl FnOnce(&mut T) -> std::result::Result<(), E>,
    ) -> std::result::Result<T, E> {
        self.edit_telling(key, now, edit).map(|(record, _)| record)
    }

    /// [`Diary::edit`], and whether it changed anything: an edit that changes no field writes
    /// nothing and takes no undo step, and its caller should not say "Changed".
    pub fn edit_telling<T: Editable, E: From<StoreError>>(
        &mut self,
        key: T::Key,
        now: DateTime<Utc>,
        edit: impl FnOnce(&mut T) -> std::result::Result<(), E>,
    ) -> std::result::Result<(T, bool), E> {
        self.change(T::EDITING, key, now, |tx| {
            let before = T::existing(tx, key)?;
            let mut after = before.clone();
            edit(&mut after)?;
            if !changes_anything(&before, &after) {
                return Ok((Undo::nothing(), (before, false)));
            }
            after.settle(&before, now);
            after.check()?;
            after.admit(tx)?;
            let label = T::edited(&before, &after);
            T::put(tx, &after, now)?;
            Ok((Undo::restoring(before, label), (after, true)))
        })
    }

    /// Saves an edit made in a form opened on `base`: the fields the form changed (where
    /// `edited` differs from `base`) are written onto the record as it is now, in one write
    /// transaction, so that a change made meanwhile elsewhere (the command line, a second
    /// window) to another field is kept. A field the form changed that was also changed
    /// elsewhere, to something else, is not overwritten unless it is among `told` (the person
    /// was told of it and saved again): [`StoreError::ChangedElsewhere`] names it, and nothing
    /// is written. Returns the record as now kept.
    pub fn save_edit<T: Editable>(
        &mut self,
        base: &T,
        edited: &T,
        now: DateTime<Utc>,
        told: &[String],
    ) -> Result<T> {
        T::save_edit(self, base, edited, now, told)
    }

    /// Removes the record `key` of kind `T` (an episode is marked deleted); `myolog undo`
    /// brings it back. Returns it as it was.
    pub fn delete<T: Editable>(&mut self, key: T::Key, now: DateTime<Utc>) -> Result<T> {
        self.change(T::DELETING, key, now, |tx| {
            let before = T::existing(tx, key)?;
            T::remove(tx, key, now)?;
            let label = format!("deleting {}", before.named());
            Ok((Undo::restoring(before.clone(), label), before))
        })
    }
}

/// Whether `edited` changes any field of `base` an edit may change (their change times aside):
/// a form saved as it was opened changes nothing, and nothing is written or offered to undo.
pub fn changes_anything<T: Editable>(base: &T, edited: &T) -> bool {
    let mut probe = base.clone();
    probe.carry_changes(base, edited);
    probe != *base
}

/// Refuses an edit whose `clashes` (fields it changed that were changed elsewhere meanwhile)
/// would overwrite another's change, unless the person was `told` of each of them.
pub(super) fn changed_elsewhere(clashes: Vec<&'static str>, told: &[String]) -> Result<()> {
    let fields: Vec<String> = clashes
        .into_iter()
        .map(field_words)
        .filter(|f| !told.contains(f))
        .collect();
    if fields.is_empty() {
        return Ok(());
    }
    Err(StoreError::ChangedElsewhere { fields })
}

/// A field's name as words: `duration_s` is "duration", `lost_motion` "lost motion".
fn field_words(name: &str) -> String {
    let name = ["_s", "_mg", "_h", "_l", "_min"]
        .iter()
        .find_map(|unit| name.strip_suffix(unit))
        .unwrap_or(name);
    name.replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_goes_through_only_over_the_fields_the_person_was_told_of() {
        let refused = |clashes: Vec<&'static str>, told: &[&str]| {
            let told: Vec<String> = told.iter().map(|s| s.to_string()).collect();
            match changed_elsewhere(clashes, &told) {
                Ok(()) => Vec::new(),
                Err(StoreError::ChangedElsewhere { fields }) => fields,
                Err(e) => panic!("{e}"),
            }
        };
        assert_eq!(refused(vec![], &[]), Vec::<String>::new());
        assert_eq!(
            refused(vec!["duration_s", "lost_motion"], &[]),
            ["duration", "lost motion"]
        );
        // Told of the intensity, not of the note changed since: the note still stops it.
        assert_eq!(refused(vec!["intensity", "note"], &["intensity"]), ["note"]);
        assert_eq!(
            refused(vec!["intensity", "note"], &["intensity", "note"]),
            Vec::<String>::new()
        );
    }
}
