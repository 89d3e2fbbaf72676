//! The labels an event carries: PLOVER 2.0 type, polarity and modality.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The 16 PLOVER 2.0 event types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum PloverType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl PloverType {
    pub const ALL: [PloverType; 16] = [
        PloverType::Agree,
        PloverType::Consult,
        PloverType::Support,
        PloverType::Concede,
        PloverType::Cooperate,
        PloverType::Aid,
        PloverType::Retreat,
        PloverType::Request,
        PloverType::Accuse,
        PloverType::Reject,
        PloverType::Threaten,
        PloverType::Protest,
        PloverType::Sanction,
        PloverType::Mobilize,
        PloverType::Coerce,
        PloverType::Assault,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            PloverType::Agree => "AGREE",
            PloverType::Consult => "CONSULT",
            PloverType::Support => "SUPPORT",
            PloverType::Concede => "CONCEDE",
            PloverType::Cooperate => "COOPERATE",
            PloverType::Aid => "AID",
            PloverType::Retreat => "RETREAT",
            PloverType::Request => "REQUEST",
            PloverType::Accuse => "ACCUSE",
            PloverType::Reject => "REJECT",
            PloverType::Threaten => "THREATEN",
            PloverType::Protest => "PROTEST",
            PloverType::Sanction => "SANCTION",
            PloverType::Mobilize => "MOBILIZE",
            PloverType::Coerce => "COERCE",
            PloverType::Assault => "ASSAULT",
        }
    }

    /// The polarity the type has when it is not negated or withdrawn.
    pub fn default_polarity(&self) -> Polarity {
        match self {
            PloverType::Agree
            | PloverType::Consult
            | PloverType::Support
            | PloverType::Concede
            | PloverType::Cooperate
            | PloverType::Aid
            | PloverType::Retreat => Polarity::Positive,
            // REQUEST is verbal conflict in PLOVER (a demand); friendly requests set "+" in the lexicon
            _ => Polarity::Negative,
        }
    }

    /// Whether "A x B" says the same as "B x A" (meetings, cooperation, agreement).
    pub fn symmetric(&self) -> bool {
        matches!(self, PloverType::Consult | PloverType::Cooperate | PloverType::Agree)
    }
}

impl fmt::Display for PloverType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown label {0:?}")]
pub struct LabelError(pub String);

impl FromStr for PloverType {
    type Err = LabelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let up = s.trim().to_ascii_uppercase();
        PloverType::ALL.into_iter().find(|t| t.as_str() == up).ok_or(LabelError(s.to_string()))
    }
}

/// `+` for cooperation, `-` for conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Polarity {
    #[serde(rename = "+")]
    Positive,
    #[serde(rename = "-")]
    Negative,
}

impl Polarity {
    pub fn as_str(&self) -> &'static str {
        match self {
            Polarity::Positive => "+",
            Polarity::Negative => "-",
        }
    }
    pub fn flip(self) -> Polarity {
        match self {
            Polarity::Positive => Polarity::Negative,
            Polarity::Negative => Polarity::Positive,
        }
    }
}

impl FromStr for Polarity {
    type Err = LabelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "+" | "1" | "+1" => Ok(Polarity::Positive),
            "-" | "-1" => Ok(Polarity::Negative),
            _ => Err(LabelError(s.to_string())),
        }
    }
}

/// Whether the text says the event happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Stated as fact by the article or a named source.
    #[default]
    Asserted,
    /// Planned, announced, forecast: "is expected to", "will", "plans to".
    Expected,
    /// Negated or denied: "did not", "denied that".
    Denied,
    /// Conditional or possible: "could", "may", "if".
    Hypothetical,
    /// Attributed to anonymous sources: "sources close to", "an official said".
    Reported,
}

impl Modality {
    pub fn as_str(&self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Expected => "expected",
            Modality::Denied => "denied",
            Modality::Hypothetical => "hypothetical",
            Modality::Reported => "reported",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_parse_from_their_names() {
        for t in PloverType::ALL {
            assert_eq!(t.as_str().parse::<PloverType>().unwrap(), t);
        }
        assert!("DISAPPROVE".parse::<PloverType>().is_err());
    }
}
