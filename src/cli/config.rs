//! `myolog config`: every setting in force, its value, and whether it came from the config file
//! or is the default.

use super::{Result, say, table};
use crate::config::{Config, default_path};
use crate::patterns::{self, Settings};

pub fn run() -> Result<()> {
    let config = Config::load()?;
    let settings = Settings::from_config(&config)?;
    let file = match (&config.path, default_path()) {
        (Some(path), _) => format!("Config file: {}", path.display()),
        (None, Some(path)) => format!(
            "Config file: {} (none there: every setting is its default)",
            path.display()
        ),
        (None, None) => {
            "Config file: none (no config folder here): every setting is its default".to_string()
        }
    };
    say(file)?;
    say(String::new())?;
    say(format!("[{}]", patterns::SECTION))?;
    let rows = settings
        .describe()
        .into_iter()
        .map(|info| {
            let from = if config.sets(patterns::SECTION, info.key) {
                format!("file (default {})", info.default)
            } else {
                "default".to_string()
            };
            vec![
                info.key.to_string(),
                info.value,
                from,
                info.help.to_string(),
            ]
        })
        .collect();
    say(table::render(
        &["SETTING", "VALUE", "FROM", "MEANING"],
        rows,
    ))?;
    Ok(())
}
