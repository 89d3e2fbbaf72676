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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
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
        let after_start = self.from.is_none_or(|f| f.first_day() <= date.last_day());
        let before_end = self.to.is_none_or(|t| date.first_day() <= t.last_day());
        after_start && before_end
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
}
