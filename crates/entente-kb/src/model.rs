//! The knowledge-base records, as read from the data files (see `data/FORMAT.md`).

use entente_core::PDate;
use serde::{Deserialize, Serialize};

/// One actor: a state, organisation, group, person, place or bloc.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subkind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso3: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub demonyms: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capital: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capital_aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metonyms: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    /// Dated membership of another actor: a group inside a bloc or under a state body for a
    /// period, a wing under its movement ([`crate::Kb::affiliation_at`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affiliations: Vec<Affiliation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A dated affiliation of an actor with another (`affiliations = [{ org = "PMF", from =
/// "2016-11" }]`); an undated `parent` is the affiliation that always holds.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Affiliation {
    pub org: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<PDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<PDate>,
}

impl Affiliation {
    /// Whether the affiliation holds at `date`, at the date's precision (as [`Role::covers`]).
    pub fn covers(&self, date: &PDate) -> bool {
        covers(self.from, self.to, date)
    }
}

/// Whether a `from`..`to` period (either end open) covers `date`: a period that starts or ends
/// inside the named year or month counts.
fn covers(from: Option<PDate>, to: Option<PDate>, date: &PDate) -> bool {
    let after_start = from.is_none_or(|f| f.first_day() <= date.last_day());
    let before_end = to.is_none_or(|t| date.first_day() <= t.last_day());
    after_start && before_end
}

/// A dated role of a person.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub org: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<PDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<PDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl Role {
    /// Whether the role is held at `date` (at the date's precision: a role that starts or
    /// ends inside the named period counts).
    pub fn covers(&self, date: &PDate) -> bool {
        covers(self.from, self.to, date)
    }
}

/// A role title and the phrases that name it.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RoleDef {
    pub key: String,
    pub phrases: Vec<String>,
    #[serde(default)]
    pub rank: i32,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ActorFile {
    #[serde(default)]
    pub actor: Vec<Actor>,
    #[serde(default)]
    pub role: Vec<RoleDef>,
    #[serde(default)]
    pub honorifics: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_coverage_is_inclusive_at_the_dates_precision() {
        let r = Role {
            org: "IRN".into(),
            title: "president".into(),
            from: Some("2013-08-03".parse().unwrap()),
            to: Some("2017-08-05".parse().unwrap()),
            label: None,
        };
        assert!(r.covers(&"2013-08".parse().unwrap()));
        assert!(r.covers(&"2017".parse().unwrap()));
        assert!(!r.covers(&"2017-09".parse().unwrap()));
        assert!(!r.covers(&"2013-07-31".parse().unwrap()));
    }

    fn affiliation_kb() -> crate::Kb {
        let toml = r#"
[[role]]
key = "secretary_general"
phrases = ["secretary general"]
[[actor]]
id = "IRQ"
name = "Iraq"
kind = "country"
[[actor]]
id = "PMF"
name = "Popular Mobilization Forces"
kind = "organization"
subkind = "state_body"
parent = "IRQ"
[[actor]]
id = "AXIS"
name = "Axis of Resistance"
kind = "bloc"
[[actor]]
id = "KH"
name = "Kataib Hezbollah"
kind = "organization"
subkind = "militia"
country = "IRQ"
affiliations = [{ org = "AXIS", from = "2003" }, { org = "PMF", from = "2016-11-26" }]
[[actor]]
id = "WING"
name = "Some Brigades"
kind = "organization"
subkind = "armed_wing"
parent = "KH"
affiliations = [{ org = "PMF", from = "2014-06", to = "2015-12" }]
[[actor]]
id = "MUHANDIS"
name = "Abu Mahdi al-Muhandis"
kind = "person"
country = "IRQ"
roles = [{ org = "KH", title = "secretary_general", from = "2003", to = "2014" }]
affiliations = [{ org = "PMF", from = "2014-06", to = "2020-01-03" }]
"#;
        crate::Kb::from_sources([("t.toml".to_string(), toml.to_string())]).unwrap()
    }

    #[test]
    fn dated_affiliations_hold_only_in_their_period() {
        let kb = affiliation_kb();
        let at = |id: &str, d: &str| {
            let date = (!d.is_empty()).then(|| d.parse::<PDate>().unwrap());
            kb.affiliation_at(kb.id(id).unwrap(), date).map(|o| kb.actors[o].id.as_str())
        };
        // before the first period, none; then the bloc; from late 2016 the state body (the
        // latest-starting period that covers the date wins)
        assert_eq!(at("KH", "2001"), None);
        assert_eq!(at("KH", "2010"), Some("AXIS"));
        assert_eq!(at("KH", "2016-11"), Some("PMF"));
        assert_eq!(at("KH", "2019-05-01"), Some("PMF"));
        // no date: two different orgs, not guessed
        assert_eq!(at("KH", ""), None);
        // a dated affiliation beats the undated parent inside its period only
        assert_eq!(at("WING", "2015"), Some("PMF"));
        assert_eq!(at("WING", "2017"), Some("KH"));
        assert_eq!(at("WING", ""), Some("KH"));
        // a person: a role at the date first, else an affiliation covering it, else the
        // latest earlier role
        assert_eq!(at("MUHANDIS", "2010"), Some("KH"));
        assert_eq!(at("MUHANDIS", "2018"), Some("PMF"));
        assert_eq!(at("MUHANDIS", "2021"), Some("KH"));
    }

    #[test]
    fn affiliations_survive_an_overlay() {
        let kb = affiliation_kb().with_overlay("o.toml", "").unwrap();
        let kh = kb.get("KH").unwrap();
        assert_eq!(kh.affiliations.len(), 2);
        assert_eq!(kh.affiliations[1].from, Some("2016-11-26".parse().unwrap()));
    }
}
