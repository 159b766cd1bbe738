//! Keys to actions: the defaults of issue 3, and rebinding from the config file's `[keys]`
//! section, e.g.
//!
//! ```toml
//! [keys]
//! new_twitch = "w"
//! quit = ["q", "ctrl-q"]
//! ```
//!
//! A rebound action loses its default keys; a key bound to two actions is refused.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Tab};
use super::form::FormKey;
use crate::config::Config;
use crate::domain::InputError;

/// A key with its modifiers, as written in the config file: `t`, `ctrl-s`, `shift-tab`, `f1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// The key of an event; shift is folded into the character (`G`, `?`), and Shift-Tab is
    /// `BackTab`.
    pub fn of(event: &KeyEvent) -> Key {
        let code = match event.code {
            KeyCode::Char(c) if event.modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            other => other,
        };
        Key {
            code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }

    pub fn parse(text: &str) -> Result<Key, String> {
        let bad = || {
            format!(
                "'{text}' is not a key; accepted: a character, or ctrl-/alt- with one, or \
                 tab, shift-tab, enter, esc, space, backspace, up, down, left, right, \
                 pageup, pagedown, home, end, f1..f12"
            )
        };
        let mut rest = text.trim();
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        loop {
            let lower = rest.to_lowercase();
            if let Some(r) = lower.strip_prefix("ctrl-") {
                ctrl = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("alt-") {
                alt = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("shift-") {
                shift = true;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                let c = if ctrl {
                    c.to_ascii_lowercase()
                } else if shift {
                    c.to_ascii_uppercase()
                } else {
                    c
                };
                KeyCode::Char(c)
            }
            _ => match rest.to_lowercase().as_str() {
                "tab" if shift => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                f if f.starts_with('f') => {
                    let n: u8 = f[1..].parse().map_err(|_| bad())?;
                    if !(1..=12).contains(&n) {
                        return Err(bad());
                    }
                    KeyCode::F(n)
                }
                _ => return Err(bad()),
            },
        };
        Ok(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if self.ctrl => write!(f, "{}", c.to_ascii_uppercase()),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Up => f.write_str("Up"),
            KeyCode::Down => f.write_str("Down"),
            KeyCode::Left => f.write_str("Left"),
            KeyCode::Right => f.write_str("Right"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Something a key can be bound to: an app action or a form key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    App(Action),
    Form(FormKey),
}

/// Every bindable name, its meaning and its default keys, in the order help shows them.
pub const BINDINGS: &[(&str, Bound, &[&str])] = &[
    ("new_twitch", Bound::App(Action::NewTwitch), &["t"]),
    ("new_cramp", Bound::App(Action::NewCramp), &["c"]),
    ("checkin", Bound::App(Action::CheckIn), &["d"]),
    ("self_check", Bound::App(Action::SelfCheck), &["s"]),
    ("add_medication", Bound::App(Action::AddMedication), &["a"]),
    ("today", Bound::App(Action::ShowTab(Tab::Today)), &["1"]),
    ("history", Bound::App(Action::ShowTab(Tab::History)), &["2"]),
    ("meds", Bound::App(Action::ShowTab(Tab::Meds)), &["3"]),
    (
        "patterns",
        Bound::App(Action::ShowTab(Tab::Patterns)),
        &["4"],
    ),
    ("export", Bound::App(Action::ShowTab(Tab::Export)), &["5"]),
    ("next_screen", Bound::App(Action::NextTab), &["tab"]),
    (
        "previous_screen",
        Bound::App(Action::PrevTab),
        &["shift-tab"],
    ),
    ("help", Bound::App(Action::Help), &["?", "f1"]),
    ("quit", Bound::App(Action::Quit), &["q"]),
    ("up", Bound::App(Action::Up), &["up", "k"]),
    ("down", Bound::App(Action::Down), &["down", "j"]),
    // Ctrl-U and Ctrl-D page as in vim and less; in a text field Ctrl-U clears it instead.
    ("page_up", Bound::App(Action::PageUp), &["pageup", "ctrl-u"]),
    (
        "page_down",
        Bound::App(Action::PageDown),
        &["pagedown", "ctrl-d"],
    ),
    ("top", Bound::App(Action::Top), &["g", "home"]),
    ("bottom", Bound::App(Action::Bottom), &["G", "end"]),
    ("filter", Bound::App(Action::Filter), &["/"]),
    ("edit", Bound::App(Action::Edit), &["e", "enter"]),
    ("delete", Bound::App(Action::Delete), &["x", "delete"]),
    ("undo", Bound::App(Action::Undo), &["u"]),
    ("redo", Bound::App(Action::Redo), &["ctrl-r"]),
    ("left", Bound::App(Action::Left), &["left", "h"]),
    ("right", Bound::App(Action::Right), &["right", "l"]),
    ("next_period", Bound::App(Action::NextPeriod), &["p"]),
    ("previous_period", Bound::App(Action::PrevPeriod), &["P"]),
    ("replace", Bound::App(Action::Replace), &["r"]),
    ("next_field", Bound::Form(FormKey::Next), &["tab", "down"]),
    (
        "previous_field",
        Bound::Form(FormKey::Prev),
        &["shift-tab", "up"],
    ),
    ("choose", Bound::Form(FormKey::Choose), &["enter", "space"]),
    ("save", Bound::Form(FormKey::Save), &["ctrl-s"]),
    ("cancel", Bound::Form(FormKey::Cancel), &["esc"]),
];

/// The keys in force: outside forms (`app`) and inside them (`form`).
#[derive(Debug, Clone)]
pub struct Keymap {
    app: HashMap<Key, Action>,
    form: HashMap<Key, FormKey>,
    /// The keys of each binding name, for help and hints.
    names: BTreeMap<&'static str, Vec<Key>>,
}

impl Default for Keymap {
    #[expect(
        clippy::panic,
        reason = "the default keys are compiled in; every UI test builds them"
    )]
    fn default() -> Self {
        Keymap::build(&BTreeMap::new()).unwrap_or_else(|e| panic!("default keys clash: {e}"))
    }
}

impl Keymap {
    /// The defaults with the config file's `[keys]` applied.
    pub fn from_config(config: &Config) -> Result<Keymap, InputError> {
        let section: BTreeMap<String, toml::Value> = config.section("keys")?;
        let field = |name: &str| format!("[keys] {name}");
        let mut overrides = BTreeMap::new();
        for (name, value) in &section {
            if !BINDINGS.iter().any(|(n, _, _)| n == name) {
                let known: Vec<&str> = BINDINGS.iter().map(|(n, _, _)| *n).collect();
                return Err(InputError::new(
                    field(name),
                    format!("is not a key binding; accepted: {}", known.join(", ")),
                ));
            }
            let texts: Vec<&str> = match value {
                toml::Value::String(s) => vec![s.as_str()],
                toml::Value::Array(items) => items
                    .iter()
                    .map(|v| {
                        v.as_str().ok_or_else(|| {
                            InputError::new(field(name), "accepted: a key or a list of keys")
                        })
                    })
                    .collect::<Result<_, _>>()?,
                _ => {
                    return Err(InputError::new(
                        field(name),
                        "accepted: a key (\"t\") or a list of keys ([\"q\", \"ctrl-q\"])",
                    ));
                }
            };
            let keys = texts
                .iter()
                .map(|t| Key::parse(t).map_err(|m| InputError::new(field(name), m)))
                .collect::<Result<Vec<_>, _>>()?;
            overrides.insert(name.clone(), keys);
        }
        Keymap::build(&overrides)
    }

    fn build(overrides: &BTreeMap<String, Vec<Key>>) -> Result<Keymap, InputError> {
        let mut map = Keymap {
            app: HashMap::new(),
            form: HashMap::new(),
            names: BTreeMap::new(),
        };
        let mut owner: HashMap<(bool, Key), &str> = HashMap::new();
        for (name, bound, defaults) in BINDINGS {
            let keys = match overrides.get(*name) {
                Some(keys) => keys.clone(),
                None => defaults
                    .iter()
                    .map(|d| Key::parse(d))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|m| InputError::new("keys", m))?,
            };
            let in_form = matches!(bound, Bound::Form(_));
            for key in &keys {
                if let Some(other) = owner.insert((in_form, *key), name) {
                    return Err(InputError::new(
                        format!("[keys] {name}"),
                        format!(
                            "{key} is bound to {other} already; bind {other} to another key too"
                        ),
                    ));
                }
                match bound {
                    Bound::App(a) => {
                        map.app.insert(*key, *a);
                    }
                    Bound::Form(f) => {
                        map.form.insert(*key, *f);
                    }
                }
            }
            map.names.insert(name, keys);
        }
        Ok(map)
    }

    pub fn action(&self, event: &KeyEvent) -> Option<Action> {
        self.app.get(&Key::of(event)).copied()
    }

    pub fn form_key(&self, event: &KeyEvent) -> Option<FormKey> {
        self.form.get(&Key::of(event)).copied()
    }

    /// The keys bound to a name, as help shows them: "j / Down".
    pub fn keys_of(&self, name: &str) -> String {
        self.names
            .get(name)
            .map(|keys| {
                keys.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" / ")
            })
            .unwrap_or_default()
    }

    /// The first keys of two names, arrows drawn as `<-` and `->`: "<-/->" for the defaults of
    /// `left` and `right`.
    pub fn arrows(&self, first: &str, second: &str) -> String {
        let short = |name: &str| match self.names.get(name).and_then(|k| k.first()) {
            Some(Key {
                code: KeyCode::Left,
                ctrl: false,
                alt: false,
            }) => "<-".to_string(),
            Some(Key {
                code: KeyCode::Right,
                ctrl: false,
                alt: false,
            }) => "->".to_string(),
            _ => self.first_key(name),
        };
        format!("{}/{}", short(first), short(second))
    }

    /// The first key bound to a name that is not a plain character, so that it works in a
    /// text field too (`F1` for help); the first key when all are characters.
    pub fn command_key(&self, name: &str) -> String {
        let keys = self.names.get(name).map(Vec::as_slice).unwrap_or_default();
        keys.iter()
            .find(|k| k.ctrl || k.alt || !matches!(k.code, KeyCode::Char(_)))
            .or(keys.first())
            .map_or_else(|| "(unbound)".into(), ToString::to_string)
    }

    /// The first key bound to a name, for one-line hints.
    pub fn first_key(&self, name: &str) -> String {
        self.names
            .get(name)
            .and_then(|k| k.first())
            .map(ToString::to_string)
            .unwrap_or_else(|| "(unbound)".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn defaults_follow_the_issue() {
        let k = Keymap::default();
        let plain = |c| press(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(k.action(&plain('t')), Some(Action::NewTwitch));
        assert_eq!(k.action(&plain('c')), Some(Action::NewCramp));
        assert_eq!(k.action(&plain('3')), Some(Action::ShowTab(Tab::Meds)));
        assert_eq!(
            k.action(&press(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            k.form_key(&press(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            Some(FormKey::Save)
        );
        assert_eq!(
            k.form_key(&press(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(FormKey::Prev)
        );
    }

    #[test]
    fn config_rebinds_and_refuses_clashes() {
        let c = Config::parse(
            "[keys]\nnew_twitch = \"w\"\nquit = [\"q\", \"ctrl-q\"]\n",
            None,
        )
        .unwrap();
        let k = Keymap::from_config(&c).unwrap();
        let plain = |c| press(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(k.action(&plain('w')), Some(Action::NewTwitch));
        assert_eq!(k.action(&plain('t')), None);
        assert_eq!(
            k.action(&press(KeyCode::Char('q'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        let clash = Config::parse("[keys]\nquit = \"t\"\n", None).unwrap();
        let err = Keymap::from_config(&clash).unwrap_err();
        assert!(err.message.contains("new_twitch"), "{err}");
        let unknown = Config::parse("[keys]\nfly = \"f\"\n", None).unwrap();
        assert!(Keymap::from_config(&unknown).is_err());
        let bad = Config::parse("[keys]\nquit = \"hyper-q\"\n", None).unwrap();
        assert!(Keymap::from_config(&bad).is_err());
    }
}
