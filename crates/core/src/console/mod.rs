//! The `aws` console: command lines read as the AWS CLI reads them, so that the guide's commands
//! can be pasted into the page or given to `vaultsim aws` as they are. This is its first layer:
//! [`words`] splits a line as a shell does, [`names`] gives the CLI's names for the API model's
//! operations and parameters, [`command`] reads the words into an operation's request and the
//! global options, or the CLI's usage error (values in JSON or in [`shorthand`]), checked as
//! botocore checks a request ([`validate`]), [`query`]
//! applies `--query`, [`output`], [`table`] and [`yaml`] print a response as the CLI's JSON,
//! text, table and YAML formats do, [`run`] runs a line against a simulation as the CLI would,
//! [`complete`] offers what can end a line, and [`help`] says what the console reads.

pub mod command;
pub mod complete;
mod help;
pub mod names;
pub mod output;
pub mod paging;
pub mod query;
pub mod run;
pub mod shorthand;
pub mod table;
mod validate;
pub mod wait;
mod wide;
pub mod words;
pub mod yaml;
