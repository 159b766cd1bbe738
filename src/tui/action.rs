//! What keys and clicks ask for outside text fields ([`Action`]), and the screens ([`Tab`]).
//! The keymap maps keys to actions; the app carries them out.

/// The screens reached with `1`..`5` and Tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tab {
    Today,
    History,
    Meds,
    Patterns,
    Export,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Today,
        Tab::History,
        Tab::Meds,
        Tab::Patterns,
        Tab::Export,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Today => "Today",
            Tab::History => "History",
            Tab::Meds => "Meds & checks",
            Tab::Patterns => "Patterns",
            Tab::Export => "Export",
        }
    }
}

/// What a key (or a click) asks for, outside text fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    NewTwitch,
    NewCramp,
    CheckIn,
    SelfCheck,
    AddMedication,
    ShowTab(Tab),
    NextTab,
    PrevTab,
    Help,
    Quit,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Filter,
    Edit,
    Delete,
    Undo,
    /// Brings back what undo took.
    Redo,
    /// Left and Right along a screen's own choice: the section on Patterns, the period on Export.
    Left,
    Right,
    NextPeriod,
    PrevPeriod,
    /// Export: write over the file that the last write was refused for.
    Replace,
}
