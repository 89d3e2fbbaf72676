//! The PLOVER 2.0 ontology as data (`data/plover.toml`): types with quad class, intensity,
//! modes and the CAMEO root codes mapped to each.

use std::collections::HashMap;

use entente_core::PloverType;
use serde::Deserialize;

pub const PLOVER: &str = include_str!("../data/plover.toml");

#[derive(Debug, thiserror::Error)]
#[error("plover.toml: {0}")]
pub struct OntologyError(String);

#[derive(Clone, Debug, Deserialize)]
pub struct Mode {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub intensity: Option<f64>,
    #[serde(default)]
    pub cameo: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct TypeDef {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub quad_class: String,
    #[serde(default)]
    pub intensity: f64,
    #[serde(default)]
    pub cameo_roots: Vec<String>,
    #[serde(default)]
    pub modes: Vec<Mode>,
}

#[derive(Debug, Default, Deserialize)]
struct RawOntology {
    #[serde(default, rename = "type")]
    types: Vec<TypeDef>,
}

/// The loaded ontology.
#[derive(Debug, Default)]
pub struct Ontology {
    types: HashMap<PloverType, TypeDef>,
}

impl Ontology {
    pub fn embedded() -> Result<Ontology, OntologyError> {
        Ontology::parse(PLOVER)
    }

    pub fn parse(s: &str) -> Result<Ontology, OntologyError> {
        let raw: RawOntology = toml::from_str(s).map_err(|e| OntologyError(e.to_string()))?;
        let mut types = HashMap::new();
        for t in raw.types {
            let pt: PloverType = t.name.parse().map_err(|_| OntologyError(format!("unknown type {:?}", t.name)))?;
            types.insert(pt, t);
        }
        Ok(Ontology { types })
    }

    pub fn get(&self, t: PloverType) -> Option<&TypeDef> {
        self.types.get(&t)
    }

    /// Quad class of a type (`verbal_cooperation`, ...), from the data, else by convention.
    pub fn quad_class(&self, t: PloverType) -> String {
        if let Some(d) = self.types.get(&t) {
            return d.quad_class.clone();
        }
        match t {
            PloverType::Agree | PloverType::Consult | PloverType::Support | PloverType::Concede => "verbal_cooperation",
            PloverType::Cooperate | PloverType::Aid | PloverType::Retreat => "material_cooperation",
            PloverType::Request | PloverType::Accuse | PloverType::Reject | PloverType::Threaten => "verbal_conflict",
            _ => "material_conflict",
        }
        .to_string()
    }

    /// The CAMEO code of a type and mode: the mode's first code, else the type's first root.
    pub fn cameo(&self, t: PloverType, mode: Option<&str>) -> String {
        let Some(d) = self.types.get(&t) else { return String::new() };
        if let Some(m) = mode.and_then(|m| d.modes.iter().find(|x| x.name == m)) {
            if let Some(c) = m.cameo.first() {
                return c.clone();
            }
        }
        d.cameo_roots.first().cloned().unwrap_or_default()
    }
}
