pub mod cli;
pub mod error;
pub mod formats;
pub mod glossary;
pub mod lookup;
pub mod store;
pub mod text;
