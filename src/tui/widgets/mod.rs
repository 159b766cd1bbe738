//! Widgets the screens share: the body map and the day strip.

pub mod body_map;
pub mod day_strip;
