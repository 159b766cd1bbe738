//! The config file, `config.toml` in the platform's config folder (or `MYOLOG_CONFIG`).
//! Each part of myolog reads its own section (`[patterns]`, `[keys]`, `[report]`) into its own
//! type, so the file stays one place for the user and each section stays with its code.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::domain::InputError;

#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file the settings came from; `None` when there is none and defaults are in force.
    pub path: Option<PathBuf>,
    table: toml::Table,
}

/// Where the config file is looked for.
pub fn default_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("MYOLOG_CONFIG") {
        return Some(PathBuf::from(path));
    }
    directories::BaseDirs::new().map(|d| d.config_dir().join("myolog").join("config.toml"))
}

impl Config {
    /// Reads the config file at the default place; no file means every default.
    pub fn load() -> Result<Config, InputError> {
        match default_path() {
            Some(path) => Config::load_from(&path),
            None => Ok(Config::default()),
        }
    }

    pub fn load_from(path: &Path) -> Result<Config, InputError> {
        let field = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(InputError::new(field, format!("cannot be read: {e}"))),
        };
        Config::parse(&text, Some(path.to_owned()))
    }

    pub fn parse(text: &str, path: Option<PathBuf>) -> Result<Config, InputError> {
        let field = path
            .as_ref()
            .map_or_else(|| "config".to_string(), |p| p.display().to_string());
        let table: toml::Table = toml::from_str(text)
            .map_err(|e| InputError::new(&field, format!("is not valid TOML: {}", e.message())))?;
        Ok(Config { path, table })
    }

    /// A section as its own settings type; a missing section is all defaults. Types should use
    /// `#[serde(default, deny_unknown_fields)]` so a misspelt key is an error, not ignored.
    pub fn section<T: DeserializeOwned + Default>(&self, name: &str) -> Result<T, InputError> {
        let Some(value) = self.table.get(name) else {
            return Ok(T::default());
        };
        let field = match &self.path {
            Some(p) => format!("{} [{name}]", p.display()),
            None => format!("config [{name}]"),
        };
        value
            .clone()
            .try_into()
            .map_err(|e: toml::de::Error| InputError::new(field, e.message().to_string()))
    }

    /// Whether the file sets `key` in `section` (for saying where a setting came from).
    pub fn sets(&self, section: &str, key: &str) -> bool {
        self.table
            .get(section)
            .and_then(|s| s.as_table())
            .is_some_and(|s| s.contains_key(key))
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default, deny_unknown_fields)]
    struct Demo {
        window_days: u32,
    }

    #[test]
    fn sections_default_and_refuse_unknown_keys() {
        let c = Config::parse("[demo]\nwindow_days = 9\n", None).unwrap();
        assert_eq!(c.section::<Demo>("demo").unwrap().window_days, 9);
        assert!(c.sets("demo", "window_days"));
        assert_eq!(c.section::<Demo>("other").unwrap(), Demo::default());
        let bad = Config::parse("[demo]\nwindow_dayz = 9\n", None).unwrap();
        assert!(
            bad.section::<Demo>("demo")
                .unwrap_err()
                .message
                .contains("window_dayz")
        );
        assert!(Config::parse("[demo\n", None).is_err());
    }
}
