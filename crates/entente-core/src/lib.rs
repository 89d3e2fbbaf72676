//! The vocabulary every Entente stage shares: partial dates and spans ([`PDate`], [`When`])
//! and event labels ([`PloverType`], [`Polarity`], [`Modality`]).

pub mod ascii;
pub mod calendar;
pub mod date;
pub mod labels;

pub use date::{DateParseError, PDate, Precision, When};
pub use labels::{LabelError, Modality, PloverType, Polarity};
