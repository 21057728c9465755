//! vaultsim-core: AWS Backup, modelled. Pure and deterministic: no I/O, no clock, no randomness
//! but a seeded one. The web app and the `vaultsim` command are thin shells around it.

pub mod api;
pub mod audit_manager;
pub mod codes;
pub mod compare;
pub mod console;
pub mod cost;
pub mod decimal;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod events;
pub mod explain;
pub mod glossary;
pub mod host;
pub mod lesson;
mod lines;
pub mod order;
pub mod plan;
pub mod policy;
pub mod random;
pub mod restore_testing;
pub mod scenario;
pub mod schedule;
pub mod services;
mod suggest;
pub mod time_text;
mod wildcard;
pub mod world;

pub use diagnostic::{Diagnostic, Severity};
