//! The catalogues of `assets/catalog.toml`: body sites and their groups, triggers, reliefs,
//! medication classes, caffeine servings and the self-check items. Embedded at build time.

use std::sync::OnceLock;

use serde::Deserialize;

const SOURCE: &str = include_str!("../assets/catalog.toml");

/// Everything in `assets/catalog.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    #[serde(rename = "group")]
    pub groups: Vec<Group>,
    #[serde(rename = "site")]
    pub sites: Vec<SiteInfo>,
    #[serde(rename = "trigger")]
    pub triggers: Vec<TriggerInfo>,
    #[serde(rename = "relief")]
    pub reliefs: Vec<Entry>,
    #[serde(rename = "medication_class")]
    pub medication_classes: Vec<MedicationClass>,
    #[serde(rename = "caffeine")]
    pub caffeine: Vec<CaffeineServing>,
    #[serde(rename = "strength_test")]
    pub strength_tests: Vec<Explained>,
    #[serde(rename = "symptom")]
    pub symptoms: Vec<Explained>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub label: String,
    pub region: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteInfo {
    pub id: String,
    pub label: String,
    pub sided: bool,
    pub group: String,
    /// A SNOMED CT body-site code for this very site.
    #[serde(default)]
    pub snomed: Option<String>,
    /// A broader SNOMED CT code (the limb or the trunk) where no specific one is known good.
    #[serde(default)]
    pub snomed_region: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl SiteInfo {
    /// The most specific SNOMED CT code known for this site.
    pub fn snomed_code(&self) -> Option<&str> {
        self.snomed.as_deref().or(self.snomed_region.as_deref())
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriggerInfo {
    pub id: String,
    pub label: String,
    /// Counts as an obvious trigger for a twitch day (DOMAIN.md section 4).
    #[serde(default)]
    pub obvious: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Explained {
    pub id: String,
    pub label: String,
    pub explain: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MedicationClass {
    pub id: String,
    pub label: String,
    pub examples: String,
    pub evidence: String,
    /// Watched by the `medication_onset` pattern rule.
    pub flagged: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaffeineServing {
    pub id: String,
    pub label: String,
    pub mg: u32,
}

/// The catalogue, parsed once. The file is part of the binary, and a test parses it, so a
/// failure here is a build mistake rather than anything a user can cause: it stops the program
/// with the parse error rather than make every reader of a site name fallible.
#[expect(
    clippy::panic,
    reason = "compiled in; catalogue_parses_and_ids_are_unique parses it"
)]
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        toml::from_str(SOURCE).unwrap_or_else(|e| panic!("assets/catalog.toml is invalid: {e}"))
    })
}

impl Catalog {
    pub fn site(&self, id: &str) -> Option<&SiteInfo> {
        self.sites.iter().find(|s| s.id == id)
    }

    /// Where a site stands in the catalogue (head to foot), for listing sites in that order;
    /// an unknown id (a custom one from an import) after every known one.
    pub fn site_order(&self, id: &str) -> usize {
        self.sites
            .iter()
            .position(|s| s.id == id)
            .unwrap_or(usize::MAX)
    }

    /// A site by id or alias, ignoring case.
    pub fn lookup_site(&self, name: &str) -> Option<&SiteInfo> {
        let name = name.trim().to_lowercase();
        self.site(&name)
            .or_else(|| self.sites.iter().find(|s| s.aliases.contains(&name)))
    }

    /// Site ids that look like `name`, closest first: for "did you mean" messages.
    pub fn close_sites(&self, name: &str) -> Vec<&str> {
        let name = name.trim().to_lowercase();
        let mut scored: Vec<(f64, &str)> = self
            .sites
            .iter()
            .map(|s| {
                let best = std::iter::once(s.id.as_str())
                    .chain(s.aliases.iter().map(String::as_str))
                    .map(|candidate| strsim::jaro_winkler(&name, candidate))
                    .fold(0.0, f64::max);
                (best, s.id.as_str())
            })
            .filter(|(score, _)| *score >= 0.7)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.into_iter().take(4).map(|(_, id)| id).collect()
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    pub fn trigger(&self, id: &str) -> Option<&TriggerInfo> {
        self.triggers.iter().find(|t| t.id == id)
    }

    pub fn medication_class(&self, id: &str) -> Option<&MedicationClass> {
        self.medication_classes.iter().find(|c| c.id == id)
    }

    pub fn caffeine_serving(&self, id: &str) -> Option<&CaffeineServing> {
        self.caffeine.iter().find(|c| c.id == id)
    }

    pub fn symptom(&self, id: &str) -> Option<&Explained> {
        self.symptoms.iter().find(|s| s.id == id)
    }

    pub fn relief(&self, id: &str) -> Option<&Entry> {
        self.reliefs.iter().find(|r| r.id == id)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn catalogue_parses_and_ids_are_unique() {
        let c = catalog();
        let mut seen = HashSet::new();
        for s in &c.sites {
            assert!(seen.insert(s.id.as_str()), "duplicate site {}", s.id);
            assert!(
                c.group(&s.group).is_some(),
                "site {} has unknown group",
                s.id
            );
            for a in &s.aliases {
                assert!(c.site(a).is_none(), "alias {a} shadows a site id");
            }
        }
        for group in ["face", "arms", "trunk", "legs"] {
            assert!(c.sites.iter().any(|s| s.group == group));
        }
    }

    #[test]
    fn domain_sites_and_codes_are_present() {
        let c = catalog();
        for (id, group) in [
            ("eyelid", "face"),
            ("tongue", "face"),
            ("throat", "face"),
            ("thumb", "arms"),
            ("upper-back", "trunk"),
            ("lower-back", "trunk"),
            ("hamstring", "legs"),
            ("toes", "legs"),
        ] {
            assert_eq!(c.site(id).map(|s| s.group.as_str()), Some(group), "{id}");
        }
        assert_eq!(
            c.site("eyelid").and_then(|s| s.snomed_code()),
            Some("80243003")
        );
        assert_eq!(
            c.site("calf").and_then(|s| s.snomed_code()),
            Some("53840002")
        );
        assert_eq!(c.caffeine_serving("coffee").map(|s| s.mg), Some(95));
        assert_eq!(c.caffeine_serving("energy-drink").map(|s| s.mg), Some(80));
    }

    #[test]
    fn every_watched_medication_class_names_its_source() {
        // A source by name: an author and year, or a medicine's product information.
        let named = |e: &str| {
            e.split(|c: char| !c.is_ascii_digit())
                .any(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
                || e.contains("product information")
        };
        for class in catalog().medication_classes.iter().filter(|c| c.flagged) {
            assert!(named(&class.evidence), "{}: {}", class.id, class.evidence);
        }
        // Where no study of new symptoms after starting is known, the text says the link is weak.
        for id in ["calcium-channel-blocker", "arb", "stimulant", "lithium"] {
            let class = catalog().medication_class(id).unwrap();
            assert!(class.evidence.contains("weak link"), "{id}");
        }
    }

    #[test]
    fn sites_coded_finer_than_a_limb_where_a_code_was_checked() {
        let code = |id: &str| catalog().site(id).and_then(|s| s.snomed_code());
        for (id, snomed) in [
            ("knee", "72696002"),
            ("foot", "56459004"),
            ("shoulder", "16982005"),
            ("forearm", "14975008"),
            ("hand", "85562004"),
            ("thigh", "68367000"),
            ("toes", "29707007"),
            ("fingers", "7569003"),
        ] {
            assert_eq!(code(id), Some(snomed), "{id}");
        }
        // No site falls back to a whole limb any more.
        for site in &catalog().sites {
            assert!(
                !matches!(site.snomed_code(), Some("61685007" | "53120007")),
                "{} is coded as a whole limb",
                site.id
            );
            assert!(site.snomed_code().is_some(), "{} has no code", site.id);
        }
    }

    #[test]
    fn close_sites_suggest_the_intended_one() {
        let c = catalog();
        assert_eq!(c.close_sites("calff").first(), Some(&"calf"));
        assert_eq!(c.close_sites("eyelit").first(), Some(&"eyelid"));
        assert_eq!(
            c.lookup_site("Bicep").map(|s| s.id.as_str()),
            Some("upper-arm")
        );
    }
}
