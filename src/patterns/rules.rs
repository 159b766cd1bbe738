//! The rules of DOMAIN.md section 4 as data: their ids, levels, titles and the guidance wording
//! each comes from, with its source.

use serde::{Deserialize, Serialize};

/// How serious a flag is. Ordered most serious first, so sorting puts urgent flags on top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Seek prompt medical review.
    Urgent,
    /// Book an appointment.
    SeeDoctor,
    /// Worth watching; mention it at the next visit.
    Notice,
}

impl Level {
    /// A symbol that tells the levels apart without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Level::Urgent => "!!!",
            Level::SeeDoctor => "!!",
            Level::Notice => "!",
        }
    }

    /// The level in words.
    pub fn label(self) -> &'static str {
        match self {
            Level::Urgent => "urgent",
            Level::SeeDoctor => "see a doctor",
            Level::Notice => "notice",
        }
    }

    /// What the level asks of the user.
    pub fn meaning(self) -> &'static str {
        match self {
            Level::Urgent => "seek prompt medical review",
            Level::SeeDoctor => "book an appointment",
            Level::Notice => "worth watching; mention it at your next visit",
        }
    }

    /// The id used in JSON (`urgent`, `see_doctor`, `notice`).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Urgent => "urgent",
            Level::SeeDoctor => "see_doctor",
            Level::Notice => "notice",
        }
    }
}

crate::domain::display_as!(Level, label);

/// The stable id of each rule; serialised as the DOMAIN.md id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RuleId {
    #[serde(rename = "twitch_persistent")]
    TwitchPersistent,
    #[serde(rename = "twitch_widespread")]
    TwitchWidespread,
    #[serde(rename = "twitch_multiple_places")]
    TwitchMultiplePlaces,
    #[serde(rename = "red_flag_weakness")]
    RedFlagWeakness,
    #[serde(rename = "red_flag_atrophy")]
    RedFlagAtrophy,
    #[serde(rename = "red_flag_bulbar")]
    RedFlagBulbar,
    #[serde(rename = "red_flag_foot_drop")]
    RedFlagFootDrop,
    #[serde(rename = "red_flag_breathing")]
    RedFlagBreathing,
    #[serde(rename = "sensory_symptoms")]
    SensorySymptoms,
    #[serde(rename = "cramp_over_10_min")]
    CrampOver10Min,
    #[serde(rename = "cramp_sore_for_days")]
    CrampSoreForDays,
    #[serde(rename = "nocturnal_cramps_frequent")]
    NocturnalCrampsFrequent,
    #[serde(rename = "medication_onset")]
    MedicationOnset,
}

impl RuleId {
    pub const ALL: [RuleId; 13] = [
        RuleId::TwitchPersistent,
        RuleId::TwitchWidespread,
        RuleId::TwitchMultiplePlaces,
        RuleId::RedFlagWeakness,
        RuleId::RedFlagAtrophy,
        RuleId::RedFlagBulbar,
        RuleId::RedFlagFootDrop,
        RuleId::RedFlagBreathing,
        RuleId::SensorySymptoms,
        RuleId::CrampOver10Min,
        RuleId::CrampSoreForDays,
        RuleId::NocturnalCrampsFrequent,
        RuleId::MedicationOnset,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::TwitchPersistent => "twitch_persistent",
            RuleId::TwitchWidespread => "twitch_widespread",
            RuleId::TwitchMultiplePlaces => "twitch_multiple_places",
            RuleId::RedFlagWeakness => "red_flag_weakness",
            RuleId::RedFlagAtrophy => "red_flag_atrophy",
            RuleId::RedFlagBulbar => "red_flag_bulbar",
            RuleId::RedFlagFootDrop => "red_flag_foot_drop",
            RuleId::RedFlagBreathing => "red_flag_breathing",
            RuleId::SensorySymptoms => "sensory_symptoms",
            RuleId::CrampOver10Min => "cramp_over_10_min",
            RuleId::CrampSoreForDays => "cramp_sore_for_days",
            RuleId::NocturnalCrampsFrequent => "nocturnal_cramps_frequent",
            RuleId::MedicationOnset => "medication_onset",
        }
    }

    /// A flag raised by a self-check's symptoms, which a later self-check that does not report
    /// them ends.
    pub fn is_symptom_flag(self) -> bool {
        matches!(
            self,
            RuleId::RedFlagAtrophy
                | RuleId::RedFlagBulbar
                | RuleId::RedFlagFootDrop
                | RuleId::RedFlagBreathing
                | RuleId::SensorySymptoms
        )
    }

    /// Whether the flag's evidence gathers the entries of every occurrence (each long or sore
    /// cramp, each run of self-checks, each tongue twitch), rather than describing the latest
    /// one (a spell, a window, a run of nights, one medicine's weeks): see [`super::Evidence`].
    pub fn gathers_every_occurrence(self) -> bool {
        matches!(
            self,
            RuleId::RedFlagWeakness | RuleId::CrampOver10Min | RuleId::CrampSoreForDays
        ) || self.is_symptom_flag()
    }

    /// A short title for lists.
    pub fn title(self) -> &'static str {
        match self {
            RuleId::TwitchPersistent => "Twitching for more than two weeks",
            RuleId::TwitchWidespread => "Twitching in several body regions at once",
            RuleId::TwitchMultiplePlaces => "Twitching in more than one place",
            RuleId::RedFlagWeakness => "A strength test failed",
            RuleId::RedFlagAtrophy => "A muscle looks smaller or wasted",
            RuleId::RedFlagBulbar => "Swallowing, speech or tongue symptoms",
            RuleId::RedFlagFootDrop => "Tripping or a lead leg (foot drop)",
            RuleId::RedFlagBreathing => "Breathless lying flat or morning headaches",
            RuleId::SensorySymptoms => "Numbness or tingling reported in a self-check",
            RuleId::CrampOver10Min => "A cramp lasting more than 10 minutes",
            RuleId::CrampSoreForDays => "A cramp that left the muscle sore for days",
            RuleId::NocturnalCrampsFrequent => "Frequent night cramps",
            RuleId::MedicationOnset => "More episodes after starting a medicine",
        }
    }

    /// The guidance wording the rule comes from, with its public source by name.
    pub fn guidance(self) -> &'static str {
        match self {
            RuleId::TwitchPersistent => {
                "See a GP if a twitch lasts more than 2 weeks (NHS, \"Twitching eyes and \
                 muscles\"). The same page names stress, tiredness and caffeine as common \
                 causes: myolog marks a spell \"see a doctor\" when fewer than half of its twitch \
                 days had one of them, and \"notice\" otherwise. You can ask whether blood tests \
                 of salts, kidney function, vitamin D and thyroid are needed."
            }
            RuleId::TwitchWidespread => {
                "See a GP if twitching is in more than one place (NHS, \"Twitching eyes and \
                 muscles\"). Twitching in three or more body regions within a week is \
                 widespread: ask whether blood tests of salts, kidney function, vitamin D and \
                 thyroid are needed."
            }
            RuleId::TwitchMultiplePlaces => {
                "See a GP if twitching is in more than one place (NHS, \"Twitching eyes and \
                 muscles\"). Twitches in two body regions within a week are worth watching and \
                 mentioning; a third region would make it widespread."
            }
            RuleId::RedFlagWeakness => {
                "Objective weakness (failing to walk on your heels, open a jar or climb stairs) is \
                 a red flag: seek prompt medical review (NICE NG42; MND Association red-flag tool; \
                 NHS, \"Twitching eyes and muscles\": a weak or stiff area)."
            }
            RuleId::RedFlagAtrophy => {
                "A muscle that looks smaller or wasted is a red flag: seek prompt medical review \
                 (NICE NG42; MND Association red-flag tool)."
            }
            RuleId::RedFlagBulbar => {
                "Difficulty swallowing or speaking, or twitching of the tongue, is a red flag: seek \
                 prompt medical review (NICE NG42; MND Association red-flag tool)."
            }
            RuleId::RedFlagFootDrop => {
                "Tripping, a \"lead leg\" or foot drop is a red flag: seek prompt medical review \
                 (NICE NG42; MND Association red-flag tool)."
            }
            RuleId::RedFlagBreathing => {
                "Breathlessness lying flat or morning headaches are a red flag: seek prompt \
                 medical review (NICE NG42; MND Association red-flag tool)."
            }
            RuleId::SensorySymptoms => {
                "See a GP if you have numbness or swelling in your legs with cramps (NHS, \"Leg \
                 cramps\"): book an appointment and say where and when you felt the numbness or \
                 tingling."
            }
            RuleId::CrampOver10Min => {
                "See a GP if a cramp lasts longer than 10 minutes (NHS, \"Leg cramps\": \
                 non-urgent advice): book an appointment."
            }
            RuleId::CrampSoreForDays => {
                "A muscle may be tender for up to 24 hours after a cramp (NHS, \"Leg cramps\"); \
                 soreness for 2 days or more is longer than that: book an appointment."
            }
            RuleId::NocturnalCrampsFrequent => {
                "Three or more cramp attacks a week count as frequent (NICE CKS, leg cramps): \
                 mention them at your next visit, or see a GP sooner if they disturb your sleep \
                 (NHS, \"Leg cramps\"). A short calf and hamstring stretch before bed may help \
                 (Hallegraeff 2012; other trials disagree)."
            }
            RuleId::MedicationOnset => {
                "A medicine may be the cause of cramps or twitching (NHS, \"Twitching eyes and \
                 muscles\"); new cramps are more likely after starting long-acting beta-2 \
                 agonists (2.42 times), potassium-sparing diuretics (2.12) and thiazides (1.48) \
                 (Garrison 2012). Ask the prescriber; never stop a medicine on your own."
            }
        }
    }
}

crate::domain::display_as!(RuleId, as_str);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_serialise_as_the_domain_ids() {
        for rule in RuleId::ALL {
            assert_eq!(
                serde_json::to_string(&rule).unwrap(),
                format!("\"{}\"", rule.as_str())
            );
        }
        assert_eq!(
            serde_json::to_string(&Level::SeeDoctor).unwrap(),
            "\"see_doctor\""
        );
        assert!(Level::Urgent < Level::SeeDoctor && Level::SeeDoctor < Level::Notice);
    }
}
